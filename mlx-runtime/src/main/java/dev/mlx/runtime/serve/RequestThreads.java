package dev.mlx.runtime.serve;

import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty's thread pool for the server, sized to the cores: one request thread per core besides the
 * threads Jetty keeps for accepting connections and watching sockets.
 *
 * <p>Why so few: a request is CPU work only (about 0.1 ms for one row) and Jetty's default pool
 * gives every busy connection its own thread. With more connections than cores those threads are
 * all runnable at once and the kernel shares the cores out in time slices, so a request can wait
 * tens of milliseconds for its turn (the serving benchmark's p99 at 8 connections on 2 cores was
 * 46 ms). With one thread per core the requests wait in Jetty's queue instead, first come, first
 * served, and a thread that finishes one takes the next without sleeping. Nothing on these threads
 * waits for long: feedback waits for its commit asynchronously, batches and explanations run on the
 * server's scoring threads, and a client that stalls mid-body holds a thread at most the idle
 * timeout ({@code --timeout}).
 */
final class RequestThreads {
    /** Room for Jetty's own threads while it starts (acceptors and selectors), trimmed afterwards. */
    private static final int STARTING = 16;

    private RequestThreads() {
    }

    /** Request threads for this machine: one per core, at least two. */
    static int perCore() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /** A pool roomy enough for Jetty to start; {@link #trim} it to its final size once started. */
    static QueuedThreadPool pool() {
        QueuedThreadPool pool = new QueuedThreadPool(STARTING, 2, 60_000, 0, null, null);
        pool.setName("mlx-http");
        // no reserved threads: a selector that finds work hands it to the queue rather than run it
        // itself and wake a spare thread to take over watching the sockets
        pool.setReservedThreads(0);
        return pool;
    }

    /**
     * Leaves {@code requestThreads} threads for requests besides those Jetty leased for its
     * connectors (acceptors and selectors, fixed once the server has started).
     */
    static void trim(QueuedThreadPool pool, int requestThreads) {
        int size = pool.getThreadPoolBudget().getLeasedThreads() + requestThreads;
        if (size > pool.getMaxThreads()) {
            pool.setMaxThreads(size);
            pool.setMinThreads(size);
        } else {
            pool.setMinThreads(size);
            pool.setMaxThreads(size);
        }
    }
}
