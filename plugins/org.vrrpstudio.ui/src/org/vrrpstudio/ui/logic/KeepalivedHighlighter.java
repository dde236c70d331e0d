package org.vrrpstudio.ui.logic;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits keepalived.conf text into coloured ranges: the first word of a statement is its keyword, {@code #} and
 * {@code !} start comments, quoted words are strings, numbers and IP addresses are numbers. Works line by line
 * on whatever text it gets (it never fails on broken syntax), so the side-by-side view can colour any file.
 */
public final class KeepalivedHighlighter {

    private static final Pattern NUMBER = Pattern.compile("[0-9][0-9a-fA-F.:/]*|[0-9a-fA-F]*:[0-9a-fA-F:.]*(/\\d+)?");

    public List<HighlightRange> highlight(String text) {
        List<HighlightRange> ranges = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            highlightLine(text, lineStart, lineEnd, ranges);
            lineStart = lineEnd + 1;
        }
        return ranges;
    }

    private static void highlightLine(String text, int start, int end, List<HighlightRange> ranges) {
        boolean firstWord = true;
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || c == '!') {
                ranges.add(new HighlightRange(i, end - i, TokenKind.COMMENT));
                return;
            } else if (c == '{' || c == '}') {
                ranges.add(new HighlightRange(i, 1, TokenKind.BRACE));
                i++;
            } else if (c == '"') {
                int close = text.indexOf('"', i + 1);
                int stop = close < 0 || close >= end ? end : close + 1;
                ranges.add(new HighlightRange(i, stop - i, TokenKind.STRING));
                firstWord = false;
                i = stop;
            } else {
                int stop = i;
                while (stop < end && !Character.isWhitespace(text.charAt(stop)) && "{}\"".indexOf(text.charAt(stop)) < 0) {
                    stop++;
                }
                String word = text.substring(i, stop);
                if (firstWord && Character.isLetter(c)) {
                    ranges.add(new HighlightRange(i, stop - i, TokenKind.KEYWORD));
                } else if (NUMBER.matcher(word).matches() && word.chars().anyMatch(Character::isDigit)) {
                    ranges.add(new HighlightRange(i, stop - i, TokenKind.NUMBER));
                }
                firstWord = false;
                i = stop;
            }
        }
    }
}
