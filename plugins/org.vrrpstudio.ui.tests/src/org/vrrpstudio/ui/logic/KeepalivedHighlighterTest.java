package org.vrrpstudio.ui.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class KeepalivedHighlighterTest {

    private static String texts(String text, TokenKind kind) {
        return String.join("|", new KeepalivedHighlighter().highlight(text).stream().filter(r -> r.kind() == kind)
                .map(r -> text.substring(r.offset(), r.end())).toList());
    }

    @Test
    void coloursKeywordsCommentsNumbersStringsAndBraces() {
        String text = """
                vrrp_instance VI_1 { # main
                    priority 150
                    notify_master "/usr/bin/notify master"
                    virtual_ipaddress {
                        192.168.200.10/24 dev eth0
                    }
                }
                ! bang comment
                """;
        assertEquals("vrrp_instance|priority|notify_master|virtual_ipaddress", texts(text, TokenKind.KEYWORD));
        assertEquals("# main|! bang comment", texts(text, TokenKind.COMMENT));
        assertEquals("150|192.168.200.10/24", texts(text, TokenKind.NUMBER));
        assertEquals("\"/usr/bin/notify master\"", texts(text, TokenKind.STRING));
        assertEquals("{|{|}|}", texts(text, TokenKind.BRACE));
    }

    @Test
    void neverFailsOnBrokenText() {
        List<HighlightRange> ranges = new KeepalivedHighlighter().highlight("\"unterminated\n}}{ 12 #\n\n");
        assertEquals(TokenKind.STRING, ranges.getFirst().kind());
        assertEquals("\"unterminated".length(), ranges.getFirst().length());
    }
}
