package org.vrrpstudio.config.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Location;
import org.vrrpstudio.config.Resolution;
import org.vrrpstudio.config.ast.Condition;
import org.vrrpstudio.config.ast.ConfigFile;
import org.vrrpstudio.config.ast.Include;
import org.vrrpstudio.config.ast.Node;
import org.vrrpstudio.config.ast.ParamDefinition;
import org.vrrpstudio.config.ast.Statement;

/**
 * Computes what keepalived applies for one config id. Like keepalived it works on lines: the syntax tree is
 * replayed as lines (includes inlined), and each line goes through: {@code @id} check, {@code $NAME=} definition,
 * {@code ~SEQ}/{@code ~LST} expansion, parameter substitution (a multi-line value becomes several lines, each
 * processed again), and finally words and braces build the resolved tree.
 */
public final class Resolver {

    /** Guards against definitions that refer to themselves and runaway sequences. */
    private static final int MAX_NESTING = 64;
    private static final int MAX_SUBSTITUTIONS_PER_LINE = 10_000;
    private static final long MAX_GENERATED_LINES = Limits.MAX_GENERATED_LINES;
    private static final long MAX_WORK = Limits.MAX_WORK;
    /** Stands for the '$' of a built-in kept for the director while the line is processed (a private-use char). */
    private static final char KEPT_DOLLAR = '\uE000';

    private final String configId;
    /**
     * Whether the built-ins whose value belongs to the director ({@code ${_PWD}}, {@code ${_INSTANCE}} without a
     * config id) are kept as written instead of being evaluated on this machine: so for an import on a workstation,
     * false for the daemon reading its own file on the director.
     */
    private final boolean keepDirectorBuiltins;
    private final Path mainDirectory;
    private final Map<String, String> parameters = new HashMap<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<Diagnostic> reported = new HashSet<>();
    private final ResolvedTreeBuilder tree = new ResolvedTreeBuilder(diagnostics);
    private long generatedLines;
    private long generatedWords;
    private long work;
    private boolean budgetExceeded;
    /**
     * Set when the line being expanded went too deep: the rest of that one line's expansion is dropped, so a
     * definition that uses itself gives one error instead of one per generated line (thousands, exponential work).
     */
    private boolean lineAbandoned;

    private Resolver(String configId, boolean keepDirectorBuiltins, Path mainDirectory) {
        this.configId = configId;
        this.keepDirectorBuiltins = keepDirectorBuiltins;
        this.mainDirectory = mainDirectory;
    }

    public static Resolution resolve(ConfigFile main, String configId) {
        return resolve(main, configId, false);
    }

    /**
     * @param keepDirectorBuiltins keep {@code ${_PWD}} (as {@code ${_PWD}} in the main file's folder, and
     *                             {@code ${_PWD}/RELATIVE} in an included file's, so the one file written for the
     *                             director means the same there) and {@code ${_INSTANCE}} (when no config id is
     *                             given) for the director to evaluate
     */
    public static Resolution resolve(ConfigFile main, String configId, boolean keepDirectorBuiltins) {
        Resolver resolver = new Resolver(configId, keepDirectorBuiltins, directoryOf(main.path()));
        resolver.walk(main.nodes(), directoryOf(main.path()));
        return new Resolution(configId, resolver.tree.finish(), resolver.diagnostics);
    }

    private static Path directoryOf(Path file) {
        Path absolute = file.toAbsolutePath();
        return absolute.getParent() == null ? absolute : absolute.getParent();
    }

    private void walk(List<Node> nodes, Path dir) {
        for (Node node : nodes) {
            switch (node) {
                case Statement statement -> walkStatement(statement, dir);
                case Include include -> include.files().forEach(f -> walk(f.nodes(), directoryOf(f.path())));
                case ParamDefinition definition -> define(definition);
                default -> {
                    // comments and blank lines do not reach keepalived
                }
            }
        }
    }

    private void define(ParamDefinition definition) {
        Condition condition = definition.condition();
        if (condition == null || condition.appliesTo(configId)) {
            parameters.put(definition.name(), definition.value().strip());
        }
    }

    private void walkStatement(Statement statement, Path dir) {
        Location location = statement.location();
        if (StatementText.staysOnOneLine(statement)) {
            line(StatementText.oneLine(statement), location, statement, dir, 0);
            return;
        }
        line(StatementText.header(statement) + (statement.hasBlock() ? " {" : ""), location, statement, dir, 0);
        if (statement.hasBlock()) {
            walk(statement.block(), dir);
            line("}", location, statement, dir, 0);
        }
    }

