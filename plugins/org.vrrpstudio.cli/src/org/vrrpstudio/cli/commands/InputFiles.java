package org.vrrpstudio.cli.commands;

import java.nio.file.Files;
import java.nio.file.Path;

import org.vrrpstudio.cli.CommandFailure;

/** Checks files named on the command line up front, so a typo is a one-line usage error (exit 2), not a parse error. */
final class InputFiles {

    private InputFiles() {
    }

    static Path readable(Path file) {
        if (!Files.exists(file)) {
            throw CommandFailure.usage(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw CommandFailure.usage(file + ": is a directory, expected a file");
        }
        if (!Files.isReadable(file)) {
            throw CommandFailure.usage(file + ": not readable (permission denied)");
        }
        return file;
    }
}
