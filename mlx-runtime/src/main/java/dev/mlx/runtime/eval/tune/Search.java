package dev.mlx.runtime.eval.tune;

import dev.mlx.catalog.SearchMethod;
import dev.mlx.runtime.base.Parallel;
import dev.mlx.runtime.base.RunException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a search over a {@link Space}: proposes configurations (grid, random or tpe), scores them
 * with an {@link Objective} on the run's pool of threads ({@link Parallel}), and returns every trial in the order
 * proposed. Trial {@code i} draws its configuration and its trainers' seed from a generator seeded
 * by the search seed and {@code i} alone, and tpe proposes in batches of the fixed size
 * {@link #TPE_BATCH} from the trials finished before the batch, so the trials are the same for any
 * number of threads. No configuration is tried twice: random and tpe stop early once a finite space
 * is exhausted.
 */
public final class Search {
    /** Trials tpe proposes from the same history; a constant, so results do not depend on the cores. */
    static final int TPE_BATCH = 4;
    /** Draws a random proposal makes looking for a configuration not tried yet. */
    private static final int MAX_DRAWS = 100;

    /** Scores one configuration; called from several threads at once. */
    @FunctionalInterface
    public interface Objective {
        /** The score per fold (NaN where the metric cannot be computed); {@code seed} is for the trainers. */
        List<Double> scores(Map<String, Object> params, long seed);
    }

    private Search() {
    }

    /**
     * Up to {@code trials} trials of {@code search} (grid, random or tpe) over {@code space}.
     * {@code progress} hears of every trial, in order, on the calling thread.
     */
    public static List<Trial> run(Space space, SearchMethod search, int trials, long seed, boolean higherIsBetter,
                                  int threads, Objective objective, Consumer<Trial> progress) {
        if (trials < 1) {
            throw new IllegalArgumentException("a search needs at least one trial, got " + trials);
        }
        List<Trial> done = new ArrayList<>();
        switch (search) {
            case GRID -> {
                List<Map<String, Object>> grid = Grid.configurations(space, trials, seed);
                List<Proposal> batch = new ArrayList<>();
                for (int i = 0; i < grid.size(); i++) {
                    batch.add(new Proposal(i, null, grid.get(i), trainerSeed(seed, i)));
                }
                done.addAll(evaluate(batch, objective, threads, progress));
            }
            case RANDOM, TPE -> sample(space, search == SearchMethod.TPE, trials, seed, higherIsBetter, objective,
                    threads, progress, done);
        }
        return List.copyOf(done);
    }

    /** The best scored trial (the earliest of equals), or null when none could be scored. */
    public static Trial best(List<Trial> trials, boolean higherIsBetter) {
        Trial best = null;
        for (Trial t : trials) {
            if (t.scored() && (best == null || (higherIsBetter ? t.mean() > best.mean() : t.mean() < best.mean()))) {
                best = t;
            }
        }
        return best;
    }

    /** Trials in the first third of a tpe search (at least two) that are drawn at random. */
    static int startup(int trials) {
        return Math.max(2, (trials + 2) / 3);
    }

    private record Proposal(int index, double[] point, Map<String, Object> params, long seed) {
    }

    private static void sample(Space space, boolean tpe, int trials, long seed, boolean higher, Objective objective,
                               int threads, Consumer<Trial> progress, List<Trial> done) {
        int budget = (int) Math.min(trials, space.size());
        int startup = tpe ? Math.min(budget, startup(trials)) : budget;
        Set<Map<String, Object>> tried = new HashSet<>();
        List<double[]> points = new ArrayList<>();
        while (done.size() < budget) {
            int from = done.size();
            int to = from < startup ? startup : Math.min(budget, from + TPE_BATCH);
            List<Tpe.Observation> history = new ArrayList<>();
            for (int i = 0; i < from; i++) {
                Trial t = done.get(i);
                double loss = !t.scored() ? Double.POSITIVE_INFINITY : higher ? -t.mean() : t.mean();
                history.add(new Tpe.Observation(points.get(i), loss));
            }
            List<Proposal> batch = new ArrayList<>();
            for (int i = from; i < to; i++) {
                SplittableRandom rng = new SplittableRandom(mix(seed, i));
                double[] p = i < startup ? untried(space, rng, tried)
                        : Tpe.propose(space, history, rng, x -> tried.contains(space.values(x)));
                Map<String, Object> params = space.values(p);
                tried.add(params);
                points.add(p);
                batch.add(new Proposal(i, p, params, trainerSeed(seed, i)));
            }
            done.addAll(evaluate(batch, objective, threads, progress));
        }
    }

    /** A uniform point whose configuration was not tried yet, if one turns up within {@link #MAX_DRAWS} draws. */
    private static double[] untried(Space space, SplittableRandom rng, Set<Map<String, Object>> tried) {
        double[] p = space.random(rng);
        for (int d = 1; d < MAX_DRAWS && tried.contains(space.values(p)); d++) {
            p = space.random(rng);
        }
        return p;
    }

    /** Scores a batch on {@code threads} threads ({@link Parallel}); trials come back, and are reported, in batch order. */
    private static List<Trial> evaluate(List<Proposal> batch, Objective objective, int threads, Consumer<Trial> progress) {
        List<Trial> out = Parallel.call(threads, () -> Parallel.map(batch, p -> trial(p, objective)));
        out.forEach(progress);
        return out;
    }

    private static Trial trial(Proposal p, Objective objective) {
        long t0 = System.nanoTime();
        List<Double> scores = List.of();
        String error = null;
        try {
            scores = objective.scores(p.params(), p.seed());
        } catch (RuntimeException e) {
            if (System.getenv("MLX_DEBUG") != null) {
                e.printStackTrace(); // a trial's failure is recorded, not thrown: show where it came from
            }
            error = message(e);
        }
        return Trial.of(p.index() + 1, p.params(), p.seed(), scores, (System.nanoTime() - t0) / 1_000_000, error);
    }

    /** A failure as a trial records it: a RunException's message is for users, anything else is named. */
    static String message(RuntimeException e) {
        if (e instanceof RunException) {
            return e.getMessage();
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** The seed of trial {@code i}'s trainers: a non-negative int, which every library takes. */
    static long trainerSeed(long seed, int i) {
        return mix(seed, i) >>> 33;
    }

    /** SplitMix64's finaliser over the seed and the trial index. */
    static long mix(long seed, int i) {
        long z = seed + (i + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
