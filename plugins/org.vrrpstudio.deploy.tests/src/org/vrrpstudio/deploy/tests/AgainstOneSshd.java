package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.vrrpstudio.testing.TestSshd;

/**
 * A test class whose tests deploy to one real OpenSSH server on loopback: started before them in a temp folder,
 * stopped (by its PID) after them; the class is skipped, saying why, where sshd cannot run. Test classes run one
 * after another, so the fields are each class's in turn.
 */
abstract class AgainstOneSshd {

    @TempDir
    static Path tmp;
    static TestSshd sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        assumeTrue(TestSshd.available(), TestSshd.unavailableReason());
        sshd = TestSshd.start(tmp.resolve("sshd"));
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
            sshd = null;
        }
    }
}
