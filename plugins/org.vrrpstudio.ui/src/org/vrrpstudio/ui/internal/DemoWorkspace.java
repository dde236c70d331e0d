package org.vrrpstudio.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IWorkspaceRoot;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.Status;
import org.vrrpstudio.ui.logic.DirectorSource;
import org.vrrpstudio.ui.logic.ImportOutcome;

/**
 * On first start the workspace is empty: create a project with the keepalived case study (two directors,
 * VI_1..VI_4, VG1/VG2), imported from director 1's file with director 2 as its mirror, so there is something
 * real to look at.
 */
final class DemoWorkspace {

    static final String PROJECT = "case-study";
    static final String FILE = "failover.vrrpcluster";
    private static final String RESOURCE = "demo/keepalived-director1.conf";

    /** Set when this run created the demo (the first start): the console then shows it live, on simulated directors. */
    static volatile boolean createdNow;

    private DemoWorkspace() {
    }

    /** Creates the demo unless the workspace already has projects; returns the cluster file either way, or null. */
    static IFile createIfEmpty(ClusterDocuments documents) throws CoreException {
        IWorkspaceRoot root = ResourcesPlugin.getWorkspace().getRoot();
        IProject project = root.getProject(PROJECT);
        if (root.getProjects().length > 0) {
            IFile existing = project.getFile(FILE);
            return existing.exists() ? existing : null;
        }
        String text = demoText();
        ImportOutcome outcome = documents.services().importWithMirror(
                new DirectorSource("director1", Path.of("keepalived-director1.conf"), text), "director2");
        if (!(outcome instanceof ImportOutcome.Imported imported)) {
            throw new CoreException(Status.error("the demo configuration does not import: " + outcome));
        }
        imported.cluster().setName("Failover using VRRP (case study)");
        project.create(null);
        project.open(null);
        IFile file = project.getFile(FILE);
        documents.create(file, imported.cluster());
        createdNow = true;
        return file;
    }

    private static String demoText() throws CoreException {
        URL url = FileLocator.find(ConsolePlugin.get().getBundle(), new org.eclipse.core.runtime.Path(RESOURCE));
        if (url == null) {
            throw new CoreException(Status.error("the console bundle lacks " + RESOURCE));
        }
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CoreException(Status.error("cannot read " + RESOURCE + ": " + e.getMessage(), e));
        }
    }
}