    /** Runs one line through keepalived's line processing. */
    private void line(String text, Location location, Statement source, Path dir, int nesting) {
        if (nesting == 0) {
            lineAbandoned = false;
        }
        if (budgetExceeded || lineAbandoned) {
            return;
        }
        work += 64 + text.length();
        if (work > MAX_WORK) {
            budgetExceeded = true;
            report(Diagnostic.error(location, "expansion needs too much work (more than " + (MAX_WORK >> 20)
                    + " M characters processed); stopped"));
            return;
        }
        if (nesting > MAX_NESTING) {
            lineAbandoned = true;
            report(Diagnostic.error(location,
                    "parameter or sequence expansion nested more than " + MAX_NESTING + " deep (a definition that uses itself?)"));
            return;
        }
        int pos = LineText.skipSpace(text, 0);
        if (pos >= text.length()) {
            return;
        }
        if (LineText.startsCondition(text, pos)) {
            int end = LineText.wordEnd(text, pos);
            if (!LineText.condition(text.substring(pos, end)).appliesTo(configId)) {
                return;
            }
            pos = LineText.skipSpace(text, end);
        }
        LineText.Definition definition = LineText.definition(text, pos);
        if (definition != null) {
            parameters.put(definition.name(), definition.value().strip());
            return;
        }
        if (LineText.startsRepeat(text, pos)) {
            repeat(text, pos, location, source, dir, nesting);
            return;
        }
        String rest = text.substring(pos);
        Substitution substituted = substitute(rest, dir, location);
        if (substituted.lines() != null) {
            for (String generated : substituted.lines()) {
                line(generated, location, source, dir, nesting + 1);
            }
        } else if (!substituted.text().equals(rest)) {
            line(substituted.text(), location, source, dir, nesting + 1);
        } else {
            emit(rest, location, source);
        }
    }

    /**
     * Adds {@code diagnostic} unless the same error at the same place was already said: a line expanded many times
     * (a ~SEQ body, a multi-line value) would otherwise repeat it once per generated line.
     */
    private void report(Diagnostic diagnostic) {
        if (reported.add(diagnostic)) {
            diagnostics.add(diagnostic);
        }
    }

    private void emit(String marked, Location location, Statement source) {
        String text = marked.replace(KEPT_DOLLAR, '$');
        if (++generatedLines > MAX_GENERATED_LINES) {
            budgetExceeded = true;
            report(Diagnostic.error(location, "expansion produces more than " + MAX_GENERATED_LINES
                    + " lines; stopped"));
            return;
        }
        LineText.CommentSplit split = LineText.findComment(text);
        if (split.unterminatedQuoteIndex() >= 0) {
            report(Diagnostic.error(location, "unterminated quoted string after substitution"));
        }
        List<Token> tokens = LineText.tokenize(text, 0);
        generatedWords += tokens.size();
        if (generatedWords > Limits.MAX_WORDS) { // the resolved tree's memory: a parameter of many words, used often
            budgetExceeded = true;
            report(Diagnostic.error(location, "expansion produces more than " + Limits.MAX_WORDS + " words; stopped"));
            return;
        }
        tree.line(tokens, location, source);
    }

    private void repeat(String text, int pos, Location location, Statement source, Path dir, int nesting) {
        int end = LineText.repeatEnd(text, pos);
        if (end < 0) {
            report(Diagnostic.error(location, "unterminated '~SEQ(...)' or '~LST(...)': missing ')'"));
            return;
        }
        String head = text.substring(pos, end);
        Substitution arguments = substitute(head, dir, location);
        if (arguments.text().isEmpty()) {
            return; // substitution failed and said so
        }
        if (arguments.lines() != null) {
            report(Diagnostic.error(location, "a multi-line parameter cannot be used inside " + head));
            return;
        }
        Repeat parsed = Repeat.parse(arguments.text());
        if (parsed.error() != null) {
            report(Diagnostic.error(location, "bad " + head + ": " + parsed.error()));
            return;
        }
        String body = text.substring(end);
        for (List<String> values : parsed.iterations()) {
            for (int i = 0; i < values.size(); i++) {
                parameters.put(parsed.variables().get(i), values.get(i));
            }
            line(body, location, source, dir, nesting + 1);
            if (budgetExceeded || lineAbandoned) {
                return;
            }
        }
    }

