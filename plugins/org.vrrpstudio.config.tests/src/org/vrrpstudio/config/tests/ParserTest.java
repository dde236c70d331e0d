package org.vrrpstudio.config.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.Location;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.Severity;
import org.vrrpstudio.config.ast.BlankLine;
import org.vrrpstudio.config.ast.Comment;
import org.vrrpstudio.config.ast.Condition;
import org.vrrpstudio.config.ast.Include;
import org.vrrpstudio.config.ast.Node;
import org.vrrpstudio.config.ast.ParamDefinition;
import org.vrrpstudio.config.ast.Statement;

class ParserTest {

    private static final Path FILE = Path.of("test.conf");

    private static ParseResult parse(String text) {
        return new ConfigParser().parse(FILE, text);
    }

    private static List<Node> nodes(String text) {
        ParseResult result = parse(text);
        assertEquals(List.of(), result.diagnostics(), "unexpected diagnostics");
        return result.main().nodes();
    }

    private static List<String> formatted(ParseResult result) {
        return result.diagnostics().stream().map(Diagnostic::format).toList();
    }

    @Test
    void statementsWithBlocksAndLocations() {
        List<Node> nodes = nodes("vrrp_instance VI_1 {\n    state MASTER\n\tpriority 150\n}\n");
        Statement instance = assertInstanceOf(Statement.class, nodes.getFirst());
        assertEquals("vrrp_instance", instance.keyword());
        assertEquals(List.of("VI_1"), instance.arguments());
        assertEquals(new Location(FILE, 1, 1), instance.location());
        assertEquals(2, instance.block().size());
        Statement priority = (Statement) instance.block().get(1);
        assertEquals(new Location(FILE, 3, 2), priority.location());
        assertFalse(priority.hasBlock());
    }

    @Test
    void braceOnItsOwnLineOpensThePreviousStatementsBlock() {
        List<Node> nodes = nodes("vrrp_instance VI_1\n# why not\n{\n  state MASTER\n}\n");
        Statement instance = (Statement) nodes.getFirst();
        assertEquals(1, nodes.size());
        assertInstanceOf(Comment.class, instance.block().getFirst());
        assertEquals("state", ((Statement) instance.block().get(1)).keyword());
    }

    @Test
    void inlineBlocksMakeOneStatementPerLineSegment() {
        Statement group = (Statement) nodes("group { VI_1 VI_2 } extra 1\n").getFirst();
        assertEquals(1, group.block().size());
        Statement members = (Statement) group.block().getFirst();
        assertEquals("VI_1", members.keyword());
        assertEquals(List.of("VI_2"), members.arguments());
        assertFalse(group.oneLine(), "only prefixed lines need to stay on one line");
        assertEquals("extra", ((Statement) nodes("group { VI_1 VI_2 } extra 1\n").get(1)).keyword());
    }

    @Test
    void commentsKeepTheirMarkerAndPlace() {
        List<Node> nodes = nodes("# one\n! two\nkw a # trailing\nblk { ! open\n} # close\n");
        assertEquals(new Comment(new Location(FILE, 1, 1), '#', " one"), nodes.get(0));
        assertEquals('!', ((Comment) nodes.get(1)).marker());
        assertEquals("# trailing", ((Statement) nodes.get(2)).comment());
        Statement block = (Statement) nodes.get(3);
        assertEquals("! open", block.comment());
        assertEquals("# close", block.closingComment());
    }

    @Test
    void quotedHashIsNotAComment() {
        Statement s = (Statement) nodes("router_id \"a # b\" 'c ! d'\n").getFirst();
        assertEquals(List.of("\"a # b\"", "'c ! d'"), s.arguments());
        assertEquals(List.of("a # b", "c ! d"), s.values());
        assertNull(s.comment());
    }

    @Test
    void blankLineRunsCollapseToOneNode() {
        List<Node> nodes = nodes("a\n\n\n\nb\n");
        assertEquals(3, nodes.size());
        assertInstanceOf(BlankLine.class, nodes.get(1));
    }

    @Test
    void crlfAndByteOrderMarkAreIgnored() {
        List<Node> nodes = nodes("\uFEFFa 1\r\nb {\r\n c\r\n}\r\n");
        assertEquals(List.of("1"), ((Statement) nodes.get(0)).arguments());
        assertEquals("c", ((Statement) ((Statement) nodes.get(1)).block().getFirst()).keyword());
    }

    @Test
    void conditionsAndRepeatsArePrefixesOfTheStatement() {
        List<Node> nodes = nodes("@main router_id a\n@^backup ~SEQ(i, 1, 3) ~LST(j, x, y) addr 10.0.${i}.1\n");
        Statement main = (Statement) nodes.get(0);
        assertEquals(Condition.when("main"), main.condition());
        assertEquals("router_id", main.keyword());
        assertEquals(new Location(FILE, 1, 7), main.location());
        Statement seq = (Statement) nodes.get(1);
        assertEquals(Condition.unless("backup"), seq.condition());
        assertEquals(List.of("~SEQ(i, 1, 3)", "~LST(j, x, y)"), seq.repeats());
        assertEquals("addr", seq.keyword());
    }

    @Test
    void prefixedOneLineBlockStaysOneLine() {
        Statement group = (Statement) nodes("@main group { VI_1 }\n").getFirst();
        assertTrue(group.oneLine());
        assertEquals(Condition.when("main"), ((Statement) group.block().getFirst()).condition(),
                "keepalived drops the whole line, so everything on it carries the condition");
    }

