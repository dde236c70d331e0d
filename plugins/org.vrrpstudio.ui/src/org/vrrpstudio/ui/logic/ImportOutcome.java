package org.vrrpstudio.ui.logic;

import java.util.List;

import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.model.Cluster;

/** The result of importing keepalived.conf files: a whole cluster, or the located errors and nothing else. */
public sealed interface ImportOutcome {

    /** The import worked; {@code warnings} are what the user should still read (located in the files). */
    record Imported(Cluster cluster, List<Diagnostic> warnings) implements ImportOutcome {

        public Imported {
            warnings = List.copyOf(warnings);
        }
    }

    /** Nothing was imported: the files have errors (syntax, or directors that disagree where they must not). */
    record Failed(List<Diagnostic> errors) implements ImportOutcome {

        public Failed {
            errors = List.copyOf(errors);
        }
    }
}
