package dev.mlx.runtime;

import dev.mlx.runtime.base.RunException;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.checks.CheckOutcome;
import dev.mlx.runtime.checks.CheckRunner;
import dev.mlx.runtime.data.DataLoader;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.features.Pipeline;
import dev.mlx.runtime.review.Reviewer;
import dev.mlx.runtime.spec.Experiment;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.JarFile;
import tech.tablesaw.api.Table;

/**
 * The entry point of every compiled experiment: hands the command line to {@link JarCommand}, whose
 * {@code run} runs the stages in workflow order (data, review, checks, split, features, models and
 * evaluation, export) and writes {@code run.json}. Bad data or setup is a {@link RunException}: a clear
 * message and exit code 1.
 */
public final class Runner {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;
    /** {@code retrain} kept the serving model: no feedback to learn from, or the new model was not good enough. */
    public static final int KEPT = 4;

    private Runner() {
    }

    /**
     * Runs the command line {@code args} of a compiled experiment (see {@link JarCommand}) and returns
     * its exit code. The generated program's {@code main} calls this with its {@code define} method,
     * the parameters' values in the file and its own class (which locates the jar and the data).
     * Started from a jar with no maximum heap, it runs the jar again with a heap sized for the data
     * ({@link HeapSizing}).
     */
    public static int run(String[] args, Function<Params, Experiment> define, Map<String, Double> parameters,
                          Class<?> mainClass) {
        Integer sized = HeapSizing.relaunch(args, define, parameters, mainClass);
        if (sized != null) {
            return sized;
        }
        preloadTables();
        return JarCommand.execute(args, define, parameters, mainClass, System.out, System.err);
    }

    /**
     * Tablesaw's {@code Table} scans the class path for its readers and writers when its class is
     * initialised, about half a second of one core, which every command needs before its first table:
     * begun at once on a thread of its own, it overlaps parsing the command line, building the
     * experiment and opening the data instead of delaying them.
     */
    static void preloadTables() {
        Thread t = new Thread(() -> {
            try {
                Class.forName("tech.tablesaw.api.Table", true, Runner.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // the command that needs the class will report it
            }
        }, "mlx-preload-tables");
        t.setDaemon(true);
        t.start();
    }

    /** The advice when the JVM runs out of memory. */
    static String outOfMemory() {
        return "error: the run needs more memory than the JVM may use (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MB); give it more, e.g. java -Xmx8g -jar ..., or run the file on Spark, which keeps rows on disk "
                + "(mlx run FILE --engine spark, docs/spark.md)";
    }

    /**
     * Out of memory in a helper thread (a parallel stage, a reader) must not leave the main thread
     * waiting for work that will never finish: it ends the run at once with the same advice as on
     * the main thread. The message is made now, because there may be no memory to make it then.
     */
    static void haltOnOutOfMemory(PrintStream err) {
        byte[] message = (outOfMemory() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, x) -> {
            if (x instanceof OutOfMemoryError) {
                err.write(message, 0, message.length);
                err.flush();
                Runtime.getRuntime().halt(FAILED);
            }
            if (previous != null) {
                previous.uncaughtException(thread, x);
            } else {
                x.printStackTrace();
            }
        });
    }

    /** The folder data paths resolve against: a system property (in-process runs), else the jar's manifest. */
    static Path baseDir(Class<?> mainClass) {
        String prop = System.getProperty("mlx.base.dir");
        if (prop != null) {
            return Path.of(prop);
        }
        try {
            Path jar = Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(jar)) {
                try (JarFile jf = new JarFile(jar.toFile())) {
                    String dir = jf.getManifest().getMainAttributes().getValue("Mlx-Base-Dir");
                    if (dir != null) {
                        return Path.of(dir);
                    }
                }
            }
        } catch (Exception ignored) {
            // fall through to the working folder
        }
        return Path.of("").toAbsolutePath();
    }

    /** The file name of the jar the experiment runs from, or null when it runs in process ({@code mlx run}). */
    static String jarName(Class<?> mainClass) {
        try {
            Path jar = Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(jar) && jar.getFileName().toString().endsWith(".jar") ? jar.getFileName().toString()
                    : null;
        } catch (Exception ex) {
            return null;
        }
    }

    /** A text resource next to the generated class (the .mlx file), or "" when absent. */
    public static String resource(Class<?> owner, String name) {
        try (InputStream in = owner.getClassLoader().getResourceAsStream(name.startsWith("/") ? name.substring(1) : name)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
