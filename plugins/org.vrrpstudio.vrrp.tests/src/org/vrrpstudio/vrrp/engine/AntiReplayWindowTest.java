package org.vrrpstudio.vrrp.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrpstudio.vrrp.packet.Addresses.v4;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AntiReplayWindowTest {
    private static final Duration LIMIT = Duration.ofMillis(3609);

    @Test
    void acceptsIncreasingSequencesPerSender() {
        AntiReplayWindow window = new AntiReplayWindow();
        Instant t = Instant.EPOCH;
        assertTrue(window.accept(v4("10.0.0.1"), 5, t, LIMIT));
        assertTrue(window.accept(v4("10.0.0.1"), 6, t.plusSeconds(1), LIMIT));
        assertFalse(window.accept(v4("10.0.0.1"), 6, t.plusSeconds(2), LIMIT), "same number twice");
        assertFalse(window.accept(v4("10.0.0.1"), 3, t.plusSeconds(2), LIMIT), "older number");
        assertTrue(window.accept(v4("10.0.0.2"), 1, t.plusSeconds(2), LIMIT), "other senders have their own counter");
    }

    @Test
    void restartedSenderIsAcceptedOnceSilentLongerThanTheLimit() {
        AntiReplayWindow window = new AntiReplayWindow();
        Instant t = Instant.EPOCH;
        assertTrue(window.accept(v4("10.0.0.1"), 1000, t, LIMIT));
        // rejected adverts do not count as "heard": the limit runs from the last accepted one
        assertFalse(window.accept(v4("10.0.0.1"), 1, t.plusMillis(3000), LIMIT));
        assertFalse(window.accept(v4("10.0.0.1"), 2, t.plusMillis(3609), LIMIT));
        assertTrue(window.accept(v4("10.0.0.1"), 3, t.plusMillis(3610), LIMIT));
        assertTrue(window.accept(v4("10.0.0.1"), 4, t.plusMillis(4610), LIMIT));
        assertFalse(window.accept(v4("10.0.0.1"), 3, t.plusMillis(5000), LIMIT), "strict again after the reset");
    }
}
