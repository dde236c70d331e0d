package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ClusterValidator;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.cluster.ScriptHost;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.deploy.DeployOptions;
import org.vrrpstudio.deploy.DeployResult;
import org.vrrpstudio.deploy.Deployer;
import org.vrrpstudio.deploy.PassphraseProvider;

/**
 * keepalived's script rules judged on the director while deploying (stat and getent over SSH, the real sshd on
 * loopback: the director is this machine): a root script in a folder everyone can write and a script_user the
 * director does not have are warnings of the preview and of the deploy, in the words {@code check} uses locally.
 */
class DeployScriptChecksTest extends AgainstOneSshd {

    private static final String MISSING_USER = "vs-ops-" + ProcessHandle.current().pid();

    private static String config(Path open, Path safe) {
        return "global_defs {\n  script_user " + MISSING_USER + "\n  enable_script_security\n}\n"
                + "vrrp_script chk {\n  script \"" + open.resolve("x.sh") + " arg\"\n  user root\n}\n"
                + "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority 150\n"
                + "  virtual_ipaddress {\n    10.0.0.1\n  }\n  track_script {\n    chk\n  }\n"
                + "  notify_master " + safe.resolve("m.sh") + " root\n}\n";
    }

    private static Path script(Path folder, String name, String mode) throws Exception {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(mode));
        Path script = Files.writeString(folder.resolve(name), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void anUnsafeScriptFolderAndAMissingScriptUserAreWarnedInThePreviewAndTheDeploy() throws Exception {
        FakeDirector d = FakeDirector.create(sshd, "scripts");
        Path open = d.root().resolve("open");
        Path safe = d.root().resolve("safe");
        script(open, "x.sh", "rwxrwxrwx");
        script(safe, "m.sh", "rwxr-xr-x");
        Files.setPosixFilePermissions(d.root(), PosixFilePermissions.fromString("rwxr-xr-x"));
        String text = config(open, safe);
        List<String> expected = List.of(
                "script_user " + MISSING_USER + " does not exist on scripts: keepalived and the agent run no script without a "
                        + "user of its own (line 2 of the new file)",
                "vrrp_script chk: " + open.resolve("x.sh") + " may run as root and " + open + " is writable by everyone: "
                        + "keepalived refuses to run it (enable_script_security) (line 6 of the new file)");

        RecordingProgress preview = new RecordingProgress();
        DeployResult dry = new Deployer(DeployOptions.DEFAULTS.withDryRun(true), PassphraseProvider.NONE).deploy(d.item(text), preview);
        assertInstanceOf(DeployResult.WouldChange.class, dry, dry.summaryLine());
        assertEquals(expected.stream().map(w -> "scripts: " + w).toList(), preview.warnings());
        // what the director answered, kept for the console's Problems view: the same verdicts without a connection,
        // and what it was not asked stays unknown
        ScriptHost answered = preview.scriptHosts().get("scripts");
        assertEquals("scripts", answered.name());
        assertEquals(Optional.of(false), answered.userExists(MISSING_USER));
        assertEquals(Optional.of(open + " is writable by everyone"), answered.unsafePart(open.resolve("x.sh").toString()));
        assertEquals(Optional.empty(), answered.unsafePart(safe.resolve("m.sh").toString()));
        assertEquals(Optional.empty(), answered.userExists("never-asked"));
        assertEquals(Optional.empty(), answered.unsafePart(d.root().resolve("never-asked/x.sh").toString()));

        RecordingProgress deploy = new RecordingProgress();
        DeployResult result = new Deployer(DeployOptions.DEFAULTS, PassphraseProvider.NONE).deploy(d.item(text), deploy);
        assertInstanceOf(DeployResult.Ok.class, result, "warnings do not stop a deploy: " + result.summaryLine());
        assertEquals(preview.warnings(), deploy.warnings());

        // the same rules and words as check on the machine itself (here the director is this machine)
        ImportResult imported = new ClusterImporter().importSingle(new ConfigParser().parse(Path.of("new.conf"), text), "scripts");
        List<String> local = ClusterValidator.validate(imported.cluster().orElseThrow(), imported.sources(), ScriptHost.LOCAL).stream()
                .filter(w -> w.severity() == Severity.WARNING).map(Diagnostic::message)
                .filter(m -> m.contains(MISSING_USER) || m.contains(open.toString())).toList();
        assertEquals(expected.stream().map(w -> w.replaceAll(" \\(line \\d+ of the new file\\)$", "").replace("on scripts:", "on this host:"))
                .toList(), local);
    }

    @Test
    void aFileWithSafeScriptsAndExistingUsersGivesNoWarning() throws Exception {
        FakeDirector d = FakeDirector.create(sshd, "safe-scripts");
        Path safe = d.root().resolve("safe");
        script(safe, "x.sh", "rwxr-xr-x");
        script(safe, "m.sh", "rwxr-xr-x");
        Files.setPosixFilePermissions(d.root(), PosixFilePermissions.fromString("rwxr-xr-x"));
        String text = config(safe, safe).replace(MISSING_USER, "root");
        RecordingProgress preview = new RecordingProgress();
        DeployResult dry = new Deployer(DeployOptions.DEFAULTS.withDryRun(true), PassphraseProvider.NONE).deploy(d.item(text), preview);
        assertInstanceOf(DeployResult.WouldChange.class, dry, dry.summaryLine());
        assertEquals(List.of(), preview.warnings());
    }
}
