package org.vrrpstudio.config.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Location;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.Resolution;
import org.vrrpstudio.config.ResolvedStatement;
import org.vrrpstudio.config.ast.Statement;

class ResolverTest {

    private static final Path FILE = Path.of("r.conf");

    private static Resolution resolve(String text, String configId) {
        ParseResult parsed = new ConfigParser().parse(FILE, text);
        return parsed.resolution(configId);
    }

    /** keyword and args of each top-level statement (and children, indented), for compact assertions. */
    private static String shape(String text, String configId) {
        Resolution resolution = resolve(text, configId);
        assertEquals(List.of(), resolution.diagnostics().stream().map(Diagnostic::format).toList());
        return AstShape.ofResolved(resolution.statements());
    }

    @Test
    void conditionsFollowTheManPageExample() {
        String text = "global_defs {\n @main router_id main_router\n @backup router_id backup_router\n}\n"
                + "unicast_peer {\n @^main 1.2.3.4\n @^backup 1.2.3.5\n @^backup2 1.2.3.6\n}\n";
        assertEquals("global_defs [] {\n  router_id [main_router]\nunicast_peer [] {\n  1.2.3.5 []\n  1.2.3.6 []\n",
                shape(text, "main"));
        assertEquals("global_defs [] {\nunicast_peer [] {\n  1.2.3.4 []\n  1.2.3.5 []\n  1.2.3.6 []\n",
                shape(text, null));
    }

    @Test
    void parametersAreSubstitutedAtUseTimeAndRecursively() {
        String text = "$ADDRESS_BASE=10.2.${ADDRESS_BASE_SUB}\n$ADDRESS_BASE_SUB=0\n${ADDRESS_BASE}.100/32\n"
                + "$ADDRESS_BASE_SUB=10\n${ADDRESS_BASE}.100/32\n";
        assertEquals("10.2.0.100/32 []\n10.2.10.100/32 []\n", shape(text, null));
    }

    @Test
    void bareParameterNeedsWhitespaceAfterItAndUndefinedOnesStay() {
        assertEquals("a [x, $Bz, ${UNDEF}, $UNDEF]\n", shape("$B=x\na $B $Bz ${UNDEF} $UNDEF\n", null));
    }

    @Test
    void conditionalDefinitionsAndConditionsFromParameters() {
        String text = "@main $PRIORITY=240\n@backup $PRIORITY=200\n$IF_MAIN=@main\npriority $PRIORITY\n"
                + "$IF_MAIN nopreempt\n";
        assertEquals("priority [240]\nnopreempt []\n", shape(text, "main"));
        assertEquals("priority [200]\n", shape(text, "backup"));
    }

    @Test
    void multiLineDefinitionsExpandToLinesProcessedInOrder() {
        String text = "$INSTANCE= \\\nvrrp_instance VI_${NUM} { \\\n  interface eth0.${NUM} \\\n"
                + "  @high priority 130 \\\n  @low priority 120 \\\n}\n$NUM=0\n$INSTANCE\n$NUM=1\n$INSTANCE\n";
        assertEquals("vrrp_instance [VI_0] {\n  interface [eth0.0]\n  priority [120]\n"
                + "vrrp_instance [VI_1] {\n  interface [eth0.1]\n  priority [120]\n", shape(text, "low"));
        Resolution resolution = resolve(text, "low");
        ResolvedStatement first = resolution.statements().getFirst();
        assertEquals(new Location(FILE, 8, 1), first.location(), "generated lines point at the $INSTANCE line");
        assertEquals("$INSTANCE", first.source().keyword());
    }

    @Test
    void definitionsInsideMultiLineValuesApplyToLaterLines() {
        String text = "$RS= \\\nreal_server 10.0.0.${RS_NUM} 80\n$VS= \\\nvirtual_server 1.1.1.1 80 { \\\n"
                + "  $RS_NUM=1 \\\n  $RS \\\n  $RS_NUM=2 \\\n  $RS \\\n}\n$VS\n";
        assertEquals("virtual_server [1.1.1.1, 80] {\n  real_server [10.0.0.1, 80]\n  real_server [10.0.0.2, 80]\n",
                shape(text, null));
    }

    @Test
    void predefinedParameters() {
        String text = "a ${_HASH}x ${_BANG}y ${_INSTANCE}\nb ${_PWD}\n";
        List<ResolvedStatement> statements = resolve(text, "lvs1").statements();
        assertEquals(List.of("#x", "!y", "lvs1"), statements.get(0).args());
        assertEquals(FILE.toAbsolutePath().getParent().toString(), statements.get(1).arg(0).orElseThrow());
    }

    @Test
    void readForADirectorTheBuiltInsOnlyTheDirectorKnowsStayAsWritten() {
        String text = "$DIR=${_PWD}/scripts\n"
                + "a \"${_PWD}/notify.sh ${_INSTANCE}\" $DIR\n"
                + "~SEQ(N, 1, 2) b ${_PWD}/${N} ${_HASH}\n"
                + "c \"${_RANDOM 1 5}\"\n";
        ParseResult parsed = new ConfigParser().parse(FILE, text);
        Resolution forDirector = parsed.resolutionForDirector(null);
        assertEquals(List.of(), forDirector.diagnostics());
        List<ResolvedStatement> statements = forDirector.statements();
        assertEquals(List.of("${_PWD}/notify.sh ${_INSTANCE}", "${_PWD}/scripts"), statements.get(0).args());
        assertEquals(List.of("${_PWD}/1", "#"), statements.get(1).args());
        assertEquals(List.of("${_PWD}/2", "#"), statements.get(2).args());
        assertEquals(List.of("${_RANDOM 1 5}"), statements.get(3).args());
        // with a config id, ${_INSTANCE} is that id, as keepalived -i ID reads it; the daemon's own reading evaluates ${_PWD}
        assertEquals(List.of("${_PWD}/notify.sh lvs1", "${_PWD}/scripts"), parsed.resolutionForDirector("lvs1").statements().get(0).args());
        String here = FILE.toAbsolutePath().getParent().toString();
        assertEquals(List.of(here + "/notify.sh ${_INSTANCE}", here + "/scripts"), parsed.resolution(null).statements().get(0).args());
    }

