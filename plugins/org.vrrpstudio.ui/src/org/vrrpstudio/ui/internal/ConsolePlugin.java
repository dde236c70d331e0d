package org.vrrpstudio.ui.internal;

import org.eclipse.ui.plugin.AbstractUIPlugin;
import org.osgi.framework.BundleContext;
import org.vrrpstudio.ui.logic.ClusterServices;
import org.vrrpstudio.ui.logic.ClusterBundleServices;

/** The console bundle: owns the open cluster documents for as long as the bundle runs. */
public final class ConsolePlugin extends AbstractUIPlugin {

    public static final String ID = "org.vrrpstudio.ui";

    // The one place of shared state, as in every Eclipse plug-in: set on start, cleared on stop.
    private static ConsolePlugin running;

    private ClusterDocuments documents;
    private SecureStoragePassphrases passphrases;

    @Override
    public void start(BundleContext context) throws Exception {
        super.start(context);
        ClusterServices services = new ClusterBundleServices();
        SecureStorageSecretStore.Factory secureStorage = new SecureStorageSecretStore.Factory(getStateLocation().toPath());
        documents = new ClusterDocuments(services, secureStorage);
        passphrases = new SecureStoragePassphrases(secureStorage);
        running = this;
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        running = null;
        documents = null;
        passphrases = null;
        super.stop(context);
    }

    public static ConsolePlugin get() {
        if (running == null) {
            throw new IllegalStateException("the console bundle is not running");
        }
        return running;
    }

    public ClusterDocuments documents() {
        return documents;
    }

    /** SSH key passphrases for deploys, from secure storage. */
    public SecureStoragePassphrases passphrases() {
        return passphrases;
    }
}
