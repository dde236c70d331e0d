package org.vrrpstudio.cli.commands;

import java.io.Console;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.vrrpstudio.deploy.PassphraseProvider;

/** Asks once per key on the terminal (never echoed, never logged); without a terminal a key must be unencrypted. */
final class PromptingPassphrases implements PassphraseProvider {
    private final Map<Path, char[]> asked = new HashMap<>();

    @Override
    public synchronized Optional<char[]> passphrase(String director, Path identityFile) {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        char[] known = asked.computeIfAbsent(identityFile,
                key -> console.readPassword("Passphrase for %s (director %s): ", key, director));
        return Optional.ofNullable(known).map(char[]::clone); // the deployer wipes what it gets
    }
}
