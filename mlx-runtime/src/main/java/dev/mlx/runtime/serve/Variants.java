package dev.mlx.runtime.serve;

import dev.mlx.runtime.spec.Feedback;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which variant answers a row. Without an A/B test, the selected model. With one, the challenger
 * takes its share of the traffic: by a stable hash of the sticky key column when there is one (the
 * same key always meets the same model, across restarts and machines), at random otherwise; in
 * shadow mode the champion answers every row and the challenger scores it too, for the log only.
 */
final class Variants {
    /** The variant that answers, and the one that scores in shadow (null when none). */
    record Assignment(String answer, String role, String shadow) {
    }

    private final String single;
    private final Feedback.AbTest ab;

    Variants(String selected, Feedback.AbTest ab) {
        this.single = selected;
        this.ab = ab;
    }

    boolean isAbTest() {
        return ab != null;
    }

    Assignment assign(Map<String, Object> row) {
        if (ab == null) {
            return new Assignment(single, "selected", null);
        }
        if (ab.shadow()) {
            return new Assignment(ab.champion(), "champion", ab.challenger());
        }
        double u;
        Object key = ab.stickyBy() == null ? null : row.get(ab.stickyBy());
        if (key != null) {
            u = bucket(key.toString());
        } else {
            u = ThreadLocalRandom.current().nextDouble();
        }
        return u < ab.challengerShare() ? new Assignment(ab.challenger(), "challenger", null)
                : new Assignment(ab.champion(), "champion", null);
    }

    /** A uniform number in [0, 1) from the key: 64-bit FNV-1a over its UTF-8 bytes, then a mixing step. */
    static double bucket(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        // FNV's low bits are weak for short keys: finish with SplitMix64's mixer
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
    }
}
