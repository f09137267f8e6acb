package dev.mlx.spark;

import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.diag.Diagnostics;
import dev.mlx.plan.Plan;
import dev.mlx.plan.Planner;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** What the Spark tests share: one local session, and .mlx files compiled in memory to their typed spec. */
final class Experiments {
    static {
        // The local engine installs a process-wide deserialisation allow-list unless one is already set, and
        // Spark's local executor deserialises its tasks (Scala and Spark classes) in this same JVM. A user's
        // Spark never shares a JVM with the local engine; these tests run both, so they set a filter first
        // that leaves every class to the default.
        if (java.io.ObjectInputFilter.Config.getSerialFilter() == null) {
            java.io.ObjectInputFilter.Config.setSerialFilter(info -> java.io.ObjectInputFilter.Status.UNDECIDED);
        }
    }

    private static SparkSession session;

    private Experiments() {
    }

    /** One session for every test of the module: local[2], no UI, 2 shuffle partitions. */
    static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("mlx-spark tests")
                    .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                    .config("spark.sql.shuffle.partitions", "2").config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
            SparkSession started = session;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return session;
    }

    /** A checked and compiled experiment: its typed spec, the folder its data paths resolve against, the compiled classes. */
    record Compiled(Experiment spec, Path base, ExperimentCompiler.Compiled compiled) {
        /** Runs it on the local engine in this JVM, writing to {@code out}; the exit code. */
        int runLocally(Path out) {
            return ExperimentCompiler.runInProcess(compiled, base, new String[] {"--out", out.toString()});
        }
    }

    static Compiled compile(Path mlx) {
        SourceFile file;
        try {
            file = SourceFile.read(mlx);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        Diagnostics diags = new Diagnostics(file);
        CheckResult result = Checker.check(file, new CheckOptions(false, Map.of(), true, dev.mlx.check.ProfileCache.NONE), diags);
        if (diags.hasErrors()) {
            throw new IllegalStateException(mlx + " does not check clean: " + diags.sorted());
        }
        Plan plan = Planner.plan(file, result, "test");
        ExperimentCompiler.Compiled compiled = ExperimentCompiler.compile(plan);
        try {
            Class<?> generated = compiled.load(Experiments.class.getClassLoader());
            return new Compiled(SparkMain.define(generated, Map.of()), file.directory(), compiled);
        } catch (ClassNotFoundException x) {
            throw new IllegalStateException(x);
        }
    }
}
