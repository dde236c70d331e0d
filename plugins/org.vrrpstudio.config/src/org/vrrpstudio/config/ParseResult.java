package org.vrrpstudio.config;

import java.util.ArrayList;
import java.util.List;

import org.vrrpstudio.config.ast.ConfigFile;
import org.vrrpstudio.config.ast.Include;
import org.vrrpstudio.config.ast.Node;
import org.vrrpstudio.config.ast.Statement;
import org.vrrpstudio.config.internal.Resolver;

/** The syntax tree of a main file and its includes, with the syntax problems found while reading them. */
public final class ParseResult {

    private final ConfigFile main;
    private final List<Diagnostic> diagnostics;

    public ParseResult(ConfigFile main, List<Diagnostic> diagnostics) {
        this.main = main;
        this.diagnostics = List.copyOf(diagnostics);
    }

    public ConfigFile main() {
        return main;
    }

    /** Syntax problems of the main file and all included files, in reading order. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    /** The main file followed by every included file (depth first, in include order). */
    public List<ConfigFile> files() {
        List<ConfigFile> files = new ArrayList<>();
        collect(main, files);
        return files;
    }

    private static void collect(ConfigFile file, List<ConfigFile> into) {
        into.add(file);
        collectNodes(file.nodes(), into);
    }

    private static void collectNodes(List<Node> nodes, List<ConfigFile> into) {
        for (Node node : nodes) {
            if (node instanceof Include include) {
                include.files().forEach(f -> collect(f, into));
            } else if (node instanceof Statement statement) {
                collectNodes(statement.children(), into);
            }
        }
    }

    /**
     * The config ids the file and its includes name in {@code @id} / {@code @^id} lines (statements at any depth
     * and {@code $NAME=} definitions), sorted: the ids the file is written for.
     */
    public java.util.SortedSet<String> configIds() {
        java.util.SortedSet<String> ids = new java.util.TreeSet<>();
        for (ConfigFile file : files()) {
            collectIds(file.nodes(), ids);
        }
        return ids;
    }

    private static void collectIds(List<Node> nodes, java.util.SortedSet<String> into) {
        for (Node node : nodes) {
            if (node instanceof Statement statement) {
                if (statement.condition() != null && !statement.condition().configId().isEmpty()) {
                    into.add(statement.condition().configId());
                }
                collectIds(statement.children(), into);
            } else if (node instanceof org.vrrpstudio.config.ast.ParamDefinition definition && definition.condition() != null
                    && !definition.condition().configId().isEmpty()) {
                into.add(definition.condition().configId());
            }
        }
    }

    /**
     * What keepalived would apply when run with {@code -i configId} ({@code null}: no config id).
     * Problems found while resolving are dropped here; use {@link #resolution(String)} to get them.
     */
    public List<ResolvedStatement> resolve(String configId) {
        return resolution(configId).statements();
    }

    /** The resolved statements for {@code configId} with the problems found while resolving. */
    public Resolution resolution(String configId) {
        return Resolver.resolve(main, configId);
    }

    /**
     * The same, read on a machine that is not the director the file is for (an import on a workstation): the
     * built-ins whose value only the director knows stay as written, {@code ${_PWD}} (in an included file
     * {@code ${_PWD}/FOLDER}, that folder relative to the main file's) and, without a config id,
     * {@code ${_INSTANCE}}; {@code ${_RANDOM ...}} is never evaluated at all. Parameters, conditions and
     * {@code ~SEQ} do not depend on the machine and are applied.
     */
    public Resolution resolutionForDirector(String configId) {
        return Resolver.resolve(main, configId, true);
    }
}
