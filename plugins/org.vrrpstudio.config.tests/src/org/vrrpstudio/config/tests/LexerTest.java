package org.vrrpstudio.config.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vrrpstudio.config.internal.LineText;
import org.vrrpstudio.config.internal.Quoting;
import org.vrrpstudio.config.internal.Token;

class LexerTest {

    private static List<String> raw(String line) {
        return LineText.tokenize(line, 0).stream().map(Token::raw).toList();
    }

    @Test
    void commentsStartAnywhereOutsideQuotesEvenInsideAWord() {
        assertEquals(13, LineText.findComment("auth_pass k@l!ve1").commentIndex());
        assertEquals(10, LineText.findComment("priority 1#50").commentIndex());
        assertEquals(-1, LineText.findComment("router_id \"a # b ! c\"").commentIndex());
        assertEquals(12, LineText.findComment("x 'it''s' a #c").commentIndex());
        assertEquals(0, LineText.findComment("! whole line").commentIndex());
    }

    @Test
    void escapedQuoteDoesNotEndAQuotedString() {
        assertEquals(-1, LineText.findComment("x \"a \\\" # b\"").commentIndex());
    }

    @Test
    void unterminatedQuoteIsReportedWhereItStarts() {
        LineText.CommentSplit split = LineText.findComment("script \"/bin/true");
        assertFalse(split.hasComment());
        assertEquals(7, split.unterminatedQuoteIndex());
    }

    @Test
    void bracesAreTokensEvenWhenGluedToWords() {
        assertEquals(List.of("vrrp_instance", "VI_1", "{"), raw("vrrp_instance VI_1{"));
        assertEquals(List.of("group", "{", "VI_1", "VI_2", "}"), raw("group {VI_1 VI_2}"));
        assertEquals(List.of("}", "}"), raw("}}"));
    }

    @Test
    void parameterReferencesAndQuotedBracesStayInsideWords() {
        assertEquals(List.of("10.0.${SUBNET}.1"), raw("10.0.${SUBNET}.1"));
        assertEquals(List.of("script", "\"echo {a}\""), raw("script \"echo {a}\""));
        assertEquals(List.of("abc\" d e \"f", "g"), raw("abc\" d e \"f g"));
    }

    @Test
    void tabsAndRunsOfSpacesSeparateWords() {
        assertEquals(List.of("interface", "eth0"), raw("\t interface\t\t eth0  \t"));
        assertEquals(3, LineText.tokenize("\t\t\tx", 0).getFirst().index());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "plain|plain",
            "`\"a b\"`|a b",
            "`abcd\" efg h \"mnop`|abcd efg h mnop",
            "`'single # quoted'`|single # quoted",
            "`\"tab\\there\"`|`tab\there`",
            "`\"q\\\"q\"`|q\"q",
            "`\"\\x41\\101\\cA\"`|`AA\u0001`",
            "`back\\slash`|`back\\slash`" })
    void unquoteRemovesQuotesAndAppliesEscapesInsideThem(String raw, String value) {
        assertEquals(value, Quoting.unquote(raw));
    }

    @Test
    void quoteIfNeededRoundTripsThroughUnquote() {
        for (String value : List.of("simple", "with space", "k@l!ve1", "#hash", "", "q\"uote", "a\\b c", "{brace}",
                "tab\tnew\nline")) {
            String raw = Quoting.quoteIfNeeded(value);
            assertEquals(value, Quoting.unquote(raw), raw);
            assertEquals(1, LineText.tokenize(raw, 0).size(), raw);
            assertFalse(LineText.findComment(raw).hasComment(), raw);
        }
        assertEquals("simple", Quoting.quoteIfNeeded("simple"));
    }

    @Test
    void recognisesPrefixesAndDefinitions() {
        assertTrue(LineText.startsCondition("@main x", 0));
        assertTrue(LineText.startsRepeat("~SEQ(i,1,3) x", 0));
        assertTrue(LineText.startsRepeat("~SEQx(i,1,3) x", 0));
        assertTrue(LineText.startsRepeat("~LST({a,b},{1,2}) x", 0));
        assertEquals(18, LineText.repeatEnd("~LST({a,b},{1,2}) x", 0) + 1);
        assertEquals(-1, LineText.repeatEnd("~SEQ(i, 1, 3 x", 0));
        assertEquals(new LineText.Definition("A_1", "x y"), LineText.definition("$A_1=x y", 0));
        assertEquals(null, LineText.definition("$1A=x", 0));
        assertEquals(null, LineText.definition("$A =x", 0));
    }
}
