package org.vrrpstudio.ui.internal.wizards;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.vrrpstudio.deploy.DeployResult;

/** First contact with a director: its host key, with the fingerprint, is trusted only when the user says so. */
final class HostKeyDialog {

    static final String TITLE = "Unknown Host Key";
    static final String TRUST = "Trust this key";
    static final String REFUSE = "Do not connect";

    private HostKeyDialog() {
    }

    static boolean askToTrust(Shell shell, DeployResult.UnknownHostKey key) {
        String message = "Director " + key.director() + " (" + key.host() + ":" + key.port() + ") offers a host key that "
                + "is not known yet:\n\n    " + key.keyType() + "   " + key.fingerprint() + "\n\n"
                + "Compare the fingerprint with the director's own (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on its "
                + "console). Trusting adds exactly this key to " + key.knownHosts() + ".";
        MessageDialog dialog = new MessageDialog(shell, TITLE, null, message, MessageDialog.WARNING, 1, TRUST, REFUSE);
        return dialog.open() == 0;
    }
}
