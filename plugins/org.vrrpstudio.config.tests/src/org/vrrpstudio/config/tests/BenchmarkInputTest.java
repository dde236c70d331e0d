package org.vrrpstudio.config.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.config.ParseResult;
import org.vrrpstudio.config.bench.ParseBenchmark;

class BenchmarkInputTest {

    @Test
    void generatedConfigIsCleanAndHasTheInstancesItClaims() {
        ParseResult result = ParseBenchmark.parseOnce(1000);
        assertEquals(0, result.diagnostics().size(), result.diagnostics()::toString);
        assertEquals(1000, result.resolve(null).stream().filter(s -> s.keyword().equals("vrrp_instance")).count());
        assertEquals(500, result.resolve(null).stream().filter(s -> s.keyword().equals("vrrp_sync_group")).count());
    }
}
