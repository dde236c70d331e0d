package org.vrrpstudio.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.vrrpstudio.cluster.ClusterImporter;
import org.vrrpstudio.cluster.ClusterValidator;
import org.vrrpstudio.cluster.ImportResult;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.vrrp.binding.BindingException;
import org.vrrpstudio.vrrp.binding.ConfigBinding;
import org.vrrpstudio.vrrp.binding.DirectorSetup;
import org.vrrpstudio.vrrp.binding.NotifyFifoScript;
import org.vrrpstudio.vrrp.binding.NotifyScripts;
import org.vrrpstudio.vrrp.config.TrackConfig;

/**
 * The agent reads its file through {@link ConfigBinding}, without the model; everything else goes through the model.
 * Both must accept and refuse the same files, with the same errors at the same places, the same warnings, and give
 * the same setup: every configuration file of the test fragments, and one snippet per rule and shape, is read both
 * ways here.
 */
class ConfigBindingParityTest {

    private static final String DIRECTOR = "local";

    /** What a path makes of a file: its errors, or its warnings and setup, or the binding's refusal. */
    private record Outcome(List<String> errors, List<String> warnings, Optional<DirectorSetup> setup, Optional<String> refusal) {

        static Outcome refused(List<Diagnostic> errors) {
            return new Outcome(formatted(errors), List.of(), Optional.empty(), Optional.empty());
        }

        boolean accepted() {
            return setup.isPresent();
        }
    }

