package dev.mlx.runtime.serve;

/**
 * How the server runs: address, limits and the production switch. {@code storeUrl} is a JDBC URL
 * (null: no prediction log). {@code maxHeaderBytes} bounds a request's line and headers together;
 * {@code queueLimit} is how many requests may wait for a scoring thread before the server answers
 * 503 with {@code Retry-After}.
 */
public record ServeOptions(String host, int port, long maxBodyBytes, int maxBatch, long timeoutMillis, boolean production,
                           String storeUrl, double windowDays, int maxHeaderBytes, int queueLimit) {
    public static final long DEFAULT_MAX_BODY = 1 << 20;
    public static final int DEFAULT_MAX_BATCH = 1000;
    public static final long DEFAULT_TIMEOUT = 10_000;
    public static final int DEFAULT_MAX_HEADER = 8 << 10;
    public static final int DEFAULT_QUEUE = 256;

    /** Options with the default header and queue limits. */
    public ServeOptions(String host, int port, long maxBodyBytes, int maxBatch, long timeoutMillis, boolean production,
                        String storeUrl, double windowDays) {
        this(host, port, maxBodyBytes, maxBatch, timeoutMillis, production, storeUrl, windowDays, DEFAULT_MAX_HEADER,
                DEFAULT_QUEUE);
    }
}
