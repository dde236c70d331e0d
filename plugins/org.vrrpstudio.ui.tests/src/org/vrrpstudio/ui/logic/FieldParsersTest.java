package org.vrrpstudio.ui.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.ui.logic.FieldParsers.Parsed;

class FieldParsersTest {

    @Test
    void acceptsValidValues() {
        assertEquals(new Parsed.Valid<>(51), FieldParsers.vrid(" 51 "));
        assertEquals(new Parsed.Valid<>(254), FieldParsers.priority("254"));
        assertEquals(new Parsed.Valid<>(new BigDecimal("0.5")), FieldParsers.advertInterval("0.5"));
        assertEquals(new Parsed.Valid<>(null), FieldParsers.advertInterval(""));
        assertEquals(new Parsed.Valid<>("192.168.200.10/24"), FieldParsers.address("192.168.200.10/24"));
        assertEquals(new Parsed.Valid<>("fe80::1"), FieldParsers.address("fe80::1"));
    }

    @Test
    void explainsWhatIsWrong() {
        assertEquals("virtual_router_id must be between 1 and 255",
                ((Parsed.Invalid<Integer>) FieldParsers.vrid("256")).message());
        assertEquals("priority must be a whole number, not 'high'",
                ((Parsed.Invalid<Integer>) FieldParsers.priority("high")).message());
        assertEquals("'192.168.300.1' is not an IPv4 address (300 > 255)",
                ((Parsed.Invalid<String>) FieldParsers.address("192.168.300.1")).message());
        assertEquals("prefix length must be between 0 and 32",
                ((Parsed.Invalid<String>) FieldParsers.address("10.0.0.1/33")).message());
        assertInstanceOf(Parsed.Invalid.class, FieldParsers.address("eth0"));
        assertInstanceOf(Parsed.Invalid.class, FieldParsers.advertInterval("-1"));
    }
}
