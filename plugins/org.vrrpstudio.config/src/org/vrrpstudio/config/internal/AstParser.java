package org.vrrpstudio.config.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Location;
import org.vrrpstudio.config.ast.BlankLine;
import org.vrrpstudio.config.ast.Comment;
import org.vrrpstudio.config.ast.Condition;
import org.vrrpstudio.config.ast.ConfigFile;
import org.vrrpstudio.config.ast.Include;
import org.vrrpstudio.config.ast.Node;
import org.vrrpstudio.config.ast.ParamDefinition;
import org.vrrpstudio.config.ast.Statement;

/**
 * Turns the text of one file into its lossless syntax tree. keepalived reads line by line, so this does too:
 * each line is split into a comment, an optional {@code @id} prefix, optional repeat prefixes and words/braces;
 * braces open and close blocks wherever they appear. Problems become diagnostics; parsing always completes.
 */
public final class AstParser {

    private static final List<String> INCLUDE_KEYWORDS =
            List.of("include", "includer", "includem", "includew", "includeb", "includea");

    /** Loads the files an include line matches (or nothing, when includes are not followed). */
    @FunctionalInterface
    public interface IncludeLoader {
        List<ConfigFile> load(Include include, Path includingFile);
    }

    /** A statement still being read: its block may grow until the closing brace. */
    private static final class Draft {
        Location location;
        Condition condition;
        List<String> repeats = List.of();
        String keyword;
        final List<String> arguments = new ArrayList<>();
        List<Object> block;
        String comment;
        String closingComment;
        boolean oneLine;
        int line;
    }

    /** An open block; {@code owner} is null for a stray '{' whose contents stay at the outer level. */
    private record Frame(Draft owner, List<Object> nodes, Location openBrace) {
    }

    private final Path file;
    private final List<Diagnostic> diagnostics;
    private final IncludeLoader includes;
    private final ParseBudget budget;
    private final List<Frame> frames = new ArrayList<>();
    private final List<Object> topLevel = new ArrayList<>();
    private boolean stopped;

    private AstParser(Path file, List<Diagnostic> diagnostics, IncludeLoader includes, ParseBudget budget) {
        this.file = file;
        this.diagnostics = diagnostics;
        this.includes = includes;
        this.budget = budget;
    }

    /**
     * Parses {@code text} as the contents of {@code file}, adding problems to {@code diagnostics}; {@code budget} is
     * the parse's (shared with the files it includes): once it is exhausted, nothing more is read.
     */
    public static ConfigFile parse(Path file, String text, List<Diagnostic> diagnostics, IncludeLoader includes,
            ParseBudget budget) {
        AstParser parser = new AstParser(file, diagnostics, includes, budget);
        if (budget.exhausted()) {
            return new ConfigFile(file, List.of()); // said where it ran out
        }
        parser.frames.add(new Frame(null, parser.topLevel, null));
        parser.readLines(splitLines(text, budget.linesLeft() + 1));
        parser.closeUnfinishedBlocks();
        return new ConfigFile(file, freeze(parser.topLevel));
    }

