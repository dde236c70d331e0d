package org.vrrpstudio.agent.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** getpwnam/getgrnam through FFM, against what /etc/passwd and /etc/group say on this machine. */
class AccountsTest {

    @Test
    void rootIsUidAndGidZero() {
        assertEquals(Optional.of(new Accounts.User("root", 0, 0)), Accounts.user("root"));
        assertEquals(OptionalInt.of(0), Accounts.group("root"));
    }

    @Test
    void aUserFromThePasswdFileHasItsIds() throws Exception {
        String line = Files.readAllLines(Path.of("/etc/passwd")).stream().filter(l -> l.startsWith("nobody:")).findFirst()
                .orElse(null);
        Assumptions.assumeTrue(line != null, "no user nobody in /etc/passwd here");
        String[] fields = line.split(":");
        Accounts.User nobody = Accounts.user("nobody").orElseThrow();
        assertEquals(Integer.parseInt(fields[2]), nobody.uid());
        assertEquals(Integer.parseInt(fields[3]), nobody.gid());
        assertTrue(nobody.uid() > 0);
    }

    @Test
    void missingUsersAndGroupsAreEmpty() {
        assertEquals(Optional.empty(), Accounts.user("vs-no-such-user"));
        assertEquals(OptionalInt.empty(), Accounts.group("vs-no-such-group"));
    }
}
