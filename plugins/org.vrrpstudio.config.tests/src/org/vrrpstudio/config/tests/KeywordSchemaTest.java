package org.vrrpstudio.config.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.ConfigParser;
import org.vrrpstudio.config.Diagnostic;
import org.vrrpstudio.config.KeywordSchema;

class KeywordSchemaTest {

    private final KeywordSchema schema = KeywordSchema.of(List.of("vrrp_instance/state", "vrrp_instance/priority",
            "vrrp_instance/authentication/auth_type", "vrrp_instance/virtual_ipaddress/*", "global_defs"));

    @Test
    void reportsUnknownKeywordsWhereTheyStand() {
        var statements = new ConfigParser().parse(Path.of("k.conf"), """
                global_defs {
                    anything_goes_here_is_checked
                }
                vrrp_instance VI_1 {
                    state MASTER
                    prioritty 100
                    authentication {
                        auth_type PASS
                        auth_pas x
                    }
                    virtual_ipaddress {
                        10.0.0.1/24 dev eth0
                    }
                }
                vrrp_instanse VI_2 {
                    whatever
                }
                """).resolve(null);
        assertEquals(List.of(
                "k.conf:2:5: warning: unknown keyword 'anything_goes_here_is_checked' in global_defs: kept as written, not interpreted",
                "k.conf:6:5: warning: unknown keyword 'prioritty' in vrrp_instance: kept as written, not interpreted",
                "k.conf:9:9: warning: unknown keyword 'auth_pas' in authentication: kept as written, not interpreted",
                "k.conf:15:1: warning: unknown keyword 'vrrp_instanse': kept as written, not interpreted"),
                schema.unknownKeywords(statements).stream().map(Diagnostic::format).toList());
    }

    @Test
    void isKnownByPath() {
        assertTrue(schema.isKnown(List.of(), "vrrp_instance"));
        assertTrue(schema.isKnown(List.of("vrrp_instance", "virtual_ipaddress"), "192.168.0.1"));
        assertFalse(schema.isKnown(List.of("vrrp_instance"), "auth_type"));
    }
}
