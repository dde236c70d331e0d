package org.vrrpstudio.deploy.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ClusterValidator;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.cluster.ScriptHost;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.ScriptPaths;
import org.vrrpstudio.config.Severity;

/**
 * keepalived's script rules (script_user, keepalived_script, enable_script_security) judged on the director over SSH:
 * a {@link ScriptHost} whose file modes come from {@code stat -c '%u %g %f %n'} (the script and every folder above it,
 * not following symlinks; a symlink's target from {@code readlink -f}) and whose users come from
 * {@code getent passwd USER}. The validator applies the same rules ({@link ScriptPaths}) as {@code check} does on the
 * machine it runs on, so the words are the same. Answers are cached for one deploy; what cannot be asked counts as
 * unknown (no warning), never as a failure.
 */
public final class RemoteScriptHost {

    private final SshConnection connection;
    private final Map<Path, Optional<ScriptPaths.Entry>> entries = new HashMap<>();
    private final Map<String, Optional<Boolean>> users = new HashMap<>();
    private final Map<Path, Optional<Path>> realPaths = new HashMap<>();
    private final ScriptHost host;
    private final String director;
    /** Set when a look-up failed: the deploy says so once. */
    private String failure;

    public RemoteScriptHost(SshConnection connection, String director) {
        this.connection = connection;
        this.director = director;
        this.host = ScriptHost.of(director, this::entry, this::realPath, this::userExists);
    }

    public ScriptHost host() {
        return host;
    }

    /**
     * What the director has answered so far, without the connection: a question not asked then is unknown (see
     * {@link ScriptHost#recorded}). The console keeps it to judge the model's scripts in its Problems view.
     */
    public ScriptHost recorded() {
        return ScriptHost.recorded(director, entries, realPaths, users);
    }

    /** Why a look-up could not be made (the first), if one could not. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * The warnings the director's answers add to the validator's for {@code configText}, each with its line in the
     * new file: an unsafe path of a script that runs as root, a user that does not exist there. Empty when the file
     * does not import (the validate step says why).
     */
    public List<String> warnings(String configText, String configPath, String director) {
        ParseResult parsed = new ConfigParser().parseWithoutIncludes(Path.of(configPath), configText);
        ImportResult imported = new ClusterImporter().importSingle(parsed, director);
        if (imported.cluster().isEmpty()) {
            return List.of();
        }
        Set<String> known = ClusterValidator.validate(imported.cluster().get(), imported.sources(), ScriptHost.NONE).stream()
                .map(Diagnostic::message).collect(Collectors.toSet());
        List<String> found = new ArrayList<>();
        for (Diagnostic d : ClusterValidator.validate(imported.cluster().get(), imported.sources(), host)) {
            if (d.severity() == Severity.WARNING && !known.contains(d.message())) {
                found.add(d.message() + (d.location().isKnown() ? " (line " + d.location().line() + " of the new file)" : ""));
            }
        }
        return found;
    }

    private Optional<ScriptPaths.Entry> entry(Path path) {
        if (!entries.containsKey(path)) {
            stat(path);
        }
        return entries.getOrDefault(path, Optional.empty());
    }

    /** The path and every folder above it in one command; what stat does not answer does not exist (or is hidden). */
    private void stat(Path path) {
        Set<Path> wanted = new LinkedHashSet<>();
        for (Path p = path; p != null; p = p.getParent()) {
            if (!entries.containsKey(p)) {
                wanted.add(p);
            }
        }
        StringBuilder command = new StringBuilder("LC_ALL=C stat -c '%u %g %f %n' --");
        wanted.forEach(p -> command.append(' ').append(RemoteNames.shellQuote(p.toString())));
        try {
            ExecResult result = connection.exec(command.toString());
            for (String line : result.stdout().split("\n")) {
                String[] parts = line.split(" ", 4);
                if (parts.length == 4) {
                    try {
                        entries.put(Path.of(parts[3]), Optional.of(new ScriptPaths.Entry(Integer.parseInt(parts[0]),
                                Integer.parseInt(parts[1]), Integer.parseInt(parts[2], 16))));
                    } catch (RuntimeException e) {
                        // not a stat line (a login banner...): ignored
                    }
                }
            }
            wanted.forEach(p -> entries.putIfAbsent(p, Optional.empty()));
        } catch (RemoteFailure e) {
            failed(e);
            wanted.forEach(p -> entries.putIfAbsent(p, Optional.empty()));
        }
    }

    private Optional<Path> realPath(Path path) {
        return realPaths.computeIfAbsent(path, p -> {
            try {
                ExecResult result = connection.exec("readlink -f -- " + RemoteNames.shellQuote(p.toString()));
                String target = result.stdout().strip();
                return result.succeeded() && target.startsWith("/") ? Optional.of(Path.of(target)) : Optional.empty();
            } catch (RemoteFailure e) {
                failed(e);
                return Optional.empty();
            }
        });
    }

    /** getent's exit code: 0 found, 2 not found; anything else (no getent...) cannot tell. */
    private Optional<Boolean> userExists(String name) {
        return users.computeIfAbsent(name, n -> {
            try {
                ExecResult result = connection.exec("getent passwd " + RemoteNames.shellQuote(n));
                return switch (result.exitCode()) {
                    case 0 -> Optional.of(true);
                    case 2 -> Optional.of(false);
                    default -> Optional.empty();
                };
            } catch (RemoteFailure e) {
                failed(e);
                return Optional.empty();
            }
        });
    }

    private void failed(RemoteFailure e) {
        if (failure == null) {
            failure = e.getMessage();
        }
    }
}
