package org.vrrpstudio.ui.internal;

import org.eclipse.jface.action.Action;
import org.eclipse.ui.IActionBars;
import org.eclipse.ui.actions.ActionFactory;
import org.vrrpstudio.ui.logic.ClusterDocument;

/** Undo and redo of one document's command stack, as the global Edit ▸ Undo/Redo handlers of a part. */
final class DocumentActions implements ClusterDocument.Listener {

    private final ClusterDocument document;
    private final Action undo = new Action("&Undo") {
        @Override
        public void run() {
            document.undo();
        }
    };
    private final Action redo = new Action("&Redo") {
        @Override
        public void run() {
            document.redo();
        }
    };

    DocumentActions(ClusterDocument document) {
        this.document = document;
        document.addListener(this);
        documentChanged(document);
    }

    void install(IActionBars bars) {
        bars.setGlobalActionHandler(ActionFactory.UNDO.getId(), undo);
        bars.setGlobalActionHandler(ActionFactory.REDO.getId(), redo);
        bars.updateActionBars();
    }

    void dispose() {
        document.removeListener(this);
    }

    @Override
    public void documentChanged(ClusterDocument changed) {
        var stack = changed.commandStack();
        undo.setEnabled(stack.canUndo());
        undo.setText(stack.canUndo() ? "&Undo " + label(stack.getUndoCommand()) : "&Undo");
        redo.setEnabled(stack.canRedo());
        redo.setText(stack.canRedo() ? "&Redo " + label(stack.getRedoCommand()) : "&Redo");
    }

    private static String label(org.eclipse.emf.common.command.Command command) {
        return command.getLabel() == null ? "" : command.getLabel();
    }
}
