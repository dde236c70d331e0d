package org.vrrpstudio.ui.internal.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.vrrpstudio.ui.tests.UiDriver.allText;
import static org.vrrpstudio.ui.tests.UiDriver.button;
import static org.vrrpstudio.ui.tests.UiDriver.click;
import static org.vrrpstudio.ui.tests.UiDriver.named;
import static org.vrrpstudio.ui.tests.UiDriver.settle;
import static org.vrrpstudio.ui.tests.UiDriver.type;
import static org.vrrpstudio.ui.tests.UiDriver.ui;
import static org.vrrpstudio.ui.tests.UiDriver.whenShellOpens;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.window.Window;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.PassphraseProvider;
import org.vrrpstudio.deploy.PlanResult;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.ui.internal.ClusterDocuments;
import org.vrrpstudio.ui.internal.ConsolePlugin;
import org.vrrpstudio.ui.internal.DeployJob;
import org.vrrpstudio.ui.logic.ClusterDocument;
import org.vrrpstudio.ui.logic.DirectorSource;
import org.vrrpstudio.ui.logic.ImportOutcome;
import org.vrrpstudio.ui.logic.deploy.DeploySession;
import org.vrrpstudio.ui.tests.Screenshots;
import org.vrrpstudio.testing.TestSshd;
import org.vrrpstudio.ui.tests.HarmlessDeploy;

/**
 * The deploy wizard against a real OpenSSH server on 127.0.0.1: directors filled in, the dry run's unknown host
 * key accepted in its dialog after seeing the fingerprint, the masked preview, Finish, the job's results.
 */
class DeployWizardTest {

    @TempDir
    Path tmp;
    TestSshd sshd;

