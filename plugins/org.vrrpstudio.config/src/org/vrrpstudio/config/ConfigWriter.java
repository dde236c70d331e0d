package org.vrrpstudio.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vrrpstudio.config.ast.BlankLine;
import org.vrrpstudio.config.ast.Comment;
import org.vrrpstudio.config.ast.ConfigFile;
import org.vrrpstudio.config.ast.Include;
import org.vrrpstudio.config.ast.Node;
import org.vrrpstudio.config.ast.ParamDefinition;
import org.vrrpstudio.config.ast.Statement;
import org.vrrpstudio.config.internal.LineText;
import org.vrrpstudio.config.internal.StatementText;
import org.vrrpstudio.config.internal.Token;

/**
 * Writes syntax trees as canonical keepalived.conf text: 4-space indentation (as in keepalived's own samples
 * and documentation), one statement per line, {@code {} on the keyword's line, single spaces between words,
 * runs of blank lines collapsed to one, comments where they were, {@code \n} line ends, a final newline.
 * Arguments are written as they were quoted. {@code format(parse(format(x))) == format(x)}.
 */
public final class ConfigWriter {

    private static final String INDENT = "    ";

    /** The canonical text of one file (its includes stay {@code include} lines). */
    public String format(ConfigFile file) {
        StringBuilder text = new StringBuilder();
        writeNodes(file.nodes(), 0, text);
        return text.toString();
    }

    /** The canonical text of the main file and of every file it includes, directly or not, in reading order. */
    public Map<Path, String> formatAll(ParseResult result) {
        Map<Path, String> texts = new LinkedHashMap<>();
        for (ConfigFile file : result.files()) {
            texts.putIfAbsent(file.path(), format(file));
        }
        return texts;
    }

    /**
     * Replaces {@code target} with {@code text} atomically, readable by the owner only (0600), because
     * keepalived.conf holds {@code auth_pass} secrets.
     */
    public void write(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void writeNodes(List<Node> nodes, int depth, StringBuilder text) {
        Node previous = null;
        for (Node node : nodes) {
            if (node instanceof BlankLine && previous instanceof BlankLine) {
                continue;
            }
            writeNode(node, depth, text);
            previous = node;
        }
    }

    private void writeNode(Node node, int depth, StringBuilder text) {
        switch (node) {
            case BlankLine blank -> text.append('\n');
            case Comment comment -> indent(depth, text).append(comment.raw()).append('\n');
            case Include include -> {
                indent(depth, text).append(include.keyword()).append(' ').append(include.pattern());
                endLine(include.comment(), text);
            }
            case ParamDefinition definition -> writeDefinition(definition, depth, text);
            case Statement statement -> writeStatement(statement, depth, text);
        }
    }

    private void writeStatement(Statement statement, int depth, StringBuilder text) {
        if (StatementText.staysOnOneLine(statement)) {
            indent(depth, text).append(StatementText.oneLine(statement));
            endLine(statement.closingComment(), text);
            return;
        }
        indent(depth, text).append(StatementText.header(statement));
        if (!statement.hasBlock()) {
            endLine(statement.comment(), text);
            return;
        }
        text.append(" {");
        endLine(statement.comment(), text);
        writeNodes(statement.block(), depth + 1, text);
        indent(depth, text).append('}');
        endLine(statement.closingComment(), text);
    }

    private void writeDefinition(ParamDefinition definition, int depth, StringBuilder text) {
        indent(depth, text);
        if (definition.condition() != null) {
            text.append(definition.condition()).append(' ');
        }
        text.append('$').append(definition.name()).append('=').append(definition.valueLines().getFirst());
        List<String> lines = definition.valueLines();
        if (lines.size() == 1) {
            endLine(definition.comment(), text);
            return;
        }
        text.append(" \\");
        endLine(definition.comment(), text);
        int level = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                text.append('\n');
                continue;
            }
            int opens = 0;
            int closesFirst = 0;
            boolean leading = true;
            for (Token token : LineText.tokenize(line, 0)) {
                if (token.kind() == Token.Kind.CLOSE) {
                    if (leading) {
                        closesFirst++;
                    } else {
                        opens--;
                    }
                } else {
                    leading = false;
                    if (token.kind() == Token.Kind.OPEN) {
                        opens++;
                    }
                }
            }
            level = Math.max(0, level - closesFirst);
            indent(depth + 1 + level, text).append(line);
            level = Math.max(0, level + opens);
            text.append(i < lines.size() - 1 ? " \\" : "").append('\n');
        }
    }

    private static void endLine(String comment, StringBuilder text) {
        if (comment != null) {
            text.append(' ').append(comment);
        }
        text.append('\n');
    }

    private static StringBuilder indent(int depth, StringBuilder text) {
        return text.append(INDENT.repeat(depth));
    }
}
