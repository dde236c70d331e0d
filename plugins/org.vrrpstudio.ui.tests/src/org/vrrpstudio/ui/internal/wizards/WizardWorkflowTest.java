package org.vrrpstudio.ui.internal.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.ui.tests.UiDriver.allText;
import static org.vrrpstudio.ui.tests.UiDriver.button;
import static org.vrrpstudio.ui.tests.UiDriver.choose;
import static org.vrrpstudio.ui.tests.UiDriver.click;
import static org.vrrpstudio.ui.tests.UiDriver.field;
import static org.vrrpstudio.ui.tests.UiDriver.settle;
import static org.vrrpstudio.ui.tests.UiDriver.type;
import static org.vrrpstudio.ui.tests.UiDriver.ui;
import static org.vrrpstudio.ui.tests.UiDriver.whenShellOpens;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.jface.wizard.IWizard;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWizard;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.VrrpInstance;
import org.vrrpstudio.ui.internal.ClusterEditor;
import org.vrrpstudio.ui.logic.ClusterDocument;
import org.vrrpstudio.ui.logic.DirectorSettings;
import org.vrrpstudio.ui.tests.Screenshots;

/**
 * The Import, Export and New Instance Pair wizards in real dialogs, filled and finished through their widgets
 * (labels, fields, the Finish button) as a user does, with screenshots of each page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WizardWorkflowTest {

    private static final String CLUSTER_FILE = "wizards/pair.vrrpcluster";

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    /** Opens the wizard in a dialog that does not block, as the File menu would (init, then open). */
    private static WizardDialog open(IWizard wizard) {
        if (wizard instanceof IWorkbenchWizard workbenchWizard) {
            workbenchWizard.init(PlatformUI.getWorkbench(), StructuredSelection.EMPTY);
        }
        WizardDialog dialog = new WizardDialog(page().getWorkbenchWindow().getShell(), wizard);
        dialog.setBlockOnOpen(false);
        dialog.setPageSize(560, 360);
        dialog.open();
        return dialog;
    }

    private static Path data(String name) {
        return Path.of("data", name).toAbsolutePath();
    }

    /**
     * Hostile files (issue 20) in the console's import: each refused with one line on the page, nothing created,
     * the wizard still open. The file is read the parser's bounded way, not whole into memory.
     */
    @Test
    @Order(0)
    void importWizardRefusesHostileFilesWithOneLineEach(@TempDir Path folder) throws Exception {
        Path binary = Files.write(folder.resolve("binary.conf"), "global_defs {\n}\nxx\0yy\n".getBytes(StandardCharsets.UTF_8));
        Path huge = folder.resolve("huge.conf");
        try (var out = Files.newOutputStream(huge)) {
            byte[] line = ("a".repeat(1023) + "\n").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 17 * 1024; i++) {
                out.write(line);
            }
        }
        Path lines = Files.writeString(folder.resolve("lines.conf"), "a 1\n".repeat(300_000));
        List<List<String>> cases = List.of(
                List.of(binary.toString(), "binary.conf: cannot read: line 3: binary file: NUL byte at offset 18; file not read", ""),
                List.of(huge.toString(), "huge.conf: cannot read: file is larger than 16 MiB (or keeps growing)", ""),
                List.of(lines.toString(), "Nothing was imported: 1 error(s), listed below.",
                        lines + ":200001:1: error: more than 200000 lines read (this file and its includes together)"));
        for (List<String> each : cases) {
            ImportKeepalivedWizard wizard = new ImportKeepalivedWizard();
            WizardDialog dialog = ui(() -> {
                WizardDialog d = open(wizard);
                Shell shell = d.getShell();
                type(field(shell, "Director 1 file", Text.class), each.get(0));
                type(field(shell, "Director 1 name", Text.class), "lvs1");
                type(field(shell, "Director 2 name", Text.class), "lvs2");
                type(field(shell, "New cluster file", Text.class), "wizards/hostile.vrrpcluster");
                click(button(shell, "Finish"));
                return d;
            });
            settle(300);
            ui(() -> {
                assertFalse(dialog.getShell().isDisposed(), "nothing imported: the wizard stays open");
                String error = dialog.getCurrentPage().getErrorMessage();
                assertNotNull(error);
                assertTrue(error.endsWith(each.get(1)) && !error.contains("\n"), error);
                assertTrue(wizard.report().startsWith(each.get(2)), wizard.report());
                assertEquals(null, wizard.created());
                Screenshots.save(dialog.getShell(), "wizard-import-hostile-" + Path.of(each.get(0)).getFileName());
                dialog.close();
                return null;
            });
        }
    }

    @Test
    @Order(1)
    void importWizardRefusesDisagreeingFilesThenImportsThePair() throws Exception {
        ImportKeepalivedWizard wizard = new ImportKeepalivedWizard();
        WizardDialog dialog = ui(() -> {
            WizardDialog d = open(wizard);
            Shell shell = d.getShell();
            type(field(shell, "Director 1 file", Text.class), data("director1.conf").toString());
            type(field(shell, "Director 1 name", Text.class), "lvs1");
            type(field(shell, "Director 2 file", Text.class), data("director2-advert-int-2.conf").toString());
            type(field(shell, "Director 2 name", Text.class), "lvs2");
            type(field(shell, "New cluster file", Text.class), CLUSTER_FILE);
            click(button(shell, "Finish"));
            return d;
        });
        settle(300);
        ui(() -> {
            assertFalse(dialog.getShell().isDisposed(), "nothing imported: the wizard stays open");
            assertTrue(wizard.report().contains("director2-advert-int-2.conf:66"), wizard.report());
            assertTrue(wizard.report().contains("advert_int"), wizard.report());
            assertEquals(null, wizard.created());
            Screenshots.save(dialog.getShell(), "wizard-import-refused");
            return null;
        });
        AtomicReference<String> warnings = new AtomicReference<>();
        ui(() -> {
            Shell shell = dialog.getShell();
            type(field(shell, "Director 2 file", Text.class), data("director2.conf").toString());
            // the import's warnings come in a message box the finish waits for
            whenShellOpens("Import", box -> box.getDisplay().timerExec(400, () -> { // once it is painted
                warnings.set(allText(box));
                try {
                    Screenshots.save(box, "wizard-import-warnings");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                click(button(box, "OK"));
            }));
            click(button(shell, "Finish"));
            return null;
        });
        settle(500);
        ui(() -> {
            assertTrue(dialog.getShell() == null || dialog.getShell().isDisposed(), "the wizard closed");
            assertEquals(Window.OK, dialog.getReturnCode());
            assertNotNull(warnings.get(), "the import's warnings were shown");
            // keepalived reads '!' as a comment: the seed's auth_pass k@l!ve1 is really k@l, and the user is told
            assertTrue(warnings.get().contains("director1.conf:"), warnings.get());
            IFile created = wizard.created();
            assertTrue(created.exists());
            ClusterEditor editor = assertInstanceOf(ClusterEditor.class, page().getActiveEditor());
            assertEquals(created, editor.file());
            Cluster cluster = editor.document().cluster();
            assertEquals(List.of("lvs1", "lvs2"), cluster.getDirectors().stream().map(d -> d.getName()).toList());
            assertEquals(4, cluster.getInstances().size());
            return null;
        });
    }

    @Test
    @Order(2)
    void newInstancePairWizardWarnsAboutATakenAddressAndAddsAnUndoablePair() throws Exception {
        AtomicReference<ClusterDocument> document = new AtomicReference<>();
        WizardDialog dialog = ui(() -> {
            ClusterEditor editor = assertInstanceOf(ClusterEditor.class, page().getActiveEditor());
            document.set(editor.document());
            WizardDialog d = open(new NewInstancePairWizard(editor.document()));
            Shell shell = d.getShell();
            assertEquals("VI_5", field(shell, "Name:", Text.class).getText(), "a free name is proposed");
            assertEquals("1", field(shell, "Virtual router id:", Text.class).getText(), "a free VRID is proposed");
            choose(field(shell, "MASTER on:", Combo.class), "lvs2");
            type(field(shell, "Virtual addresses:", Text.class), "192.168.200.10");
            type(field(shell, "Password", Text.class), "n3wpass");
            NewInstancePairWizard.PairPage pairPage = (NewInstancePairWizard.PairPage) d.getCurrentPage();
            assertEquals(IMessageProvider.WARNING, pairPage.getMessageType());
            assertTrue(pairPage.getMessage().contains("192.168.200.10 is already held by VI_1"), pairPage.getMessage());
            return d;
        });
        settle(300);
        ui(() -> {
            Shell shell = dialog.getShell();
            Screenshots.save(shell, "wizard-new-pair-warning");
            type(field(shell, "Virtual router id:", Text.class), "300");
            assertFalse(button(shell, "Finish").isEnabled(), "an out-of-range VRID blocks Finish");
            assertNotNull(((NewInstancePairWizard.PairPage) dialog.getCurrentPage()).getErrorMessage());
            type(field(shell, "Virtual router id:", Text.class), "60");
            type(field(shell, "Virtual addresses:", Text.class), "192.168.200.30, 192.168.200.31");
            click(button(shell, "Finish"));
            return null;
        });
        settle(300);
        ui(() -> {
            assertEquals(Window.OK, dialog.getReturnCode());
            ClusterDocument doc = document.get();
            VrrpInstance added = doc.cluster().getInstances().getLast();
            assertEquals("VI_5", added.getName());
            assertEquals(60, added.getVrid());
            assertEquals(List.of("192.168.200.30", "192.168.200.31"),
                    added.getVirtualAddresses().stream().map(a -> a.getAddress()).toList());
            var lvs1 = doc.cluster().getDirectors().get(0);
            var lvs2 = doc.cluster().getDirectors().get(1);
            assertEquals("MASTER", DirectorSettings.of(lvs2, added).getInitialState().getLiteral());
            assertEquals("BACKUP", DirectorSettings.of(lvs1, added).getInitialState().getLiteral());
            assertTrue(DirectorSettings.of(lvs2, added).getPriority() > DirectorSettings.of(lvs1, added).getPriority());
            assertTrue(doc.directorConfig(lvs2, false).contains("vrrp_instance VI_5 {\n    state MASTER"));
            assertTrue(doc.isDirty());
            doc.undo();
            assertEquals(4, doc.cluster().getInstances().size(), "one undo removes the whole pair");
            doc.redo();
            ClusterEditor editor = (ClusterEditor) page().getActiveEditor();
            editor.doSave(null);
            return null;
        });
    }

    @Test
    @Order(3)
    void exportWizardWritesOneFilePerDirectorReadableByTheOwnerOnly(@TempDir Path folder) throws Exception {
        ExportDirectorsWizard wizard = new ExportDirectorsWizard();
        Path target = folder.resolve("out");
        WizardDialog dialog = ui(() -> {
            WizardDialog d = open(wizard);
            Shell shell = d.getShell();
            choose(field(shell, "Cluster:", Combo.class), "/" + CLUSTER_FILE);
            type(field(shell, "Folder:", Text.class), target.toString());
            return d;
        });
        settle(400); // painted, for the screenshot
        ui(() -> {
            Screenshots.save(dialog.getShell(), "wizard-export");
            click(button(dialog.getShell(), "Finish"));
            return null;
        });
        settle(300);
        ui(() -> {
            assertEquals(Window.OK, dialog.getReturnCode());
            assertEquals(List.of(target.resolve("lvs1.keepalived.conf"), target.resolve("lvs2.keepalived.conf")),
                    wizard.written());
            for (Path file : wizard.written()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
            String lvs2 = Files.readString(target.resolve("lvs2.keepalived.conf"));
            // the file's leading comment is the cluster's, taken from the first director's file on import
            assertTrue(lvs2.startsWith("# LVS director 1 of the keepalived case study"), "comments are kept: " + lvs2);
            assertTrue(lvs2.contains("vrrp_instance VI_5 {\n    state MASTER"), "the saved pair is exported: " + lvs2);
            assertTrue(lvs2.contains("auth_pass n3wpass"), "the real secret goes into the file");
            return null;
        });
    }
}
