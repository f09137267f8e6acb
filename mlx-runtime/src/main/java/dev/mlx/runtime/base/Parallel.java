package dev.mlx.runtime.base;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one pool of threads a run works on: a work-stealing {@link ForkJoinPool} per thread count,
 * never more workers than that count. Independent pieces of work (cross-validation folds, the
 * models of the ladder, tuning trials) are handed to {@link #map}, which runs them on the pool and
 * returns their results in the order given, whatever order they finished in; so a run whose pieces
 * draw their randomness from their own seeds gives the same results on one thread or on many.
 * <p>
 * Work nested inside a piece stays inside the same pool: a nested {@link #map}, and any parallel
 * stream (a forest growing its trees, a feature step working column by column), run on the
 * workers of the pool they were started from, so parallelism inside parallelism never puts more
 * threads to work than the count.
 * <p>
 * The count is, in order: what the caller asks for ({@code --threads N}), the system property
 * {@value #PROPERTY}, the environment variable {@value #ENVIRONMENT}, else one per core.
 */
public final class Parallel {
    /** The environment variable that sets the thread count. */
    public static final String ENVIRONMENT = "MLX_THREADS";
    /** The system property that sets the thread count (before the environment variable). */
    public static final String PROPERTY = "mlx.threads";
    /** The most threads anyone may ask for. */
    public static final int MAX_THREADS = 1024;
    /** Idle workers end after this long, so a finished run leaves no threads behind for long. */
    private static final long KEEP_ALIVE_SECONDS = 30;

    private static final Map<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

    private Parallel() {
    }

    /** The thread count here: the pool's when called from inside one of its pieces, else {@link #defaultThreads()}. */
    public static int threads() {
        ForkJoinPool p = current();
        return p != null ? p.getParallelism() : defaultThreads();
    }

    /**
     * The thread count when none is asked for: the system property {@value #PROPERTY}, else the
     * environment variable {@value #ENVIRONMENT}, else one per core. A value that is not a whole
     * number from 1 to {@value #MAX_THREADS} is a {@link RunException} naming where it came from.
     */
    public static int defaultThreads() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return parse(property, "the system property " + PROPERTY);
        }
        String env = System.getenv(ENVIRONMENT);
        if (env != null && !env.isBlank()) {
            return parse(env, "the environment variable " + ENVIRONMENT);
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** {@code text} as a thread count; {@code from} names where it was written, for the message. */
    public static int parse(String text, String from) {
        int n;
        try {
            n = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new RunException(from + " must be a whole number of threads, not `" + text + "`");
        }
        if (n < 1 || n > MAX_THREADS) {
            throw new RunException(String.format(Locale.ROOT, "%s must be between 1 and %d threads, not %s", from,
                    MAX_THREADS, text.trim()));
        }
        return n;
    }

    /**
     * Runs {@code work} on the pool of {@code threads} threads and returns its value; directly when
     * already on that pool. What it throws is rethrown as it is (a {@link RunException} stays one).
     */
    public static <T> T call(int threads, Supplier<T> work) {
        ForkJoinPool p = pool(threads);
        if (current() == p) {
            return work.get();
        }
        return p.submit(() -> attempt(work)).join().get();
    }

    /**
     * {@code f} of every item, in the order of {@code items}, run in parallel on the current pool
     * (the default one when the caller is on none). On one thread the items run one after another on
     * the calling thread. When pieces fail, every piece still runs and the failure of the first
     * failing item (in the order given) is rethrown as it is.
     */
    public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> f) {
        List<R> out = new ArrayList<>(items.size());
        ForkJoinPool p = current();
        int threads = p != null ? p.getParallelism() : defaultThreads();
        if (threads == 1 || items.size() <= 1) {
            for (T item : items) {
                out.add(f.apply(item));
            }
            return out;
        }
        if (p == null) {
            return call(threads, () -> map(items, f));
        }
        List<ForkJoinTask<Outcome<R>>> tasks = new ArrayList<>(items.size());
        for (T item : items) {
            tasks.add(ForkJoinTask.adapt(() -> attempt(() -> f.apply(item))));
        }
        ForkJoinTask.invokeAll(tasks);
        Throwable first = null;
        for (ForkJoinTask<Outcome<R>> t : tasks) {
            Outcome<R> o = t.join();
            if (o.failure() != null && first == null) {
                first = o.failure();
            }
            out.add(o.value());
        }
        if (first != null) {
            rethrow(first);
        }
        return out;
    }

    /** The mlx pool the calling thread works for, or null. */
    private static ForkJoinPool current() {
        if (Thread.currentThread() instanceof Worker w) {
            return w.getPool();
        }
        return null;
    }

    private static ForkJoinPool pool(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be between 1 and " + MAX_THREADS + ", got " + threads);
        }
        return POOLS.computeIfAbsent(threads, n -> new ForkJoinPool(n, Worker::new, null, false, n, n, 1, pool -> true,
                KEEP_ALIVE_SECONDS, TimeUnit.SECONDS));
    }

    /** A value or what computing it threw: failures cross threads as themselves, not wrapped or copied. */
    private record Outcome<T>(T value, Throwable failure) {
        T get() {
            if (failure != null) {
                rethrow(failure);
            }
            return value;
        }
    }

    private static <T> Outcome<T> attempt(Supplier<T> work) {
        try {
            return new Outcome<>(work.get(), null);
        } catch (Throwable t) { // an OutOfMemoryError too: the caller reports it as on its own thread
            return new Outcome<>(null, t);
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /** A worker of an mlx pool: named, a daemon, and loading classes as the runtime does. */
    private static final class Worker extends ForkJoinWorkerThread {
        Worker(ForkJoinPool pool) {
            super(pool);
            setDaemon(true);
            setContextClassLoader(Parallel.class.getClassLoader());
        }

        @Override
        protected void onStart() {
            super.onStart();
            setName("mlx-worker-" + getPool().getParallelism() + "-" + getPoolIndex());
        }
    }
}
