package dev.mlx.spark;

import dev.mlx.runtime.Params;
import dev.mlx.runtime.TrackedRun;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.spec.Experiment;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark engine's entry point, in the JVM {@code mlx run --engine spark} starts on Spark's classpath or
 * through {@code spark-submit} on a cluster:
 * <pre>
 * SparkMain --experiment CLASS [--out DIR] [--base DIR] [--set NAME=VALUE]... [--master URL] [--conf KEY=VALUE]...
 *           [--runs-store URL]
 * </pre>
 * The run lands in the output folder's history as a local run does: {@code DIR/runs/ID/}, the tracking store
 * ({@code --runs-store}, else {@code MLX_RUNS_STORE}, else {@code runs.db} in the output folder), promotion.
 * {@code CLASS} is the compiled experiment's generated class (in the experiment or job jar on the classpath),
 * whose {@code define} gives the typed spec: the engine never sees the grammar. In a job jar
 * ({@code mlx compile --target spark}) the manifest names the class and the folder relative data paths
 * resolve against, so {@code spark-submit job.jar} needs no arguments. Exit codes are the local
 * engine's: 0 passed, 1 stopped (checks, feature review, gates, bad data), 2 usage, 3 internal error.
 */
public final class SparkMain {
    /** The job jar's manifest attribute naming the experiment's generated class. */
    public static final String EXPERIMENT_ATTRIBUTE = "Mlx-Experiment-Class";