    @Test
    void sequencesAndListsFollowTheManPageExamples() {
        assertEquals("ip_address [10.0.0.1]\nip_address [10.0.1.1]\nip_address [10.0.2.1]\nip_address [10.0.3.1]\n",
                shape("~SEQ(SUBNET, 0, 3) ip_address 10.0.${SUBNET}.1\n", null));
        assertEquals("ip_address [fe80::20:90:1]\nip_address [fe80::20:a0:1]\nip_address [fe80::20:b0:1]\n"
                + "ip_address [fe80::20:c0:1]\n",
                shape("~SEQx(SUBNET, 0x90, 0x10, 0xc0) ip_address fe80::20:${SUBNET}:1\n", null));
        assertEquals("192.168.10.1 []\n192.168.20.4 []\n192.168.5.6 []\n",
                shape("~LST({IP, IP1}, {10,1},{20,4},{5,6}) 192.168.${IP}.${IP1}\n", null));
        assertEquals("x [3]\nx [2]\nx [1]\n", shape("~SEQ(N, 3, 1) x ${N}\n", null), "step defaults to -1");
        assertEquals("x [1]\nx [2]\n", shape("~SEQ(N, 2) x ${N}\n", null), "start defaults to 1");
        assertEquals(12, resolve("~SEQ(A,1,3) ~LST(B,x,y) ~SEQ(C,0,1) v ${A}${B}${C}\n", null).statements().size());
    }

    @Test
    void badSequencesAreLocatedErrors() {
        Resolution zeroStep = resolve("a {\n  ~SEQ(i, 1, 0, 5) x\n}\n", null);
        assertEquals(List.of("r.conf:2:20: error: bad ~SEQ(i, 1, 0, 5): step is 0: the sequence would never end"),
                zeroStep.diagnostics().stream().map(Diagnostic::format).toList());
        assertEquals(List.of("r.conf:1:17: error: bad ~SEQ(i, one, 3): 'one' is not a number"),
                resolve("~SEQ(i, one, 3) x\n", null).diagnostics().stream().map(Diagnostic::format).toList());
        assertEquals(List.of("r.conf:1:18: error: bad ~LST({a,b}, {1}): '{1}' has 1 value(s) for 2 variable(s)"),
                resolve("~LST({a,b}, {1}) x\n", null).diagnostics().stream().map(Diagnostic::format).toList());
    }

    @Test
    void selfReferenceDoesNotHang() {
        Resolution resolution = resolve("$A=x$A\na $A\n", null);
        assertTrue(resolution.diagnostics().getFirst().message().contains("does not end"),
                resolution.diagnostics().toString());
    }

    @Test
    void prefixedBlockOpenerBehavesLikeKeepalived() {
        // keepalived drops only the '@other' line: the contents land outside and the '}' is extra
        Resolution resolution = resolve("@other vrrp_instance X {\n  state MASTER\n}\n", "me");
        assertEquals("state [MASTER]\n", AstShape.ofResolved(resolution.statements()));
        assertEquals(List.of("r.conf:1:8: error: '}' without an open block (is the line that opened it conditional"
                + " or repeated?)"), resolution.diagnostics().stream().map(Diagnostic::format).toList());
        assertEquals("group [] {\n  VI_1 []\n", shape("@me group { VI_1 }\n@other group { VI_2 }\n", "me"));
    }

    @Test
    void convenienceAccessors() {
        ParseResult parsed = new ConfigParser().parse(FILE,
                "vrrp_instance VI_1 {\n virtual_ipaddress {\n  10.0.0.1/24 dev eth0\n  10.0.0.2\n }\n"
                        + " notify \"/bin/echo a b\"\n}\n");
        ResolvedStatement instance = parsed.resolve(null).getFirst();
        assertEquals("VI_1", instance.arg(0).orElseThrow());
        assertTrue(instance.arg(1).isEmpty());
        assertEquals(2, instance.child("virtual_ipaddress").orElseThrow().children().size());
        assertEquals(List.of("/bin/echo a b"), instance.children("notify").getFirst().args());
        assertTrue(instance.child("nothing").isEmpty());
        Statement source = instance.source();
        assertSame(parsed.main().nodes().getFirst(), source);
    }

    @Test
    void includesAreInlinedWhereTheyStand() {
        ParseResult parsed = new ConfigParser().parse(Path.of("data/corpus/ours/includes/keepalived.conf"));
        List<String> keywords = parsed.resolve(null).stream().map(s -> s.keyword() + " " + s.args()).toList();
        assertEquals(List.of("global_defs []", "vrrp_script [chk_inc]", "vrrp_sync_group [VG_INC]",
                "vrrp_instance [VI_A]", "vrrp_instance [VI_B]"), keywords);
        ResolvedStatement a = parsed.resolve(null).get(3);
        assertEquals("192.168.91.1/24", a.child("virtual_ipaddress").orElseThrow().children().getFirst().keyword());
        assertTrue(a.child("virtual_ipaddress").orElseThrow().location().file().endsWith("addresses.inc"));
    }
}