    @Test
    void prefixedBlockOpenerIsWarnedAbout() {
        ParseResult result = parse("@main vrrp_instance X {\n  state MASTER\n}\n");
        assertEquals(List.of("test.conf:1:7: warning: the '@' or '~' prefix applies to this line only: keepalived"
                + " still reads the block's following lines and its closing '}'"), formatted(result));
    }

    @Test
    void parameterDefinitionsSingleAndMultiLine() {
        List<Node> nodes = nodes("$A=1 # one\n@main $B=\n$M= \\\n  line1 { \\\n\n  } \\\n  end\nafter\n");
        ParamDefinition a = (ParamDefinition) nodes.get(0);
        assertEquals("A", a.name());
        assertEquals("1", a.value());
        assertEquals("# one", a.comment());
        ParamDefinition b = (ParamDefinition) nodes.get(1);
        assertEquals(Condition.when("main"), b.condition());
        assertEquals("", b.value());
        ParamDefinition m = (ParamDefinition) nodes.get(2);
        assertEquals(List.of("", "line1 {", "", "}", "end"), m.valueLines());
        assertEquals("line1 {\n}\nend", m.value());
        assertEquals(new Location(FILE, 8, 1), nodes.get(3).location());
    }

    @Test
    void includeTakesTheRestOfTheLineLiterally() {
        ParseResult result = parse("include  conf.d/{a,b}.conf   # opt\n");
        assertEquals(List.of("test.conf:1:1: info: include pattern 'conf.d/{a,b}.conf' matches no file"),
                formatted(result));
        Include include = (Include) result.main().nodes().getFirst();
        assertEquals("include", include.keyword());
        assertEquals("conf.d/{a,b}.conf", include.pattern());
        assertEquals("# opt", include.comment());
        ParseResult quoted = parse("includer \"x y.conf\"\n");
        assertEquals("\"x y.conf\"", ((Include) quoted.main().nodes().getFirst()).pattern());
        assertEquals(List.of("test.conf:1:1: error: included file not found: \"x y.conf\""), formatted(quoted));
    }

    @Test
    void missingPlainIncludeIsAWarningAndEmptyGlobIsInfo() {
        ParseResult result = parse("include nowhere.conf\ninclude nowhere.d/*.conf\n");
        assertEquals(List.of("test.conf:1:1: warning: included file not found: nowhere.conf",
                "test.conf:2:1: info: include pattern 'nowhere.d/*.conf' matches no file"), formatted(result));
    }

    @Test
    void unbalancedBracesAreLocated() {
        ParseResult open = parse("a {\n  b {\n    c\n  }\n");
        assertEquals(List.of("test.conf:1:3: error: '{' is never closed: missing '}' for 'a'"), formatted(open));
        ParseResult extra = parse("a {\n}\n  }\n");
        assertEquals(List.of("test.conf:3:3: error: '}' without an open block"), formatted(extra));
        ParseResult stray = parse("{\n x\n}\n");
        assertEquals(List.of("test.conf:1:1: error: '{' without a keyword to open a block for"), formatted(stray));
        assertEquals("x", ((Statement) stray.main().nodes().getFirst()).keyword(), "contents survive");
    }

    @Test
    void unterminatedQuoteAndRepeatAreLocated() {
        assertEquals(List.of("test.conf:2:12: error: unterminated quoted string: the quote runs to the end of the line"),
                formatted(parse("a {\n    script \"/bin/true\n}\n")));
        assertEquals(List.of("test.conf:1:3: error: unterminated '~SEQ(...': missing ')'"),
                formatted(parse("  ~SEQ(i, 1, 3 x\n")));
    }

    @Test
    void unterminatedMultiLineDefinitionIsAnError() {
        assertEquals(List.of("test.conf:1:1: error: multi-line definition of $X is not finished: the last line ends"
                + " with '\\'"), formatted(parse("$X= \\\n  a \\\n")));
    }

    @Test
    void commentInsideAWordIsWarnedAbout() {
        ParseResult result = parse("auth_pass k@l!ve1\n");
        assertEquals(Severity.WARNING, result.diagnostics().getFirst().severity());
        assertEquals(new Location(FILE, 1, 14), result.diagnostics().getFirst().location());
        Statement s = (Statement) result.main().nodes().getFirst();
        assertEquals(List.of("k@l"), s.arguments());
        assertEquals("!ve1", s.comment());
    }

    @Test
    void unreadableMainFileIsADiagnosticNotAnException() {
        ParseResult result = new ConfigParser().parse(Path.of("data/does-not-exist.conf"));
        assertEquals(List.of("data/does-not-exist.conf:1:1: error: cannot read file: no such file"),
                formatted(result));
        assertTrue(result.hasErrors());
        assertEquals(List.of(), result.main().nodes());
    }

    @Test
    void secretsStayOutOfToString() {
        Statement s = (Statement) nodes("auth_pass \"s3cr3t\"\n").getFirst();
        assertFalse(s.toString().contains("s3cr3t"), s.toString());
        assertFalse(parse("$P=s3cr3t\n").main().toString().contains("s3cr3t"));
        assertFalse(parse("auth_pass s3cr3t\n").resolve(null).toString().contains("s3cr3t"));
    }
}
