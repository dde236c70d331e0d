package org.vrrpstudio.ui.logic;

/** A stretch of text (offset and length in characters) of one {@link TokenKind}. */
public record HighlightRange(int offset, int length, TokenKind kind) {

    public HighlightRange {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("bad range " + offset + "+" + length);
        }
    }

    public int end() {
        return offset + length;
    }
}