    /** The text after substitution; {@code lines} is set when a multi-line value was substituted. */
    private record Substitution(String text, List<String> lines) {
    }

    private Substitution substitute(String original, Path dir, Location location) {
        String text = original;
        int count = 0;
        int i = text.indexOf('$');
        while (i >= 0) {
            int nameStart;
            int nameEnd;
            int refEnd;
            if (i + 1 < text.length() && text.charAt(i + 1) == '{') {
                nameStart = i + 2;
                nameEnd = text.indexOf('}', nameStart);
                refEnd = nameEnd + 1;
            } else {
                nameStart = i + 1;
                nameEnd = nameStart;
                while (nameEnd < text.length() && isNameChar(text.charAt(nameEnd), nameEnd == nameStart)) {
                    nameEnd++;
                }
                refEnd = nameEnd;
                // a bare $NAME is replaced only when whitespace or the end of the line follows it
                if (refEnd < text.length() && !Character.isWhitespace(text.charAt(refEnd))) {
                    nameEnd = -1;
                }
            }
            String name = nameEnd > nameStart ? text.substring(nameStart, nameEnd) : null;
            String kept = name == null ? null : keptForDirector(name, dir);
            if (kept != null) {
                // the director evaluates it: written as the user wrote it (plus an include's folder); marked so
                // that the passes after this one leave it alone, and turned back into '$' when the line is emitted
                String marked = KEPT_DOLLAR + kept.substring(1);
                text = text.substring(0, i) + marked + text.substring(refEnd);
                i = text.indexOf('$', i + marked.length());
                continue;
            }
            String value = name == null ? null : lookup(name, dir);
            if (value == null) {
                i = text.indexOf('$', i + 1);
                continue;
            }
            if (++count > MAX_SUBSTITUTIONS_PER_LINE) {
                report(Diagnostic.error(location, "parameter substitution does not end"
                        + " (a parameter whose value uses itself?)"));
                return new Substitution(original, null);
            }
            if ((long) text.length() - (refEnd - i) + value.length() > Limits.MAX_LINE_CHARS) {
                report(Diagnostic.error(location, "parameter substitution makes the line longer than "
                        + Limits.MAX_LINE_CHARS + " characters; line ignored"));
                return new Substitution("", null);
            }
            text = text.substring(0, i) + value + text.substring(refEnd);
            work += text.length(); // each substitution copies the line
            if (work > MAX_WORK) {
                if (!budgetExceeded) {
                    budgetExceeded = true;
                    report(Diagnostic.error(location, "expansion needs too much work (more than "
                            + (MAX_WORK >> 20) + " M characters processed); stopped"));
                }
                return new Substitution("", null);
            }
            if (value.indexOf('\n') >= 0) {
                return new Substitution(text, splitLines(text));
            }
            i = text.indexOf('$', i); // the value itself may refer to parameters
        }
        return new Substitution(text, null);
    }

    /** Built-in names (_PWD, _INSTANCE, _HASH, _BANG) start with '_': a cheap test before comparing strings. */
    private static boolean isBuiltinName(String name) {
        return !name.isEmpty() && name.charAt(0) == '_';
    }

    /** {@code text.split("\n", -1)} without a regular expression (which a fuzzer's regex hooks make expensive). */
    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            lines.add(text.substring(start, nl));
            start = nl + 1;
        }
        lines.add(text.substring(start));
        return List.copyOf(lines);
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (!first && c >= '0' && c <= '9');
    }

    /** The text that stands for a director-evaluated built-in, or null to look the name up here. */
    private String keptForDirector(String name, Path dir) {
        if (!keepDirectorBuiltins || !isBuiltinName(name) || parameters.containsKey(name)) {
            return null;
        }
        return switch (name) {
            case "_PWD" -> {
                Path relative = mainDirectory.relativize(dir);
                yield relative.toString().isEmpty() ? "${_PWD}" : "${_PWD}/" + relative.toString().replace('\\', '/');
            }
            case "_INSTANCE" -> configId == null ? "${_INSTANCE}" : null;
            default -> null;
        };
    }

    private String lookup(String name, Path dir) {
        String defined = parameters.get(name);
        if (defined != null || !isBuiltinName(name)) {
            return defined;
        }
        return switch (name) {
            case "_PWD" -> dir.toString();
            case "_INSTANCE" -> configId;
            case "_HASH" -> "#";
            case "_BANG" -> "!";
            default -> null;
        };
    }
}
