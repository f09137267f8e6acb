package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Prediction ids: valid version 7 UUIDs that carry their time, sort by it, and never repeat. */
class PredictionIdsTest {
    @Test
    void isAVersion7UuidCarryingTheTime() {
        long now = 1_764_370_000_123L;
        String id = PredictionIds.next(now);
        UUID u = UUID.fromString(id);
        assertEquals(id, u.toString(), "canonical lower-case form");
        assertEquals(7, u.version());
        assertEquals(2, u.variant());
        assertEquals(now, u.getMostSignificantBits() >>> 16);
    }

    @Test
    void laterIdsSortAfterEarlierOnes() {
        String previous = PredictionIds.next(1_000_000L);
        for (long t = 1_000_001L; t < 1_000_500L; t++) {
            String id = PredictionIds.next(t);
            assertTrue(id.compareTo(previous) > 0, id + " after " + previous);
            previous = id;
        }
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(seen.add(PredictionIds.next(42L)), "a repeated id after " + i);
        }
    }
}
