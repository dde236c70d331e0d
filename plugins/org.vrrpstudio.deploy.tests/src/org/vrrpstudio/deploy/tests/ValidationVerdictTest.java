package org.vrrpstudio.deploy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vrrpstudio.deploy.DaemonKind;
import org.vrrpstudio.deploy.internal.ExecResult;
import org.vrrpstudio.deploy.internal.ValidationVerdict;

/** How the output of a director's validate command is read (keepalived's own words as 2.2.7 prints them). */
class ValidationVerdictTest {

    private static final String AH_CLEARS_MASTER = "(VI_1) Initial state master is incompatible with AH authentication - clearing";

    @Test
    void exitZeroIsRunnableWithoutWarnings() {
        ValidationVerdict v = ValidationVerdict.of(DaemonKind.KEEPALIVED, new ExecResult(0, "", ""));
        assertTrue(v.runnable());
        assertEquals(List.of(), v.warnings());
    }

    @Test
    void keepalivedsAhInitialStateWarningIsShownNotRefused() {
        ValidationVerdict v = ValidationVerdict.of(DaemonKind.KEEPALIVED, new ExecResult(5, "",
                AH_CLEARS_MASTER + "\n(VI_2) Initial state master is incompatible with AH authentication - clearing\n"));
        assertTrue(v.runnable());
        assertEquals(List.of(AH_CLEARS_MASTER, "(VI_2) Initial state master is incompatible with AH authentication - clearing"), v.warnings());
    }

    @Test
    void anyOtherLineBesideTheWarningRefuses() {
        ValidationVerdict v = ValidationVerdict.of(DaemonKind.KEEPALIVED, new ExecResult(5, "",
                AH_CLEARS_MASTER + "\n(keepalived.conf: Line 3) (X): VRID '300' not valid - must be between 1 & 255\n"));
        assertFalse(v.runnable());
    }

    @Test
    void otherExitCodesAndSilentFailuresRefuse() {
        assertFalse(ValidationVerdict.of(DaemonKind.KEEPALIVED, new ExecResult(1, "", AH_CLEARS_MASTER)).runnable());
        assertFalse(ValidationVerdict.of(DaemonKind.KEEPALIVED, new ExecResult(5, "", "")).runnable());
        assertFalse(ValidationVerdict.of(DaemonKind.AGENT, new ExecResult(5, "", AH_CLEARS_MASTER)).runnable(),
                "the agent's check exits 0 on warnings: a non-zero exit is an error there");
    }
}
