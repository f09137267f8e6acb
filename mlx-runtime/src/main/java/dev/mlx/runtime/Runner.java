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
 * The entry point of every compiled experiment: parses the command line, then runs the stages in
 * workflow order (data, review, checks, split, features, models and evaluation, export) and writes
 * {@code run.json}. Bad data or setup is a {@link RunException}: a clear message and exit code 1.
 */
public final class Runner {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    private Runner() {
    }

    public static int run(String[] args, Function<Params, Experiment> define, Map<String, Double> parameters,
                          Class<?> mainClass) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (args.length > 0 && Commands.NAMES.contains(args[0])) {
            return Serving.run(args, define, parameters, mainClass, out, err);
        }
        Args a;
        try {
            a = Args.parse(args);
        } catch (RunException e) {
            err.println("error: " + e.getMessage());
            err.println("run with --help for the commands");
            return USAGE;
        }
        if (a.help()) {
            out.print(usage(mainClass));
            return OK;
        }
        dev.mlx.runtime.models.Quiet.install();
        haltOnOutOfMemory(err);
        try {
            Experiment e = define.apply(new Params(parameters, a.overrides()));
            Path base = a.base() != null ? a.base() : baseDir(mainClass);
            Path outDir = a.out() != null ? a.out() : Path.of("out", e.name());
            return switch (a.command()) {
                case "run" -> new Stages(e, base, outDir, out, jarName(mainClass)).run();
                case "predict" -> Predict.run(e, outDir, a.input(), a.output(), out);
                default -> throw new RunException("unknown command `" + a.command() + "`");
            };
        } catch (RunException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            return FAILED;
        } catch (OutOfMemoryError e) {
            out.flush();
            err.println("error: the run needs more memory than the JVM may use (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB); give it more, e.g. java -Xmx8g -jar ...");
            return FAILED;
        } catch (RuntimeException | Error e) {
            out.flush();
            err.println("internal error — please report (mlx runtime): " + e);
            if (System.getenv("MLX_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return INTERNAL;
        }
    }

    /**
     * Out of memory in a helper thread (a parallel stage, a reader) must not leave the main thread
     * waiting for work that will never finish: it ends the run at once with the same advice as on
     * the main thread. The message is made now, because there may be no memory to make it then.
     */
    private static void haltOnOutOfMemory(PrintStream err) {
        byte[] message = ("error: the run needs more memory than the JVM may use (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MB); give it more, e.g. java -Xmx8g -jar ...\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
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

    static String usage(Class<?> mainClass) {
        return """
                Usage: java -jar EXPERIMENT.jar [run] [--out DIR] [--set NAME=VALUE]... [--base DIR]
                       java -jar EXPERIMENT.jar predict IN.csv -o OUT.csv [--out DIR]
                       java -jar EXPERIMENT.jar serve [--host H] [--port N] [--out DIR] [--production]
                                 [--store JDBC-URL | --no-store] [--max-body BYTES] [--max-batch N] [--timeout MS]
                       java -jar EXPERIMENT.jar serve --bench [--requests N] [--out DIR]
                       java -jar EXPERIMENT.jar retrain [--out DIR] [--store JDBC-URL]
                       java -jar EXPERIMENT.jar report [--out DIR] [--store JDBC-URL]
                       java -jar EXPERIMENT.jar --help

                Commands:
                  run       run the experiment (the default): data, review, checks, features, models,
                            evaluation, export; writes run.json, models and predictions to the output folder
                  predict   score new rows with the model of the last run in the output folder
                  serve     serve that model over HTTP (training first when there is none); docs/serve.md
                  retrain   fold labelled feedback into the training data, rerun, promote only if better
                  report    the online evaluation (A/B test) and drift from the feedback store

                Options:
                  --out DIR         output folder (default: out/EXPERIMENT/)
                  --set NAME=VALUE  override a parameter of the experiment
                  --base DIR        folder that data paths in the .mlx resolve against
                                    (default: the .mlx file's folder at compile time)
                """;
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
