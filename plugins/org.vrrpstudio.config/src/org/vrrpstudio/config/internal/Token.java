package org.vrrpstudio.config.internal;

/** A word or a brace of one line; {@code index} is 0-based in the line (column = index + 1). */
public record Token(Kind kind, String raw, int index) {

    public enum Kind {
        WORD, OPEN, CLOSE
    }

    public boolean isWord() {
        return kind == Kind.WORD;
    }
}
