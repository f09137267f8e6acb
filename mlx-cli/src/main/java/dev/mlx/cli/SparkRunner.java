package dev.mlx.cli;

import dev.mlx.catalog.Engine;
import dev.mlx.check.CheckOptions;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.plan.Plan;
import dev.mlx.plan.Planner;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code mlx run FILE --engine spark}: checks the file for Spark (what Spark cannot run is an error here,
 * before any job), compiles the experiment jar, and runs it on Spark in a child JVM ({@link SparkEngine}),
 * passing its output through. The exit code is the run's.
 */
final class SparkRunner {
    /** The exit code Spark gives a JVM whose executor ran out of memory (SparkExitCode.OOM). */
    static final int SPARK_OUT_OF_MEMORY = 52;
    /** A process ended by SIGKILL. */
    static final int KILLED = 137;

    private SparkRunner() {
    }

    static int run(CommandLine cl, Path file, Map<String, String> overrides, Path out, List<Path> allowOutside,
                   String master, Map<String, String> conf, String runsStore) {
        PrintWriter err = cl.getErr();
        Checked checked = Checked.load(file, new CheckOptions(false, overrides, true, dev.mlx.check.ProfileCache.NONE,
                allowOutside, dev.mlx.check.DataTrust.ALL, Engine.SPARK), err);
        if (checked.exitCode() != Main.OK) {
            return checked.exitCode();
        }
        Plan plan = Planner.plan(checked.file(), checked.result(), Version.get());
        ExperimentCompiler.Compiled compiled = ExperimentCompiler.compile(plan);
        SparkEngine.SparkClasspath spark = SparkEngine.classpath(err);
        if (spark == null) {
            return Main.ERRORS;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("mlx-spark");
            Path jar = dir.resolve(plan.experiment().name() + ".jar");
            ExperimentCompiler.writeJar(compiled, jar, checked.file().directory(), Version.get());
            Path engine = SparkEngine.engineJar();
            Path target = out != null ? out.toAbsolutePath()
                    : Path.of("out", plan.experiment().name()).toAbsolutePath();
            List<String> command = SparkEngine.command(spark, engine, jar, compiled.generated().qualifiedName(),
                    checked.file().directory().toAbsolutePath(), target, overrides, master, conf);
            if (runsStore != null) {
                // a path is resolved here: the child runs in the same folder, but says nothing of where it was given
                command = new java.util.ArrayList<>(command);
                command.add("--runs-store");
                command.add(runsStore.startsWith("jdbc:") ? runsStore : Path.of(runsStore).toAbsolutePath().toString());
            }
            cl.getOut().println("engine    spark " + master + ", Spark from " + spark.from());
            cl.getOut().flush();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            copy(p.getInputStream(), cl.getOut());
            int code = p.waitFor();
            if (code == SPARK_OUT_OF_MEMORY || code == KILLED) {
                // Spark ends its JVM with 52 when an executor thread runs out of memory, before mlx can say so;
                // 137 is a kill, most often the kernel's when the machine's memory runs out
                err.println("error: the Spark engine " + (code == KILLED ? "was killed (exit 137, most often for want of memory)"
                        : "ran out of memory") + "; give it more with --conf spark.driver.memory=8g (local mode runs the "
                        + "executors in the driver), or run on a cluster with --master");
                return Main.ERRORS;
            }
            return code;
        } catch (IOException x) {
            err.println("error: cannot start the Spark engine: " + x.getMessage());
            return Main.ERRORS;
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            return Main.ERRORS;
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The child's output, line by line as it comes, without Spark's own log lines about itself. */
    private static void copy(InputStream in, PrintWriter out) throws IOException {
        java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            out.println(line);
            out.flush();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
