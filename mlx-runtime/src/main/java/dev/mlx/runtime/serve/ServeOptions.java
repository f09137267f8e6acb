package dev.mlx.runtime.serve;

/**
 * How the server runs: address, limits and the production switch. {@code storeUrl} is a JDBC URL
 * (null: no prediction log).
 */
public record ServeOptions(String host, int port, long maxBodyBytes, int maxBatch, long timeoutMillis, boolean production,
                           String storeUrl, double windowDays) {
    public static final long DEFAULT_MAX_BODY = 1 << 20;
    public static final int DEFAULT_MAX_BATCH = 1000;
    public static final long DEFAULT_TIMEOUT = 10_000;
}
