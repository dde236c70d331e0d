package org.vrrpstudio.ui.logic;

import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.command.CompoundCommand;
import org.eclipse.emf.edit.command.RemoveCommand;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.vrrpstudio.cluster.CaseStudyTraps;
import org.vrrpstudio.cluster.ClusterValidator;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.InitialState;
import org.vrrpstudio.model.ModelPackage.Literals;
import org.vrrpstudio.model.VrrpInstance;

/**
 * The console's quick fixes for the case study's traps, as one undoable command each that changes the shared model,
 * so both directors' files change at once:
 * <ul>
 * <li>{@code auth_pass k@l!ve1}: keep what runs today (write {@code k@l}: the glued comment goes), or use the whole
 * word (the password becomes {@code k@l!ve1}, written quoted; the pair's password changes, see the deploy's warning);
 * <li>{@code state MASTER} with AH: write what keepalived does ({@code state BACKUP}; the priority still decides).
 * </ul>
 */
public final class TrapFixes {

    /** A fix the user can choose: its label, what it does, and the command (null when nothing is left to fix). */
    public record Fix(String label, String description, Command command) {
    }

    private final ClusterDocument document;

    public TrapFixes(ClusterDocument document) {
        this.document = document;
    }

    /** The fixes offered for a problem with this message (none for other problems). */
    public List<Fix> forProblem(String message) {
        if (message.contains(ClusterValidator.AUTH_PASS_CUT_MESSAGE)) {
            return List.of(keepWhatRunsToday(), useTheWholeWord());
        }
        if (message.contains(ClusterValidator.AH_MASTER_MESSAGE)) {
            return List.of(writeWhatKeepalivedDoes());
        }
        return List.of();
    }

    public Fix keepWhatRunsToday() {
        EditingDomain domain = document.editingDomain();
        CompoundCommand command = new CompoundCommand("Keep the auth_pass keepalived uses today");
        for (VrrpInstance instance : CaseStudyTraps.cutPasswords(document.cluster())) {
            removeGluedComment(domain, command, instance);
        }
        return new Fix("Keep what runs today (both directors)",
                "Writes auth_pass as keepalived reads it now (the part before the '!' or '#'); the text after it was a comment"
                        + " and is dropped. The password does not change.", command.isEmpty() ? null : command);
    }

    public Fix useTheWholeWord() {
        EditingDomain domain = document.editingDomain();
        CompoundCommand command = new CompoundCommand("Use the whole auth_pass word");
        for (VrrpInstance instance : CaseStudyTraps.cutPasswords(document.cluster())) {
            command.append(SetCommand.create(domain, instance.getAuthentication(), Literals.AUTHENTICATION__SECRET,
                    CaseStudyTraps.wholeWord(instance)));
            removeGluedComment(domain, command, instance);
        }
        return new Fix("Use the whole word (both directors; the password changes)",
                "Writes the whole word quoted, so keepalived uses all of it. This changes the password of the running pair:"
                        + " deploy both directors together (the deploy warns and reloads them back to back).",
                command.isEmpty() ? null : command);
    }

    public Fix writeWhatKeepalivedDoes() {
        EditingDomain domain = document.editingDomain();
        CompoundCommand command = new CompoundCommand("Write state BACKUP where keepalived ignores MASTER");
        for (DirectorInstance settings : CaseStudyTraps.ahMasters(document.cluster())) {
            command.append(SetCommand.create(domain, settings, Literals.DIRECTOR_INSTANCE__INITIAL_STATE, InitialState.BACKUP));
        }
        return new Fix("Write what keepalived does (state BACKUP, all directors)",
                "With auth_type AH keepalived starts every instance as BACKUP; the higher priority still becomes MASTER.",
                command.isEmpty() ? null : command);
    }

    private static void removeGluedComment(EditingDomain domain, CompoundCommand command, VrrpInstance instance) {
        for (Map.Entry<String, String> entry : instance.getInnerComments()) {
            if (entry.getKey().equals(CaseStudyTraps.AUTH_PASS_CUT) || entry.getKey().equals(CaseStudyTraps.AUTH_PASS_COMMENT)) {
                command.append(RemoveCommand.create(domain, instance, Literals.COMMENTED__INNER_COMMENTS, entry));
            }
        }
    }
}
