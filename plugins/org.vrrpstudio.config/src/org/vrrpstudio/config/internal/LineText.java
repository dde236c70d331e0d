package org.vrrpstudio.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lexical rules of one keepalived.conf line, shared by the parser (source lines) and the resolver
 * (lines produced by substitution): comments, words, braces, the {@code @id} prefix, {@code ~SEQ}/{@code ~LST}
 * prefixes and {@code $NAME=} definitions. All methods are pure.
 */
public final class LineText {

    private static final Pattern DEFINITION = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);
    private static final List<String> REPEAT_STARTS = List.of("~SEQx(", "~SEQ(", "~LST(");

    private LineText() {
    }

    /** Where a comment starts, found as keepalived does: {@code #} or {@code !} anywhere outside quotes. */
    public record CommentSplit(int commentIndex, int unterminatedQuoteIndex) {
        public boolean hasComment() {
            return commentIndex >= 0;
        }
    }

    public static CommentSplit findComment(String line) {
        char quote = 0;
        int quoteStart = -1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (Quoting.isQuote(c)) {
                quote = c;
                quoteStart = i;
            } else if (c == '#' || c == '!') {
                return new CommentSplit(i, -1);
            }
        }
        return new CommentSplit(-1, quote != 0 ? quoteStart : -1);
    }

    /** Index of the first non-whitespace character at or after {@code from}, or {@code text.length()}. */
    public static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Index just after the word (up to whitespace) starting at {@code from}. */
    public static int wordEnd(String text, int from) {
        int i = from;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Splits text (no comment) into words and braces; braces outside quotes are tokens even inside a word. */
    public static List<Token> tokenize(String text, int from) {
        List<Token> tokens = new ArrayList<>();
        int i = from;
        while (true) {
            i = skipSpace(text, i);
            if (i >= text.length()) {
                return tokens;
            }
            char c = text.charAt(i);
            if (c == '{' || c == '}') {
                tokens.add(new Token(c == '{' ? Token.Kind.OPEN : Token.Kind.CLOSE, String.valueOf(c), i));
                i++;
                continue;
            }
            int start = i;
            char quote = 0;
            while (i < text.length()) {
                char w = text.charAt(i);
                if (quote != 0) {
                    if (w == '\\' && i + 1 < text.length()) {
                        i++;
                    } else if (w == quote) {
                        quote = 0;
                    }
                } else if (Quoting.isQuote(w)) {
                    quote = w;
                } else if (w == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                    // ${NAME} is a parameter reference, not a block
                    int close = text.indexOf('}', i + 2);
                    i = close < 0 ? text.length() : close + 1;
                    continue;
                } else if (Character.isWhitespace(w) || w == '{' || w == '}') {
                    break;
                }
                i++;
            }
            tokens.add(new Token(Token.Kind.WORD, text.substring(start, i), start));
        }
    }

    /** The {@code @id} or {@code @^id} word at {@code from}, if the text has one there. */
    public static boolean startsCondition(String text, int from) {
        return from < text.length() && text.charAt(from) == '@';
    }

    /** Parses the condition word {@code text[from, wordEnd)}; the id may be empty (then it never matches). */
    public static org.vrrpstudio.config.ast.Condition condition(String word) {
        boolean negated = word.startsWith("@^");
        return new org.vrrpstudio.config.ast.Condition(word.substring(negated ? 2 : 1), negated);
    }

    /** Whether a {@code ~SEQ(}, {@code ~SEQx(} or {@code ~LST(} prefix starts at {@code from}. */
    public static boolean startsRepeat(String text, int from) {
        // the first character alone rules out nearly every line, before the string comparisons (which a fuzzer's
        // comparison hooks make expensive on long lines: about a tenth of the config fuzzer's time went there)
        if (from >= text.length() || text.charAt(from) != '~') {
            return false;
        }
        for (String start : REPEAT_STARTS) {
            if (text.startsWith(start, from)) {
                return true;
            }
        }
        return false;
    }

    /** Index just after the {@code )} closing the repeat prefix at {@code from}, or -1 if it is unterminated. */
    public static int repeatEnd(String text, int from) {
        int depth = 0;
        for (int i = text.indexOf('(', from); i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '{') {
                depth++;
            } else if (c == ')' || c == '}') {
                depth--;
                if (depth == 0) {
                    return c == ')' ? i + 1 : -1;
                }
            }
        }
        return -1;
    }

    /** A {@code $NAME=value} definition at {@code from}, or {@code null}. */
    public static Definition definition(String text, int from) {
        if (from >= text.length() || text.charAt(from) != '$') {
            return null; // what the pattern would say, without running a matcher for every line
        }
        Matcher m = DEFINITION.matcher(text);
        m.region(from, text.length());
        return m.matches() ? new Definition(m.group(1), m.group(2)) : null;
    }

    /** The parts of a {@code $NAME=value} line; {@code value} is untrimmed. */
    public record Definition(String name, String value) {
    }

    /** Whether an unquoted line ends with a backslash (continuation of a multi-line definition). */
    public static boolean endsWithContinuation(String content) {
        return content.stripTrailing().endsWith("\\");
    }

    /** {@code content} without its trailing backslash and surrounding whitespace. */
    public static String withoutContinuation(String content) {
        String trimmed = content.strip();
        return trimmed.endsWith("\\") ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed;
    }
}