    /** The first {@code max} lines: one more than the budget allows is enough to say that it ran out. */
    static List<String> splitLines(String text, long max) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return new ArrayList<>(body.lines().limit(max).toList());
    }

    private Location at(int line, int index) {
        return new Location(file, line, index + 1);
    }

    private List<Object> current() {
        return frames.getLast().nodes();
    }

    private void readLines(List<String> lines) {
        for (int i = 0; i < lines.size() && !stopped; i++) {
            if (budget.exhausted()) {
                stopped = true; // in a file this one included: said there
                return;
            }
            if (!budget.takeLines(1)) {
                stopRead(i + 1, 0, "more than " + Limits.MAX_LINES + " lines read");
                return;
            }
            if (lines.get(i).length() > Limits.MAX_LINE_CHARS) {
                diagnostics.add(Diagnostic.error(at(i + 1, 0), "line is " + lines.get(i).length()
                        + " characters long, more than " + Limits.MAX_LINE_CHARS + "; line ignored"));
                continue;
            }
            int last = readLine(lines, i);
            if (last > i && !stopped && !budget.takeLines(last - i)) { // continuation lines
                stopRead(last + 1, 0, "more than " + Limits.MAX_LINES + " lines read");
                return;
            }
            i = last;
        }
    }

    /**
     * The parse's budget ran out here: one error, and nothing more is read, of this file or of any other (an
     * including file stops silently: its blocks left open are no error of their own).
     */
    private void stopRead(int line, int index, String what) {
        stopped = true;
        diagnostics.add(Diagnostic.error(at(line, index), what + " (this file and its includes together); the rest"
                + " is not read"));
    }

    /** Reads the line at {@code index} (and continuation lines); returns the index of the last line consumed. */
    private int readLine(List<String> lines, int index) {
        String line = lines.get(index);
        int lineNo = index + 1;
        LineText.CommentSplit split = LineText.findComment(line);
        if (split.unterminatedQuoteIndex() >= 0) {
            diagnostics.add(Diagnostic.error(at(lineNo, split.unterminatedQuoteIndex()),
                    "unterminated quoted string: the quote runs to the end of the line"));
        }
        String content = split.hasComment() ? line.substring(0, split.commentIndex()) : line;
        String comment = split.hasComment() ? line.substring(split.commentIndex()).stripTrailing() : null;
        int start = LineText.skipSpace(content, 0);
        if (start >= content.length()) {
            if (comment != null) {
                current().add(new Comment(at(lineNo, split.commentIndex()), comment.charAt(0), comment.substring(1)));
            } else if (current().isEmpty() || !(current().getLast() instanceof BlankLine)) {
                current().add(new BlankLine(at(lineNo, 0)));
            }
            return index;
        }
        if (comment != null && split.commentIndex() > 0 && !Character.isWhitespace(line.charAt(split.commentIndex() - 1))) {
            diagnostics.add(Diagnostic.warning(at(lineNo, split.commentIndex()),
                    "'" + comment.charAt(0) + "' starts a comment even inside a word: keepalived ignores the rest"
                            + " of the line (quote the word if the character belongs to it)"));
        }
        int pos = start;
        Condition condition = null;
        if (LineText.startsCondition(content, pos)) {
            int end = LineText.wordEnd(content, pos);
            condition = LineText.condition(content.substring(pos, end));
            if (condition.configId().isEmpty()) {
                diagnostics.add(Diagnostic.warning(at(lineNo, pos),
                        "'" + content.substring(pos, end) + "' names no config id: the line never applies"));
            }
            pos = LineText.skipSpace(content, end);
        }
        List<String> repeats = new ArrayList<>();
        while (LineText.startsRepeat(content, pos)) {
            int end = LineText.repeatEnd(content, pos);
            if (end < 0) {
                // keep the text as ordinary words so that nothing is lost when the file is written again
                diagnostics.add(Diagnostic.error(at(lineNo, pos), "unterminated '"
                        + content.substring(pos, content.indexOf('(', pos) + 1) + "...': missing ')'"));
                break;
            }
            repeats.add(content.substring(pos, end).strip());
            pos = LineText.skipSpace(content, end);
        }
        LineText.Definition definition = repeats.isEmpty() ? LineText.definition(content, pos) : null;
        if (definition != null) {
            return readDefinition(lines, index, pos, condition, definition, comment);
        }
        if (pos >= content.length()) {
            diagnostics.add(Diagnostic.warning(at(lineNo, start), "prefix without anything to apply to"));
            if (comment != null) {
                current().add(new Comment(at(lineNo, split.commentIndex()), comment.charAt(0), comment.substring(1)));
            }
            return index;
        }
        if (condition == null && repeats.isEmpty() && isInclude(content, pos)) {
            readInclude(lineNo, content, pos, comment);
            return index;
        }
        List<Token> tokens = LineText.tokenize(content, pos);
        if (!budget.takeWords(tokens.size())) {
            stopRead(lineNo, pos, "more than " + Limits.MAX_WORDS + " words read");
            return index;
        }
        readTokens(lineNo, tokens, condition, repeats, comment, split.commentIndex());
        return index;
    }

    /** keepalived spots includes before anything else: the first word, then the rest of the line as is. */
    private static boolean isInclude(String content, int pos) {
        int end = LineText.wordEnd(content, pos);
        return INCLUDE_KEYWORDS.contains(content.substring(pos, end)) && LineText.skipSpace(content, end) < content.length();
    }

    private void readInclude(int lineNo, String content, int pos, String comment) {
        int end = LineText.wordEnd(content, pos);
        String pattern = content.substring(LineText.skipSpace(content, end)).strip();
        Include include = new Include(at(lineNo, pos), content.substring(pos, end), pattern, List.of(), comment);
        current().add(include.withFiles(includes.load(include, file)));
    }

    private int readDefinition(List<String> lines, int index, int pos, Condition condition,
            LineText.Definition definition, String comment) {
        Location location = at(index + 1, pos);
        List<String> valueLines = new ArrayList<>();
        String first = definition.value();
        if (!LineText.endsWithContinuation(first)) {
            current().add(new ParamDefinition(location, condition, definition.name(), List.of(first.strip()), comment));
            return index;
        }
        valueLines.add(LineText.withoutContinuation(first));
        int i = index + 1;
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            LineText.CommentSplit split = LineText.findComment(line);
            String content = split.hasComment() ? line.substring(0, split.commentIndex()) : line;
            if (content.isBlank()) {
                // blank lines inside a multi-line definition do not end it (see keepalived.conf(5) examples)
                valueLines.add("");
                continue;
            }
            valueLines.add(LineText.withoutContinuation(content));
            if (!LineText.endsWithContinuation(content)) {
                break;
            }
        }
        if (i >= lines.size()) {
            diagnostics.add(Diagnostic.error(location,
                    "multi-line definition of $" + definition.name() + " is not finished: the last line ends with '\\'"));
            i = lines.size() - 1;
        }
        while (valueLines.size() > 1 && valueLines.getLast().isEmpty()) {
            valueLines.removeLast();
        }
        current().add(new ParamDefinition(location, condition, definition.name(), valueLines, comment));
        return i;
    }

    private void readTokens(int lineNo, List<Token> tokens, Condition condition, List<String> repeats, String comment,
            int commentIndex) {
        Draft onLine = null; // the statement whose words are being read on this line
        Draft lastClosed = null;
        Token last = null;
        boolean lineIsPrefixed = condition != null || !repeats.isEmpty();
        for (Token token : tokens) {
            switch (token.kind()) {
                case WORD -> {
                    if (onLine == null) {
                        onLine = new Draft();
                        onLine.location = at(lineNo, token.index());
                        onLine.line = lineNo;
                        // keepalived applies a prefix to the whole physical line, so to every statement on it
                        onLine.condition = condition;
                        onLine.repeats = repeats;
                        onLine.keyword = token.raw();
                        current().add(onLine);
                    } else {
                        onLine.arguments.add(token.raw());
                    }
                }
                case OPEN -> {
                    if (frames.size() > Limits.MAX_BLOCK_DEPTH) {
                        stopped = true;
                        diagnostics.add(Diagnostic.error(at(lineNo, token.index()), "blocks nested more than "
                                + Limits.MAX_BLOCK_DEPTH + " deep; the rest of the file is ignored"));
                        return;
                    }
                    Draft owner = onLine != null ? onLine : blockOwnerFromEarlierLine();
                    if (owner == null) {
                        diagnostics.add(Diagnostic.error(at(lineNo, token.index()),
                                "'{' without a keyword to open a block for"));
                        frames.add(new Frame(null, current(), at(lineNo, token.index())));
                    } else {
                        owner.block = new ArrayList<>();
                        if (owner != onLine && !current().isEmpty() && current().getLast() != owner) {
                            moveNodesAfterOwnerIntoBlock(owner);
                        }
                        frames.add(new Frame(owner, owner.block, at(lineNo, token.index())));
                    }
                    onLine = null;
                }
                case CLOSE -> {
                    if (frames.size() == 1) {
                        diagnostics.add(Diagnostic.error(at(lineNo, token.index()), "'}' without an open block"));
                    } else {
                        Frame closed = frames.removeLast();
                        lastClosed = closed.owner();
                        if (lastClosed != null && lastClosed.line == lineNo && lineIsPrefixed) {
                            lastClosed.oneLine = true;
                        }
                    }
                    onLine = null;
                }
            }
            last = token;
        }
        if (lineIsPrefixed) {
            warnAboutPrefixedBlockOpeners(lineNo, tokens);
        }
        if (comment != null) {
            attachTrailingComment(last, onLine, lastClosed, lineNo, comment, commentIndex);
        }
    }

    /** A '{' alone on a line opens the block of the statement just before it (comments may sit in between). */
    private Draft blockOwnerFromEarlierLine() {
        List<Object> nodes = current();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Object node = nodes.get(i);
            if (node instanceof Draft draft) {
                return draft.block == null ? draft : null;
            }
            if (!(node instanceof Comment) && !(node instanceof BlankLine)) {
                return null;
            }
        }
        return null;
    }

    private void moveNodesAfterOwnerIntoBlock(Draft owner) {
        List<Object> nodes = current();
        int ownerIndex = nodes.lastIndexOf(owner);
        List<Object> moved = new ArrayList<>(nodes.subList(ownerIndex + 1, nodes.size()));
        nodes.subList(ownerIndex + 1, nodes.size()).clear();
        moved.removeIf(BlankLine.class::isInstance);
        owner.block.addAll(moved);
    }

    private void warnAboutPrefixedBlockOpeners(int lineNo, List<Token> tokens) {
        int depth = 0;
        for (Token token : tokens) {
            depth += token.kind() == Token.Kind.OPEN ? 1 : token.kind() == Token.Kind.CLOSE ? -1 : 0;
        }
        if (depth > 0) {
            diagnostics.add(Diagnostic.warning(at(lineNo, tokens.getFirst().index()),
                    "the '@' or '~' prefix applies to this line only: keepalived still reads the block's"
                            + " following lines and its closing '}'"));
        }
    }

    private void attachTrailingComment(Token last, Draft onLine, Draft lastClosed, int lineNo, String comment,
            int commentIndex) {
        if (last != null && last.kind() == Token.Kind.CLOSE && lastClosed != null && lastClosed.closingComment == null) {
            lastClosed.closingComment = comment;
        } else if (last != null && last.kind() == Token.Kind.OPEN && frames.getLast().owner() != null
                && frames.getLast().owner().comment == null) {
            frames.getLast().owner().comment = comment;
        } else if (onLine != null) {
            onLine.comment = comment;
        } else {
            current().add(new Comment(at(lineNo, commentIndex), comment.charAt(0), comment.substring(1)));
        }
    }

    private void closeUnfinishedBlocks() {
        while (frames.size() > 1) {
            Frame open = frames.removeLast();
            if (stopped) {
                continue; // the nesting error said why
            }
            diagnostics.add(Diagnostic.error(open.openBrace(),
                    "'{' is never closed: missing '}'" + (open.owner() == null ? "" : " for '" + open.owner().keyword + "'")));
        }
    }

    private static List<Node> freeze(List<Object> drafts) {
        List<Node> nodes = new ArrayList<>(drafts.size());
        for (Object item : drafts) {
            if (item instanceof Draft d) {
                nodes.add(new Statement(d.location, d.condition, d.repeats, d.keyword, d.arguments,
                        d.block == null ? null : freeze(d.block), d.comment, d.closingComment, d.oneLine));
            } else {
                nodes.add((Node) item);
            }
        }
        return nodes;
    }
}
