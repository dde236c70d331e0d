package org.vrrpstudio.cluster;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Optional;

import org.vrrpstudio.config.ScriptPaths;

/**
 * What the validator can learn about the host where the scripts run (keepalived's script rules need it): whether a
 * script's path can be changed by a non-root user, and whether a user exists. {@link #NONE} knows nothing (the
 * console, far from the director); {@link #LOCAL} is this machine ({@code vrrpstudio check} run on the director).
 */
public interface ScriptHost {

    /** The part of the program's path a non-root user can change, as a phrase; empty when safe or unknown. */
    Optional<String> unsafePart(String program);

    /** Whether the user exists there; empty when that cannot be told. */
    Optional<Boolean> userExists(String name);

    /** How warnings name the host: {@code "this host"}, or a director's name. */
    default String name() {
        return "this host";
    }

    ScriptHost NONE = new ScriptHost() {
        @Override
        public Optional<String> unsafePart(String program) {
            return Optional.empty();
        }

        @Override
        public Optional<Boolean> userExists(String name) {
            return Optional.empty();
        }
    };

    ScriptHost LOCAL = new ScriptHost() {
        @Override
        public Optional<String> unsafePart(String program) {
            try {
                return ScriptPaths.unsafePart(ScriptPaths.executable(program, ScriptPaths.LOCAL), ScriptPaths.LOCAL);
            } catch (RuntimeException e) { // an odd path (NUL byte...): nothing to tell
                return Optional.empty();
            }
        }

        @Override
        public Optional<Boolean> userExists(String name) {
            try {
                FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
                return Optional.of(true);
            } catch (UserPrincipalNotFoundException e) {
                return Optional.of(false);
            } catch (IOException | UnsupportedOperationException e) {
                return Optional.empty();
            }
        }
    };

    /**
     * A host known through look-ups, e.g. a director asked over SSH: its file system entries (not following symlinks),
     * its symlinks' targets, and whether a user exists; the same rules as {@link #LOCAL} ({@link ScriptPaths}).
     */
    static ScriptHost of(String name, java.util.function.Function<Path, Optional<ScriptPaths.Entry>> entries,
            java.util.function.Function<Path, Optional<Path>> realPath, java.util.function.Function<String, Optional<Boolean>> users) {
        return new ScriptHost() {
            @Override
            public Optional<String> unsafePart(String program) {
                return ScriptPaths.unsafePart(ScriptPaths.executable(program, entries), entries, realPath);
            }

            @Override
            public Optional<Boolean> userExists(String user) {
                return users.apply(user);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /**
     * What a director answered once, e.g. during a deploy preview, kept for later checks (the console's Problems
     * view): answers from the given maps only. A question it was not asked (a path not looked at, a user not looked
     * up) makes the answer unknown, never "missing", so a later change of the model warns only about what is known.
     */
    static ScriptHost recorded(String name, java.util.Map<Path, Optional<ScriptPaths.Entry>> entries,
            java.util.Map<Path, Optional<Path>> realPaths, java.util.Map<String, Optional<Boolean>> users) {
        java.util.Map<Path, Optional<ScriptPaths.Entry>> knownEntries = java.util.Map.copyOf(entries);
        java.util.Map<Path, Optional<Path>> knownRealPaths = java.util.Map.copyOf(realPaths);
        java.util.Map<String, Optional<Boolean>> knownUsers = java.util.Map.copyOf(users);
        final class NotAsked extends RuntimeException {
            private static final long serialVersionUID = 1L;

            NotAsked() {
                super(null, null, false, false);
            }
        }
        return new ScriptHost() {
            @Override
            public Optional<String> unsafePart(String program) {
                java.util.function.Function<Path, Optional<ScriptPaths.Entry>> entry = path -> {
                    Optional<ScriptPaths.Entry> known = knownEntries.get(path);
                    if (known == null) {
                        throw new NotAsked();
                    }
                    return known;
                };
                java.util.function.Function<Path, Optional<Path>> realPath = path -> {
                    Optional<Path> known = knownRealPaths.get(path);
                    if (known == null) {
                        throw new NotAsked();
                    }
                    return known;
                };
                try {
                    return ScriptPaths.unsafePart(ScriptPaths.executable(program, entry), entry, realPath);
                } catch (NotAsked e) {
                    return Optional.empty();
                }
            }

            @Override
            public Optional<Boolean> userExists(String user) {
                return knownUsers.getOrDefault(user, Optional.empty());
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /** For tests and the deploy: a host described by a file system view and a user list. */
    static ScriptHost of(java.util.function.Function<Path, Optional<ScriptPaths.Entry>> entries,
            java.util.function.Predicate<String> users) {
        return new ScriptHost() {
            @Override
            public Optional<String> unsafePart(String program) {
                return ScriptPaths.unsafePart(ScriptPaths.executable(program, entries), entries);
            }

            @Override
            public Optional<Boolean> userExists(String name) {
                return Optional.of(users.test(name));
            }
        };
    }
}