    @AfterEach
    void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    @Test
    void previewAcceptHostKeyAndDeployBothDirectors() throws Exception {
        assumeTrue(TestSshd.available(), TestSshd.unavailableReason());
        sshd = TestSshd.start(tmp.resolve("sshd"));
        Path knownHosts = tmp.resolve("known_hosts");
        Path remote = tmp.resolve("remote");
        ClusterDocument document = ui(() -> {
            ClusterDocuments documents = ConsolePlugin.get().documents();
            Path seed = Path.of("data", "director1.conf");
            ImportOutcome.Imported imported = (ImportOutcome.Imported) documents.services()
                    .importWithMirror(new DirectorSource("lvs1", seed, Files.readString(seed)), "lvs2");
            var project = ResourcesPlugin.getWorkspace().getRoot().getProject("deploy");
            project.create(null);
            project.open(null);
            IFile file = project.getFile("pair.vrrpcluster");
            documents.create(file, imported.cluster());
            return documents.open(file);
        });
        WizardDialog dialog = ui(() -> {
            DeployWizard wizard = new DeployWizard(document, cluster -> new DeploySession(cluster, knownHosts,
                    PassphraseProvider.NONE, HarmlessDeploy.COMMANDS, DeployOptions.DEFAULTS));
            wizard.init(PlatformUI.getWorkbench(), null);
            WizardDialog d = new WizardDialog(page().getWorkbenchWindow().getShell(), wizard);
            d.setBlockOnOpen(false);
            d.setPageSize(900, 420);
            d.open();
            Shell shell = d.getShell();
            String key = DeployWizard.UiNames.KEY;
            assertFalse(button(shell, "Next >").isEnabled(), "no host yet");
            for (Director director : document.cluster().getDirectors()) {
                String name = director.getName();
                Files.createDirectories(remote.resolve(name));
                type(named(shell, key, "host:" + name, Text.class), "127.0.0.1");
                type(named(shell, key, "port:" + name, Text.class), String.valueOf(sshd.port()));
                type(named(shell, key, "user:" + name, Text.class), sshd.user());
                type(named(shell, key, "path:" + name, Text.class), remote.resolve(name).resolve("keepalived.conf").toString());
                type(named(shell, key, "key:" + name, Text.class), sshd.clientKey().toString());
            }
            assertTrue(named(shell, key, "choose:lvs1", Button.class).getSelection());
            return d;
        });
        settle(300);
        AtomicReference<String> hostKeyText = new AtomicReference<>();
        ui(() -> {
            Screenshots.save(dialog.getShell(), "wizard-deploy-directors");
            // the dry run meets an unknown host key; the user reads the fingerprint and trusts it
            whenShellOpens(HostKeyDialog.TITLE, box -> box.getDisplay().timerExec(300, () -> {
                hostKeyText.set(allText(box));
                try {
                    Screenshots.save(box, "wizard-deploy-host-key");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                click(button(box, HostKeyDialog.TRUST));
            }));
            click(button(dialog.getShell(), "Next >"));
            return null;
        });
        DeployWizard.PreviewPage preview = ui(() -> (DeployWizard.PreviewPage) dialog.getCurrentPage());
        long deadline = System.currentTimeMillis() + 30_000;
        while (ui(() -> preview.preview() == null || !preview.isPageComplete()) && System.currentTimeMillis() < deadline) {
            settle(200);
        }
        assertNotNull(hostKeyText.get(), "the host key was shown");
        assertTrue(hostKeyText.get().contains(sshd.hostKeyFingerprint()), hostKeyText.get());
        assertTrue(Files.readString(knownHosts).contains(String.valueOf(sshd.port())), "trusted after the explicit accept");
        ui(() -> {
            PlanResult dryRun = preview.preview();
            assertEquals(List.of("WOULD_CHANGE", "WOULD_CHANGE"), dryRun.results().stream().map(r -> r.status().name()).toList(),
                    dryRun.summaryLines()::toString);
            assertTrue(preview.diffText().contains("+vrrp_instance VI_1 {"), preview.diffText());
            assertFalse(preview.diffText().contains("k@l"), "secrets are masked in the preview");
            assertFalse(Files.exists(remote.resolve("lvs1").resolve("keepalived.conf")), "the dry run changed nothing");
            Screenshots.save(dialog.getShell(), "wizard-deploy-preview");
            whenShellOpens(DeployWizard.RESULTS_TITLE, box -> box.getDisplay().timerExec(300, () -> {
                try {
                    Screenshots.save(box, "wizard-deploy-results");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                click(button(box, "OK"));
            }));
            click(button(dialog.getShell(), "Finish"));
            assertEquals(Window.OK, dialog.getReturnCode());
            return null;
        });
        org.eclipse.core.runtime.jobs.Job.getJobManager().join(DeployJob.FAMILY, null);
        settle(1500);
        for (Director director : document.cluster().getDirectors()) {
            assertEquals(document.directorConfig(director, false),
                    Files.readString(remote.resolve(director.getName()).resolve("keepalived.conf")));
        }
        assertEquals("127.0.0.1", document.cluster().getDirectors().getFirst().getHost(), "the settings are kept in the model");
    }

    /** The live pair runs another auth_pass: the preview warns that this deploy changes authentication. */
    @Test
    void thePreviewWarnsWhenTheDeployChangesAuthentication() throws Exception {
        assumeTrue(TestSshd.available(), TestSshd.unavailableReason());
        sshd = TestSshd.start(tmp.resolve("sshd"));
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, sshd.knownHostsLine());
        Path remote = tmp.resolve("remote");
        ClusterDocument document = ui(() -> {
            ClusterDocuments documents = ConsolePlugin.get().documents();
            Path seed = Path.of("data", "director1.conf");
            ImportOutcome.Imported imported = (ImportOutcome.Imported) documents.services()
                    .importWithMirror(new DirectorSource("lvs1", seed, Files.readString(seed)), "lvs2");
            var project = ResourcesPlugin.getWorkspace().getRoot().getProject("deployauth");
            project.create(null);
            project.open(null);
            IFile file = project.getFile("pair.vrrpcluster");
            documents.create(file, imported.cluster());
            return documents.open(file);
        });
        for (Director director : document.cluster().getDirectors()) {
            Path live = remote.resolve(director.getName()).resolve("keepalived.conf");
            Files.createDirectories(live.getParent());
            // the live pair runs another password (the seed's auth_pass k@l!veN is written "auth_pass k@l !veN")
            String running = document.directorConfig(director, false).replaceAll("auth_pass k@l( !ve[0-9])?\n", "auth_pass oldpw\n");
            assertTrue(running.contains("auth_pass oldpw"), running);
            Files.writeString(live, running);
        }
        WizardDialog dialog = ui(() -> {
            DeployWizard wizard = new DeployWizard(document, cluster -> new DeploySession(cluster, knownHosts,
                    PassphraseProvider.NONE, HarmlessDeploy.COMMANDS, DeployOptions.DEFAULTS));
            wizard.init(PlatformUI.getWorkbench(), null);
            WizardDialog d = new WizardDialog(page().getWorkbenchWindow().getShell(), wizard);
            d.setBlockOnOpen(false);
            d.setPageSize(900, 420);
            d.open();
            Shell shell = d.getShell();
            String key = DeployWizard.UiNames.KEY;
            for (Director director : document.cluster().getDirectors()) {
                String name = director.getName();
                type(named(shell, key, "host:" + name, Text.class), "127.0.0.1");
                type(named(shell, key, "port:" + name, Text.class), String.valueOf(sshd.port()));
                type(named(shell, key, "user:" + name, Text.class), sshd.user());
                type(named(shell, key, "path:" + name, Text.class), remote.resolve(name).resolve("keepalived.conf").toString());
                type(named(shell, key, "key:" + name, Text.class), sshd.clientKey().toString());
            }
            return d;
        });
        settle(300);
        ui(() -> {
            click(button(dialog.getShell(), "Next >"));
            return null;
        });
        DeployWizard.PreviewPage preview = ui(() -> (DeployWizard.PreviewPage) dialog.getCurrentPage());
        long deadline = System.currentTimeMillis() + 30_000;
        while (ui(() -> preview.preview() == null || !preview.isPageComplete()) && System.currentTimeMillis() < deadline) {
            settle(200);
        }
        ui(() -> {
            List<String> warnings = preview.previewWarnings();
            for (String director : List.of("lvs1", "lvs2")) {
                assertTrue(warnings.stream().anyMatch(w -> w.startsWith(director + ": authentication changes for VI_1, VI_2, VI_3, VI_4:")),
                        warnings::toString);
            }
            assertEquals(org.eclipse.jface.dialogs.IMessageProvider.WARNING, preview.getMessageType(), preview.getMessage());
            assertTrue(preview.getMessage().contains("changes authentication"), preview.getMessage());
            assertTrue(preview.diffText().contains("warning: authentication changes for VI_1"), preview.diffText());
            assertFalse(preview.diffText().contains("oldpw") || preview.diffText().contains("k@l"), "secrets are masked");
            // what the directors answered about scripts is kept: the Problems view judges with it from now on
            assertEquals(java.util.Set.of("lvs1", "lvs2"), document.directorsWithScriptAnswers());
            Screenshots.save(dialog.getShell(), "wizard-deploy-auth-change");
            dialog.close();
            return null;
        });
    }
}
