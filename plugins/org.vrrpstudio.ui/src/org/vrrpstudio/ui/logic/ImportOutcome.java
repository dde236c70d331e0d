package org.vrrpstudio.ui.logic;

import java.util.List;

import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.model.Cluster;

/** The result of importing keepalived.conf files: a whole cluster, or the located errors and nothing else. */
public sealed interface ImportOutcome {

    /** The import worked; {@code differences} lists what the two directors' files disagree on. */
    record Imported(Cluster cluster, List<String> differences, List<Diagnostic> warnings) implements ImportOutcome {

        public Imported {
            differences = List.copyOf(differences);
            warnings = List.copyOf(warnings);
        }
    }

    /** Nothing was imported: at least one file did not parse. */
    record Failed(List<Diagnostic> errors) implements ImportOutcome {

        public Failed {
            errors = List.copyOf(errors);
        }
    }
}
