package org.vrrpstudio.deploy;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Supplies the passphrase of an encrypted private key (the console reads Eclipse secure storage, the CLI
 * asks on the terminal). Called only for encrypted keys. The deployer wipes the returned array after use.
 */
@FunctionalInterface
public interface PassphraseProvider {

    PassphraseProvider NONE = (director, identityFile) -> Optional.empty();

    Optional<char[]> passphrase(String director, Path identityFile);
}
