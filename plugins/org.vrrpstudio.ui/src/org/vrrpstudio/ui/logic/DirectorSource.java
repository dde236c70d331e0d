package org.vrrpstudio.ui.logic;

import java.nio.file.Path;
import java.util.Objects;

/** One director's keepalived.conf to import: the director's name, where the text came from, and the text. */
public record DirectorSource(String directorName, Path path, String text) {

    public DirectorSource {
        Objects.requireNonNull(directorName, "directorName");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        // the text may hold auth_pass secrets
        return "DirectorSource[" + directorName + ", " + path + "]";
    }
}
