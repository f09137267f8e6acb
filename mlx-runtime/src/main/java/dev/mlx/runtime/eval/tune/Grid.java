package dev.mlx.runtime.eval.tune;

import dev.mlx.runtime.base.RunException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Grid search: every combination of evenly spaced values per range and every choice. Ranges start
 * with their two ends (so the corners are always in the grid) and the range with the fewest points
 * gains one until the grid holds at least the trial budget or no range can grow (an integer range
 * stops at as many points as it has whole numbers; rounding may merge some on a log scale). When the grid is larger than the budget, a seeded shuffle of it is cut
 * to the budget; when smaller, every point is tried once.
 */
final class Grid {
    private Grid() {
    }

    /** At most {@code budget} configurations, in a seeded shuffled order. */
    static List<Map<String, Object>> configurations(Space space, int budget, long seed) {
        List<Space.Dimension> dims = space.dimensions();
        int[] n = new int[dims.size()];
        List<List<Object>> axes = new ArrayList<>();
        for (int d = 0; d < n.length; d++) {
            n[d] = dims.get(d).size() == 1 ? 1 : 2;
            axes.add(dims.get(d).grid(n[d]));
        }
        while (total(axes) < budget) {
            int grow = -1;
            for (int d = 0; d < n.length; d++) {
                Space.Dimension dim = dims.get(d);
                boolean canGrow = !dim.isChoice() && dim.lo() < dim.hi() && (!dim.integer() || n[d] < dim.size());
                if (canGrow && (grow < 0 || n[d] < n[grow])) {
                    grow = d;
                }
            }
            if (grow < 0) {
                break;
            }
            n[grow]++;
            axes.set(grow, dims.get(grow).grid(n[grow]));
        }
        long total = total(axes);
        if (total == Long.MAX_VALUE) {
            throw new RunException("the tuning grid has too many points to enumerate; use `search random`");
        }
        int take = (int) Math.min(budget, total);
        // the first `take` entries of a Fisher-Yates shuffle of 0..total-1, without building the array
        SplittableRandom rng = new SplittableRandom(seed);
        Map<Long, Long> swapped = new HashMap<>();
        List<Map<String, Object>> out = new ArrayList<>(take);
        for (long i = 0; i < take; i++) {
            long j = i + rng.nextLong(total - i);
            long atJ = swapped.getOrDefault(j, j);
            swapped.put(j, swapped.getOrDefault(i, i));
            out.add(point(dims, axes, atJ));
        }
        return out;
    }

    /** The grid point with this index; the first dimension varies slowest. */
    private static Map<String, Object> point(List<Space.Dimension> dims, List<List<Object>> axes, long index) {
        Object[] values = new Object[axes.size()];
        for (int d = axes.size() - 1; d >= 0; d--) {
            int size = axes.get(d).size();
            values[d] = axes.get(d).get((int) (index % size));
            index /= size;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int d = 0; d < values.length; d++) {
            out.put(dims.get(d).name(), values[d]);
        }
        return out;
    }

    private static long total(List<List<Object>> axes) {
        long t = 1;
        for (List<Object> a : axes) {
            if (t > Long.MAX_VALUE / a.size()) {
                return Long.MAX_VALUE;
            }
            t *= a.size();
        }
        return t;
    }
}
