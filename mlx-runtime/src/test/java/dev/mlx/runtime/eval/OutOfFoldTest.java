package dev.mlx.runtime.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Scored#outOfFold}: the folds' predictions put back in row order, or nothing when they do not cover the rows once. */
class OutOfFoldTest {
    private static final List<String> CLASSES = List.of("a", "b");

    private static Scored part(String[] actual, String[] predicted, boolean probs) {
        double[][] p = null;
        if (probs) {
            p = new double[actual.length][];
            for (int i = 0; i < p.length; i++) {
                p[i] = predicted[i].equals("a") ? new double[] {0.9, 0.1} : new double[] {0.2, 0.8};
            }
        }
        return Scored.ofArrays(actual, predicted, p, CLASSES);
    }

    @Test
    void eachFoldsPredictionsLandOnTheRowsItHeldOut() {
        Scored first = part(new String[] {"a", "b"}, new String[] {"a", "a"}, true); // rows 3 and 0
        Scored second = part(new String[] {"b", "a", "b"}, new String[] {"b", "b", "b"}, true); // rows 1, 4, 2
        Scored all = Scored.outOfFold(List.of(first, second), List.of(new int[] {3, 0}, new int[] {1, 4, 2}), 5);
        assertNotNull(all);
        assertArrayEquals(new String[] {"b", "b", "b", "a", "a"}, all.actual);
        assertArrayEquals(new String[] {"a", "b", "b", "a", "b"}, all.predicted);
        assertArrayEquals(new double[] {0.9, 0.1}, all.probs[0]);
        assertArrayEquals(new double[] {0.2, 0.8}, all.probs[4]);
    }

    @Test
    void probabilitiesOnlyWhenEveryFoldHasThem() {
        Scored first = part(new String[] {"a"}, new String[] {"a"}, true);
        Scored second = part(new String[] {"b"}, new String[] {"b"}, false);
        Scored all = Scored.outOfFold(List.of(first, second), List.of(new int[] {0}, new int[] {1}), 2);
        assertNotNull(all);
        assertNull(all.probs, "one fold without probabilities: none, rather than zeros for its rows");
    }

    @Test
    void aRowTwiceOrNeverIsNoOutOfFoldSet() {
        Scored one = part(new String[] {"a"}, new String[] {"a"}, false);
        Scored two = part(new String[] {"a", "b"}, new String[] {"a", "b"}, false);
        assertNull(Scored.outOfFold(List.of(one, two), List.of(new int[] {0}, new int[] {0, 1}), 3), "row 0 twice, row 2 never");
        assertNull(Scored.outOfFold(List.of(one, two), List.of(new int[] {0}, new int[] {1, 2}), 4), "row 3 never");
        assertNull(Scored.outOfFold(List.of(one, two), List.of(new int[] {0}, new int[] {1}), 3), "a part of another size");
    }
}