    private SparkMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (Usage u) {
            System.err.println("error: " + u.getMessage());
            System.err.println("usage: SparkMain --experiment CLASS [--out DIR] [--base DIR] [--set NAME=VALUE]..."
                    + " [--master URL] [--conf KEY=VALUE]... [--runs-store URL]");
            code = 2;
        }
        System.exit(code);
    }

    /** Runs the command line; the exit code. */
    static int run(String[] args) {
        java.util.jar.Attributes manifest = ownManifest();
        String experiment = manifest == null ? null : manifest.getValue(EXPERIMENT_ATTRIBUTE);
        Path out = null;
        String baseDir = manifest == null ? null : manifest.getValue("Mlx-Base-Dir");
        Path base = baseDir != null && Files.isDirectory(Path.of(baseDir)) ? Path.of(baseDir) : Path.of("").toAbsolutePath();
        String master = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        Map<String, String> conf = new LinkedHashMap<>();
        String runsStore = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--experiment" -> experiment = need(a, value);
                case "--out" -> out = Path.of(need(a, value));
                case "--base" -> base = Path.of(need(a, value)).toAbsolutePath();
                case "--master" -> master = need(a, value);
                case "--set" -> pair(a, need(a, value), overrides);
                case "--conf" -> pair(a, need(a, value), conf);
                case "--runs-store" -> runsStore = need(a, value);
                default -> throw new Usage("unknown option `" + a + "`");
            }
            i++;
        }
        if (experiment == null) {
            throw new Usage("--experiment CLASS is required");
        }
        Experiment e;
        Map<String, Double> parameters;
        try {
            e = define(experiment, overrides);
            parameters = parameters(experiment, overrides);
        } catch (RunException x) {
            System.err.println("error: " + x.getMessage());
            return 1;
        }
        if (out == null) {
            out = base.resolve("out").resolve(e.name());
        }
        quietLogs();
        SparkSession.Builder builder = SparkSession.builder().appName("mlx " + e.name());
        if (master != null) {
            builder.master(master);
        }
        conf.forEach(builder::config);
        if (master != null && master.startsWith("local") && !conf.containsKey(SHUFFLE_PARTITIONS)) {
            // Spark's default of 200 shuffle partitions is for clusters: on one machine each stage would run
            // 200 tiny tasks, which made a local run of the penguins many times slower than its work
            builder.config(SHUFFLE_PARTITIONS, String.valueOf(localThreads(master)));
        }
        SparkSession spark = builder.getOrCreate();
        try {
            // a run folder of its own in the history, recorded in the store and promoted as a local run is
            Path outDir = out;
            Path from = base;
            TrackedRun.Setup setup = new TrackedRun.Setup(outDir, base, parameters, overrides,
                    TrackedRun.storeUrl(runsStore, outDir), System.out);
            return TrackedRun.run(e, setup, folder -> new SparkRun(e, spark, from, folder, System.out));
        } catch (RunException x) {
            System.err.println("error: " + x.getMessage());
            return 1;
        } catch (OutOfMemoryError x) {
            System.err.println(outOfMemory());
            return 1;
        } catch (RuntimeException x) {
            if (causedByOutOfMemory(x)) { // a task's OutOfMemoryError reaches the driver inside a SparkException
                System.err.println(outOfMemory());
                return 1;
            }
            System.err.println("internal error — please report (mlx " + e.source().mlxVersion() + "): " + x);
            x.printStackTrace();
            return 3;
        } finally {
            spark.stop();
        }
    }

    /** The advice for a run that ran out of memory. */
    static String outOfMemory() {
        return "error: Spark ran out of memory (the driver's heap is " + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MB); give it more with --conf spark.driver.memory=8g (local mode runs the executors in the driver), "
                + "or more executor memory on a cluster (--conf spark.executor.memory=8g)";
    }

    /** Whether {@code x} or one of its causes is an OutOfMemoryError, or says it is one (a task's error, as text). */
    static boolean causedByOutOfMemory(Throwable x) {
        for (Throwable t = x; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError || (t.getMessage() != null && t.getMessage().contains("java.lang.OutOfMemoryError"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Spark logs at INFO by default: only warnings reach the user, who reads mlx's stage lines (a
     * cluster's own log4j2 configuration, given with {@code -Dlog4j2.configurationFile}, wins).
     */
    private static void quietLogs() {
        if (System.getProperty("log4j2.configurationFile") != null) {
            return;
        }
        try {
            Class<?> level = Class.forName("org.apache.logging.log4j.Level");
            Class.forName("org.apache.logging.log4j.core.config.Configurator").getMethod("setRootLevel", level)
                    .invoke(null, level.getField("WARN").get(null));
        } catch (ReflectiveOperationException | LinkageError ignored) {
            // another logging backend: its own configuration applies
        }
    }

    /** The job jar's manifest (mlx compile --target spark), or null when the engine runs from a plain classpath. */
    private static java.util.jar.Attributes ownManifest() {
        try {
            Path jar = Path.of(SparkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return null;
            }
            try (java.util.jar.JarFile f = new java.util.jar.JarFile(jar.toFile())) {
                return f.getManifest() == null ? null : f.getManifest().getMainAttributes();
            }
        } catch (Exception x) {
            return null;
        }
    }

    /** The parameters' values of the compiled experiment {@code className}, with {@code --set} values applied. */
    @SuppressWarnings("unchecked")
    static Map<String, Double> parameters(String className, Map<String, String> overrides) {
        try {
            Field parameters = Class.forName(className).getDeclaredField("PARAMETERS");
            parameters.setAccessible(true);
            return new Params((Map<String, Double>) parameters.get(null), overrides).values();
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException("`" + className + "` is not a compiled mlx experiment", x);
        }
    }

    /** The typed spec of the compiled experiment {@code className}, with {@code --set} values applied. */
    public static Experiment define(String className, Map<String, String> overrides) {
        try {
            return define(Class.forName(className), overrides);
        } catch (ClassNotFoundException x) {
            throw new RunException("no compiled experiment `" + className + "` on the classpath");
        }
    }

    /** The typed spec of the compiled experiment class {@code generated}, with {@code --set} values applied. */
    @SuppressWarnings("unchecked")
    public static Experiment define(Class<?> generated, Map<String, String> overrides) {
        try {
            Field parameters = generated.getDeclaredField("PARAMETERS");
            parameters.setAccessible(true);
            Method define = generated.getDeclaredMethod("define", Params.class);
            define.setAccessible(true);
            Params params = new Params((Map<String, Double>) parameters.get(null), overrides);
            return (Experiment) define.invoke(null, params);
        } catch (java.lang.reflect.InvocationTargetException x) {
            if (x.getCause() instanceof RunException r) {
                throw r;
            }
            throw new IllegalStateException("the experiment's define failed", x.getCause());
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException("`" + generated.getName() + "` is not a compiled mlx experiment", x);
        }
    }

    private static String need(String option, String value) {
        if (value == null) {
            throw new Usage(option + " needs a value");
        }
        return value;
    }

    private static void pair(String option, String text, Map<String, String> into) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new Usage(option + " takes KEY=VALUE, got `" + text + "`");
        }
        into.put(text.substring(0, eq), text.substring(eq + 1));
    }

    /** A bad command line. */
    static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message);
        }
    }

    private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

    /** The worker threads of a {@code local}, {@code local[N]}, {@code local[*]} or {@code local[N,F]} master. */
    static int localThreads(String master) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?]").matcher(master);
        if (!m.matches()) {
            return 1;
        }
        return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Math.max(1, Integer.parseInt(m.group(1)));
    }
}
