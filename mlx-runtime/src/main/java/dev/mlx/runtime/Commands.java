package dev.mlx.runtime;

import dev.mlx.catalog.StoreKind;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.serve.ServeOptions;
import dev.mlx.runtime.spec.Experiment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command lines of {@code serve}, {@code retrain} and {@code report}: the shared options of a
 * compiled experiment ({@code --out}, {@code --set}, {@code --base}) and the serving ones. Hand-parsed
 * like {@link Args}.
 */
record Commands(String command, Path out, Path base, Map<String, String> overrides, String host, Integer port,
                boolean production, String store, boolean noStore, long maxBody, int maxBatch, long timeout, boolean help,
                int bench) {
    static final java.util.List<String> NAMES = java.util.List.of("serve", "retrain", "report");

    static Commands parse(String[] args) {
        String command = args[0];
        Path out = null;
        Path base = null;
        String host = "127.0.0.1";
        Integer port = null;
        boolean production = false;
        String store = null;
        boolean noStore = false;
        long maxBody = ServeOptions.DEFAULT_MAX_BODY;
        int maxBatch = ServeOptions.DEFAULT_MAX_BATCH;
        long timeout = ServeOptions.DEFAULT_TIMEOUT;
        boolean help = false;
        int bench = 0;
        Map<String, String> overrides = new LinkedHashMap<>();
        boolean serving = command.equals("serve");
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--base" -> base = Path.of(value(args, ++i, a));
                case "--store" -> store = value(args, ++i, a);
                case "--set" -> {
                    String kv = value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new RunException("--set needs NAME=VALUE, not `" + kv + "`");
                    }
                    overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1));
                }
                default -> {
                    if (!serving) {
                        throw new RunException(a.startsWith("-") ? "unknown option `" + a + "` for " + command
                                : "unexpected argument `" + a + "`");
                    }
                    switch (a) {
                        case "--host" -> host = value(args, ++i, a);
                        case "--port" -> port = (int) number(args, ++i, a, 0, 65_535);
                        case "--production" -> production = true;
                        case "--no-store" -> noStore = true;
                        case "--max-body" -> maxBody = number(args, ++i, a, 1, Long.MAX_VALUE);
                        case "--max-batch" -> maxBatch = (int) number(args, ++i, a, 1, 1_000_000);
                        case "--timeout" -> timeout = number(args, ++i, a, 1, 3_600_000);
                        case "--bench" -> bench = bench == 0 ? 2000 : bench;
                        case "--requests" -> bench = (int) number(args, ++i, a, 1, 10_000_000);
                        default -> throw new RunException(a.startsWith("-") ? "unknown option `" + a + "` for serve"
                                : "unexpected argument `" + a + "`");
                    }
                }
            }
        }
        return new Commands(command, out, base, overrides, host, port, production, store, noStore, maxBody, maxBatch, timeout,
                help, bench);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new RunException(option + " needs a value");
        }
        return args[i];
    }

    private static long number(String[] args, int i, String option, long min, long max) {
        String v = value(args, i, option);
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw new RunException(option + " must be between " + min + " and " + max + ", not " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new RunException(option + " needs a whole number, not `" + v + "`");
        }
    }

    /** The JDBC URL of the feedback store: --store, else the .mlx's {@code store}, relative to the base folder. */
    String storeUrl(Experiment e, Path baseDir) {
        if (noStore) {
            return null;
        }
        if (store != null) {
            return store.startsWith("jdbc:") ? store : "jdbc:sqlite:" + Path.of(store).toAbsolutePath().normalize();
        }
        if (e.feedback() != null && e.feedback().store() == StoreKind.JDBC) {
            return e.feedback().location();
        }
        String location = e.feedback() != null ? e.feedback().location() : "out/" + e.name() + "-feedback.db";
        return "jdbc:sqlite:" + baseDir.resolve(location).toAbsolutePath().normalize();
    }
}
