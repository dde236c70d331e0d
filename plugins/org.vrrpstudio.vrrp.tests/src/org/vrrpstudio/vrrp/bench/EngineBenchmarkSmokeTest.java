package org.vrrpstudio.vrrp.bench;

import org.junit.jupiter.api.Test;

/** Keeps the benchmark main runnable (a very short run, figures printed but not asserted). */
class EngineBenchmarkSmokeTest {
    @Test
    void runsBriefly() throws Exception {
        EngineBenchmark.main(new String[] {"0.2"});
    }
}