    private static List<String> formatted(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::format).sorted().toList();
    }

    private static Outcome throughModel(ParseResult parsed) {
        ImportResult imported = new ClusterImporter().importSingle(parsed, DIRECTOR);
        if (!imported.succeeded()) {
            return Outcome.refused(imported.errors());
        }
        List<Diagnostic> errors = ClusterValidator.validate(imported.cluster().orElseThrow(), imported.sources()).stream()
                .filter(d -> d.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            return Outcome.refused(errors);
        }
        List<String> warnings = formatted(imported.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).toList());
        try {
            return new Outcome(List.of(), warnings, Optional.of(DirectorBinding.setup(imported.cluster().orElseThrow(), DIRECTOR)),
                    Optional.empty());
        } catch (BindingException e) {
            return new Outcome(List.of(), warnings, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    private static Outcome direct(ParseResult parsed) {
        ConfigBinding.Reading reading;
        try {
            reading = ConfigBinding.read(parsed, DIRECTOR);
        } catch (BindingException e) {
            // warnings are not part of a refusal: compare the message only
            return new Outcome(List.of(), null, Optional.empty(), Optional.of(e.getMessage()));
        }
        if (reading.setup().isEmpty()) {
            return Outcome.refused(reading.errors());
        }
        return new Outcome(List.of(), formatted(reading.warnings()), reading.setup(), Optional.empty());
    }

    private static void assertSameOutcome(ParseResult parsed) {
        Outcome expected = throughModel(parsed);
        Outcome actual = direct(parsed);
        if (actual.refusal().isPresent() && actual.warnings() == null) {
            assertEquals(expected.refusal(), actual.refusal(), "refusal");
            return;
        }
        assertEquals(expected.errors(), actual.errors(), "errors");
        assertEquals(expected.warnings(), actual.warnings(), "warnings");
        assertEquals(expected.refusal(), actual.refusal(), "refusal");
        String expectedText = String.valueOf(expected.setup());
        if (expectedText.contains("${_PWD}")) {
            // the import keeps ${_PWD} for the director to evaluate; the daemon reading its file there evaluates it
            Path folder = parsed.main().path().toAbsolutePath().getParent();
            assertEquals(expectedText.replace("${_PWD}", folder.toString()), String.valueOf(actual.setup()), "setup");
            return;
        }
        assertEquals(expected.setup(), actual.setup(), "setup");
    }

    /** Every .conf file in the test fragments' data folders (includes are read from where they are). */
    @TestFactory
    Stream<DynamicTest> everyTestConfigurationFileReadsTheSameBothWays() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> fragments = Files.list(Path.of("").toAbsolutePath().getParent())) {
            for (Path data : fragments.map(f -> f.resolve("data")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> found = Files.walk(data)) {
                    found.filter(p -> p.toString().endsWith(".conf")).sorted().forEach(files::add);
                }
            }
        }
        assertTrue(files.size() >= 20, () -> "expected the fragments' configuration files, found " + files);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getParent().getFileName() + "/" + file.getFileName(),
                () -> assertSameOutcome(new ConfigParser().parse(file))));
    }

    private static final String SEED_LIKE = """
            global_defs {
                router_id lvs1
                notify_fifo "/run/keepalived.fifo" root
            }
            vrrp_script chk {
                script "/usr/bin/pgrep -x haproxy"
                interval 2
                timeout 3
                weight -20
                fall 2
                rise 3
                user nobody nogroup
                init_fail
            }
            vrrp_script chk_reverse {
                script /bin/true
                weight 10 reverse
            }
            track_file flag {
                file /run/flag
                weight -7 reverse
                init_file 3 overwrite
            }
            vrrp_sync_group VG1 {
                group {
                    VI_1
                    VI_2
                }
                notify_master "/etc/keepalived/vg.sh master"
                notify "/etc/keepalived/vg.sh"
                track_script {
                    chk
                }
            }
            vrrp_instance VI_1 {
                state MASTER
                interface eth0
                virtual_router_id 51
                priority 150
                advert_int 1
                preempt_delay 5
                authentication {
                    auth_type AH
                    auth_pass secret1
                }
                virtual_ipaddress {
                    192.168.200.10/24 brd 192.168.200.255 dev eth0 scope global label eth0:vip
                    192.168.200.11 nodad
                }
                virtual_ipaddress_excluded {
                    192.168.200.99
                }
                virtual_routes {
                    10.9.0.0/16 via 192.168.200.1
                }
                track_interface {
                    eth1 weight -10
                    eth2 reverse
                }
                track_script {
                    chk
                    chk_reverse weight 5 reverse
                }
                track_file {
                    flag
                }
                notify_master /etc/keepalived/master.sh
                notify "/etc/keepalived/notify.sh" root
                garp_master_delay 3
                use_vmac
                frobnicate yes
            }
            vrrp_instance VI_2 {
                state BACKUP
                interface eth1
                virtual_router_id 52
                priority 100
                nopreempt
                authentication {
                    auth_type PASS
                    auth_pass pass1234
                }
                unicast_src_ip 192.168.100.5
                unicast_peer {
                    192.168.100.6
                    192.168.100.6
                }
                virtual_ipaddress {
                    192.168.100.10
                }
                notify_backup /etc/keepalived/backup.sh
                smtp_alert
            }
            vrrp_instance VI_6 {
                interface eth1
                virtual_router_id 52
                version 3
                advert_int 0.05
                priority 120
                virtual_ipaddress {
                    fd00:100::10/64
                }
            }
            unknown_block {
                whatever
            }
            """;

    @Test
    void aRichConfigurationGivesTheSameSetupBothWays() throws Exception {
        ParseResult parsed = new ConfigParser().parse(Path.of("rich.conf"), SEED_LIKE);
        assertSameOutcome(parsed);
        DirectorSetup setup = ConfigBinding.read(parsed, DIRECTOR).setup().orElseThrow();
        // the comparison is only worth something if the setup is rich: look at a few of its parts
        assertEquals(List.of("VI_1", "VI_2", "VI_6"), setup.instances().stream().map(i -> i.name()).toList());
        assertEquals(Optional.of("/run/keepalived.fifo"), setup.notifyFifo());
        assertEquals(2, setup.checkScripts().size());
        assertTrue(setup.checkScripts().getFirst().initFail());
        assertEquals(Optional.of("/etc/keepalived/vg.sh master"), setup.groupNotify().get("VG1").master());
        assertTrue(setup.notRun().stream().anyMatch(n -> n.contains("virtual_routes")), setup.notRun()::toString);
        assertTrue(setup.instances().get(1).tracks().contains(new TrackConfig.Script("chk", -20, false)),
                "VI_2 tracks its sync group's check script: " + setup.instances().get(1).tracks());
        assertEquals(1, setup.instances().get(1).unicastPeers().size(), "a repeated peer is dropped");
    }

    /** One snippet per rule of the importer and the validator that refuses a file, and per shape kept as text. */
    @Test
    void aLineRepeatedManyTimesIsOneWarningBothWays() throws Exception {
        // 100,000 unknown statements from one line: one report of it, not 100,000 (issue 20: the import printed each)
        ParseResult parsed = new ConfigParser().parse(Path.of("repeat.conf"), SEED_LIKE + "~SEQ(i, 1, 100000) frob ${i}\n");
        assertSameOutcome(parsed);
        List<Diagnostic> binding = ConfigBinding.read(parsed, DIRECTOR).warnings();
        List<Diagnostic> model = new ClusterImporter().importSingle(parsed, DIRECTOR).diagnostics();
        for (List<Diagnostic> diagnostics : List.of(binding, model)) {
            assertEquals(1, diagnostics.stream().filter(d -> d.message().contains("'frob'")).count(), diagnostics::toString);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRuleRefusesOrAcceptsTheSameBothWays() {
        List<String> instanceBodies = List.of(
                "state MAYBE", "state", "virtual_router_id x", "virtual_router_id 1 2", "virtual_router_id 0",
                "virtual_router_id 300", "priority 0", "priority 256", "priority 255", "priority high", "version 4", "version 3",
                "advert_int 0", "advert_int 1.5", "advert_int 300", "version 3\nadvert_int 50", "version 3\nadvert_int 0.005",
                "advert_int x", "authentication {\nauth_type MD5\nauth_pass x\n}", "authentication {\nauth_type PASS\n}",
                "authentication {\nauth_type AH\nauth_pass a b\n}", "authentication {\nauth_type PASS\nauth_pass p\nfoo bar\n}",
                "authentication {\nauth_pass p\n}", "version 3\nauthentication {\nauth_type AH\nauth_pass p\n}",
                "virtual_ipaddress {\n10.0.0.1/xx\n}", "virtual_ipaddress {\n10.0.0.1/40\n}", "virtual_ipaddress {\nnot-an-ip\n}",
                "virtual_ipaddress {\n10.0.0.2 brd\n}", "virtual_ipaddress {\n10.0.0.2 brd bogus\n}",
                "virtual_ipaddress {\n10.0.0.2\n10.0.0.2\n}", "virtual_ipaddress {\nfd00::1\n10.0.0.3\n}",
                "virtual_ipaddress_excluded {\n10.0.0.9/zz\n}", "track_script {\nmissing\n}", "track_file {\nnone\n}",
                "track_interface {\neth1 weight 300\n}", "track_interface {\neth1 weight x\n}",
                "track_interface {\neth1 prio 3\n}", "track_interface {\neth1 {\n}\n}", "track_interface {\neth1 weight -3 reverse\n}",
                "unicast_src_ip nonsense\nunicast_peer {\n10.0.0.5\n}", "unicast_src_ip fd00::5\nunicast_peer {\n10.0.0.5\n}",
                "unicast_src_ip 10.0.0.5\nunicast_peer {\n10.0.0.5\n}", "unicast_peer {\nfd00::7\n}", "unicast_peer {\nbogus\n}",
                "unicast_peer {\n10.0.0.6 min_ttl 250\n}", "unicast_src_ip 10.0.0.5 extra", "interface eth0 eth1",
                "nopreempt yes", "notify_master /bin/a root", "smtp_alert now", "preempt_delay soon", "garp_master_delay x",
                "mcast_src_ip 10.0.0.5", "bogus_keyword 1", "notify_master \"/bin/a x\" nobody nogroup",
                "notify /bin/n nobody\nnotify_backup /bin/b", "notify_fault /bin/f a b c", "notify_stop /bin/s root\nnotify_stop /bin/t");
        List<DynamicTest> tests = new ArrayList<>();
        for (String body : instanceBodies) {
            tests.add(DynamicTest.dynamicTest(body.replace('\n', ' '), () -> assertSameOutcome(parse(instance("VI_1", 51, body)))));
        }
        List<String> files = List.of(
                instance("VI_1", 51, "") + instance("VI_1", 52, ""),
                instance("VI_1", 51, "") + instance("VI_2", 51, ""),
                instance("VI_1", 51, "") + instance("VI_2", 51, "virtual_ipaddress {\nfd00::2\n}"),
                instance("VI_1", 51, "") + instance("VI_2", 52, "virtual_ipaddress {\n10.0.0.1\n}"),
                "vrrp_instance {\ninterface eth0\n}\n", "vrrp_instance A B {\n}\n",
                "vrrp_instance VI_1 {\nvirtual_router_id 51\nvirtual_ipaddress {\n10.0.0.1\n}\n}\n",
                "vrrp_instance VI_1 {\ninterface eth0\nvirtual_router_id 51\n}\n",
                instance("VI_1", 51, "") + "vrrp_sync_group VG {\ngroup {\nVI_1\nVI_9\n}\n}\n",
                instance("VI_1", 51, "") + "vrrp_sync_group VG {\ngroup {\nVI_1 VI_1\n}\n}\n",
                instance("VI_1", 51, "") + "vrrp_sync_group A {\ngroup {\nVI_1\n}\n}\nvrrp_sync_group B {\ngroup {\nVI_1\n}\n}\n",
                instance("VI_1", 51, "") + "vrrp_sync_group {\n}\n",
                instance("VI_1", 51, "") + "vrrp_sync_group VG {\ngroup {\nVI_1\n}\ntrack_interface {\neth3 weight -5 reverse\n}\n}\n",
                instance("VI_1", 51, "") + "vrrp_sync_group VG {\ngroup {\nVI_1\n}\ntrack_script {\nnone\n}\n}\n",
                instance("VI_1", 51, "") + "vrrp_sync_group VG {\ngroup {\nVI_1\n}\ntrack_file {\nnone\n}\n}\n",
                instance("VI_1", 51, "") + "vrrp_sync_group VG {\ngroup {\nVI_1\n}\ntrack_interface {\neth3 weight 300\n}\n}\n",
                instance("VI_1", 51, "track_script {\nchk\n}") + "vrrp_script chk {\nscript /bin/true\n}\n"
                        + "vrrp_sync_group VG {\ngroup {\nVI_1\n}\ntrack_script {\nchk\n}\n}\n",
                instance("VI_1", 51, "") + "vrrp_sync_group VG {\ngroup {\nVI_1\n}\ntrack_interface {\neth3 odd\n}\n}\n",
                instance("VI_1", 51, "") + "vrrp_sync_group VG {\ngroup {\nVI_1\n}\nnotify_fault a b\nglobal_tracking\nodd 1\n}\n",
                instance("VI_1", 51, "track_script {\nchk\n}") + "vrrp_script chk {\nscript a b\ninterval x\n}\n",
                instance("VI_1", 51, "track_script {\nchk\n}") + "vrrp_script chk {\nscript /bin/true\nweight 5\n}\n",
                instance("VI_1", 51, "track_script {\nchk weight 2\n}") + "vrrp_script chk {\nscript /bin/true\nweight 5\n}\n",
                instance("VI_1", 51, "track_script {\nchk\n}") + "vrrp_script chk {\nscript /bin/true\nodd 1\n}\n",
                "vrrp_script {\n}\n",
                instance("VI_1", 51, "track_file {\nf\n}") + "track_file f {\n}\n",
                instance("VI_1", 51, "track_file {\nf\n}") + "track_file f {\nfile /a\n}\nvrrp_track_file f {\nfile /b\n}\n",
                instance("VI_1", 51, "track_file {\nf\n}") + "track_file f {\nfile /a b\nweight x\ninit_file y z w\nodd 1\n}\n",
                instance("VI_1", 51, "track_file {\nf weight 4\n}") + "track_file f {\nfile /a\nweight -2 reverse\n}\n",
                "global_defs {\nvrrp_version 3\n}\n" + instance("VI_1", 51, "advert_int 0.5"),
                "global_defs {\nvrrp_version 3\n}\n" + instance("VI_1", 51, "authentication {\nauth_type PASS\nauth_pass p\n}"),
                "global_defs {\nvrrp_notify_fifo /run/f\n}\n" + instance("VI_1", 51, ""),
                "global_defs {\nnotify_fifo /run/f\nnotify_fifo_script \"/bin/r x\" nobody nogroup\n}\n" + instance("VI_1", 51, ""),
                "global_defs {\nvrrp_notify_fifo /run/f\nnotify_fifo_script /bin/r\nvrrp_notify_fifo_script /bin/v root\n}\n"
                        + instance("VI_1", 51, ""),
                "global_defs {\nnotify_fifo_script /bin/r\n}\n" + instance("VI_1", 51, ""),
                "global_defs {\nnotify_fifo /run/f\nnotify_fifo_script /bin/r a b c\n}\n" + instance("VI_1", 51, ""),
                instance("VI_1", 51, "") + "vrrp_sync_group VG {\ngroup {\nVI_1\n}\nnotify_master /bin/g nobody nogroup\n"
                        + "notify \"/bin/g x\" root\nnotify_backup /bin/g a b c\n}\n",
                "global_defs {\nscript_user nobody nogroup\nenable_script_security\n}\n" + instance("VI_1", 51, "notify_master /bin/a"),
                "global_defs {\nscript_user \"nobody\"\nscript_user root\n}\n" + instance("VI_1", 51, ""),
                "global_defs {\nscript_user\nenable_script_security\n}\n" + instance("VI_1", 51, ""),
                "vrrp_instance VI_1 {\ninterface eth0\nvirtual_router_id 51\nvirtual_ipaddress {\n10.0.0.1\n",
                "top_level_unknown 1\nstatic_ipaddress {\n10.1.1.1/24 dev eth0\n}\n" + instance("VI_1", 51, ""));
        for (String file : files) {
            tests.add(DynamicTest.dynamicTest(file.replace('\n', ' '), () -> assertSameOutcome(parse(file))));
        }
        return tests.stream();
    }

    @Test
    void aUserAfterANotifyScriptIsReadBothWays() throws Exception {
        ParseResult parsed = parse(instance("VI_1", 51, "notify_master \"/bin/a x\" nobody nogroup\nnotify /bin/n\n"
                + "notify_fault /bin/f a b c") + "vrrp_sync_group VG {\ngroup {\nVI_1\n}\nnotify_backup /bin/g root\n}\n");
        assertSameOutcome(parsed);
        DirectorSetup setup = ConfigBinding.read(parsed, DIRECTOR).setup().orElseThrow();
        NotifyScripts instance = setup.instanceNotify().get("VI_1");
        assertEquals(Optional.of("/bin/a x"), instance.master());
        assertEquals(Optional.of("nobody nogroup"), instance.user("notify_master"));
        assertEquals(Optional.empty(), instance.user("notify"), "no user of its own: the default script user");
        assertEquals(Optional.empty(), instance.fault(), "more words than SCRIPT USER GROUP: kept as text, not run");
        assertEquals(Optional.of("/bin/g"), setup.groupNotify().get("VG").backup());
        assertEquals(Optional.of("root"), setup.groupNotify().get("VG").user("notify_backup"));
    }

    @Test
    void theNotifyFifoScriptOfTheFifoIsReadBothWays() throws Exception {
        ParseResult parsed = parse("global_defs {\n  vrrp_notify_fifo /run/v.fifo\n  notify_fifo_script /bin/other\n"
                + "  vrrp_notify_fifo_script \"/usr/local/bin/fifo-reader --quiet\" nobody nogroup\n}\n" + instance("VI_1", 51, ""));
        assertSameOutcome(parsed);
        DirectorSetup setup = ConfigBinding.read(parsed, DIRECTOR).setup().orElseThrow();
        assertEquals(Optional.of("/run/v.fifo"), setup.notifyFifo());
        assertEquals(Optional.of(new NotifyFifoScript("/usr/local/bin/fifo-reader --quiet", Optional.of("nobody nogroup"))),
                setup.notifyFifoScript(), "the script keyword that goes with the FIFO's keyword");
        DirectorSetup without = ConfigBinding.read(parse("global_defs {\n  notify_fifo_script /bin/r\n}\n" + instance("VI_1", 51, "")),
                DIRECTOR).setup().orElseThrow();
        assertEquals(Optional.empty(), without.notifyFifoScript(), "no FIFO, nothing to read");
    }

    @Test
    void aRefusedFileIsRefusedWithTheImportersLocatedErrors() throws Exception {
        ConfigBinding.Reading reading = ConfigBinding.read(parse(instance("VI_1", 51, "priority 0\nadvert_int 1.5")), DIRECTOR);
        assertFalse(reading.setup().isPresent());
        assertEquals(List.of("snippet.conf:8:1: error: vrrp_instance VI_1: VRRPv2 advertises whole seconds; advert_int 1.5 is not "
                + "(use version 3 for sub-second intervals)",
                "snippet.conf:7:1: error: vrrp_instance VI_1 on local: priority 0 is out of range 1..255"),
                reading.errors().stream().map(Diagnostic::format).toList());
    }

    @Test
    void aSyncGroupTrackScriptNamingNoVrrpScriptIsAnErrorBothWays() throws Exception {
        ParseResult parsed = parse(instance("VI_1", 51, "") + "vrrp_sync_group VG {\ngroup {\nVI_1\n}\ntrack_script {\nchk_gone\n}\n}\n");
        List<String> expected = List.of("snippet.conf:13:1: error: vrrp_sync_group VG: track_script names 'chk_gone', which no vrrp_script defines");
        // the daemon's reader refuses the file with the located error ...
        ConfigBinding.Reading reading = ConfigBinding.read(parsed, DIRECTOR);
        assertFalse(reading.setup().isPresent());
        assertEquals(expected, reading.errors().stream().map(Diagnostic::format).toList());
        // ... and check / the Problems view (the validator on the imported model) says the same at the same place
        ImportResult imported = new ClusterImporter().importSingle(parsed, DIRECTOR);
        assertEquals(expected, ClusterValidator.validate(imported.cluster().orElseThrow(), imported.sources()).stream()
                .filter(d -> d.severity() == Severity.ERROR).map(Diagnostic::format).toList());
    }

    private static ParseResult parse(String text) {
        return new ConfigParser().parse(Path.of("snippet.conf"), text);
    }

    private static String instance(String name, int vrid, String body) {
        return "vrrp_instance " + name + " {\ninterface eth0\nvirtual_router_id " + vrid + "\nvirtual_ipaddress {\n10.0.0."
                + vrid + "/24\n}\n" + body + "\n}\n";
    }
}
