package org.vrrpstudio.deploy.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The probe's "maint" section: each maintenance file's time, name and first line, as the director printed them. */
class ProbeMaintenanceTest {

    @Test
    void nonZeroFilesAreUnitsGivenAwayWithTheirTimes() {
        String section = """
                1764926042 vrrpstudio-maint-VG1 1
                1764926100 vrrpstudio-maint-VG2 0
                1764926200 vrrpstudio-maint-VI_5 -3 words after
                1764926300 vrrpstudio-maint-VI_6 on
                """;
        assertEquals(Map.of("VG1", Instant.ofEpochSecond(1764926042L), "VI_5", Instant.ofEpochSecond(1764926200L)),
                SshDirectorProbe.maintenance(section), "0 and a word are not a number other than 0, as keepalived reads them");
    }

    @Test
    void linesThatAreNotOursAreSkipped() {
        String section = """
                Welcome to the director
                notanumber vrrpstudio-maint-VG1 1
                1764926042 other-file 1
                1764926042 vrrpstudio-maint- 1
                1764926042 vrrpstudio-maint-VG2
                """;
        assertEquals(Map.of(), SshDirectorProbe.maintenance(section));
        assertEquals(Map.of(), SshDirectorProbe.maintenance(""));
    }
}
