package dev.mlx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.runtime.result.RunJson;
import dev.mlx.runtime.result.RunResult;
import dev.mlx.testing.Golden;
import dev.mlx.testing.Repo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine from the command line: the checker refuses what Spark cannot run (located, with the
 * alternative), {@code mlx run --engine spark} runs in a child JVM on Spark's classpath (the one mlx-spark's
 * build resolved, as {@code MLX_SPARK_CLASSPATH} would give it), and {@code mlx compile --target spark}
 * writes a job jar that runs with nothing but Spark beside it.
 */
class SparkEngineCommandTest {
    /** A holdout and two models: what is tested here is the command and the child JVM; mlx-spark's tests cover the engine. */
    private static final Path SPARK_EXPERIMENT = Repo.module("src/test/resources/spark/penguins-holdout.mlx");

    record Ran(int code, String out, String err) {
    }

    static Ran mlx(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Ran(code, out.toString(), err.toString());
    }

    /** The Spark classpath mlx-spark's build wrote (its provided dependencies). */
    static String sparkClasspath() throws IOException {
        Path file = Repo.root("mlx-spark/target/spark-classpath.txt");
        assertTrue(Files.isRegularFile(file), "mlx-spark's build writes " + file);
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    @Test
    void theFlagshipIsRefusedConstructByConstructForSpark() {
        Ran r = mlx("check", "--engine", "spark", "--format", "short", "examples/penguins/penguins.mlx");
        assertEquals(Main.ERRORS, r.code(), r.err());
        Golden.assertMatches(Repo.module("src/test/resources/spark/penguins-check-spark.out"), r.out() + r.err());
        assertEquals(Main.OK, mlx("check", "examples/penguins/penguins.mlx").code(), "the local engine runs it all");
    }

    @Test
    void anUnknownEngineIsAUsageError() {
        Ran r = mlx("run", "--engine", "flink", "examples/iris/iris.mlx");
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("unknown engine `flink` (expected local or spark)"), r.err());
        Ran c = mlx("compile", "--target", "flink", "examples/iris/iris.mlx");
        assertEquals(Main.USAGE, c.code());
    }

    /**
     * {@code mlx run --engine spark} in a child JVM; then, in this JVM, which cannot load Spark: the run is in the
     * output folder's history beside a local run of the same file ({@code mlx runs}, {@code mlx diff}), and the
     * forest Spark trained is served by the ordinary runtime, scoring the holdout with the accuracy Spark measured.
     */
    @Test
    void runsInAChildJvmOnSparksClasspathAndIsServedWithoutSpark(@TempDir Path out) throws IOException {
        String previous = System.getProperty("mlx.spark.classpath");
        System.setProperty("mlx.spark.classpath", sparkClasspath());
        try {
            Ran r = mlx("run", SPARK_EXPERIMENT.toString(), "--engine", "spark", "--master", "local[2]",
                    "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=2", "--out", out.toString());
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("engine    spark local[2], Spark from MLX_SPARK_CLASSPATH"), r.out());
            RunResult run = RunJson.read(out.resolve("run.json"));
            assertEquals("spark", run.environment().engine());
            assertEquals("local[2]", run.environment().cluster().get("master"));
            assertEquals("passed", run.status());
            assertTrue(Files.isRegularFile(out.resolve("report.html")));
            assertNotNull(run.run(), "run.json says which run of the history it is");
            assertTrue(Files.isRegularFile(out.resolve("runs").resolve(run.run().id()).resolve("run.json")), "its run folder");
            assertEquals("forest", run.evaluation().selection().selected());
        } finally {
            if (previous == null) {
                System.clearProperty("mlx.spark.classpath");
            } else {
                System.setProperty("mlx.spark.classpath", previous);
            }
        }
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.spark.sql.SparkSession"),
                "Spark is not on the CLI's classpath");
        RunResult spark = RunJson.read(out.resolve("run.json"));

        // served without Spark: the forest scores the holdout with exactly the accuracy Spark measured
        tech.tablesaw.api.Table holdout = holdout(SPARK_EXPERIMENT);
        List<dev.mlx.runtime.serve.Scorer.Scored> scored = dev.mlx.runtime.serve.Served.load(out).primary().score(holdout);
        int right = 0;
        for (int i = 0; i < holdout.rowCount(); i++) {
            right += scored.get(i).prediction().equals(holdout.stringColumn("species").get(i)) ? 1 : 0;
        }
        assertEquals(spark.evaluation().models().stream().filter(m -> m.name().equals("forest")).findFirst().orElseThrow()
                .holdout().get("accuracy"), (double) right / holdout.rowCount(), 1e-12,
                "the served forest's holdout accuracy");
        dev.mlx.runtime.serve.MlxModel model = dev.mlx.runtime.serve.MlxModel.load(out);
        dev.mlx.runtime.serve.MlxModel.Prediction p = model.predict(java.util.Map.of("island", "Biscoe",
                "beak_length_mm", 47.5, "beak_depth_mm", 14.2, "flipper_length_mm", 215, "body_mass_g", 5100, "sex", "FEMALE"));
        assertEquals("Gentoo", p.label(), "the embedding API scores the Spark-trained forest");

        // the history: a local run of the same file beside it, both listed with their engine, and diffed
        Ran local = mlx("run", SPARK_EXPERIMENT.toString(), "--out", out.toString());
        assertEquals(0, local.code(), local.out() + local.err());
        Ran runs = mlx("runs", SPARK_EXPERIMENT.toString(), "--out", out.toString(), "--format", "json");
        assertEquals(0, runs.code(), runs.err());
        com.google.gson.JsonArray listed = com.google.gson.JsonParser.parseString(runs.out()).getAsJsonArray();
        assertEquals(2, listed.size(), runs.out());
        assertEquals("spark", listed.get(0).getAsJsonObject().get("engine").getAsString());
        assertEquals("local", listed.get(1).getAsJsonObject().get("engine").getAsString());
        Ran table = mlx("runs", SPARK_EXPERIMENT.toString(), "--out", out.toString());
        assertTrue(table.out().contains(" spark ") && table.out().contains(" local "), table.out());
        Ran diff = mlx("diff", listed.get(0).getAsJsonObject().get("id").getAsString(),
                listed.get(1).getAsJsonObject().get("id").getAsString(), SPARK_EXPERIMENT.toString(), "--out", out.toString());
        assertEquals(0, diff.code(), diff.out() + diff.err());
        assertTrue(diff.out().contains("forest"), diff.out());
    }

    /** The holdout rows of the experiment {@code mlx} (split as both engines split it), compiled in memory. */
    private static tech.tablesaw.api.Table holdout(Path mlx) {
        Checked checked = Checked.load(mlx, new dev.mlx.check.CheckOptions(false, java.util.Map.of(), true,
                dev.mlx.check.ProfileCache.NONE), new PrintWriter(new StringWriter()));
        assertEquals(Main.OK, checked.exitCode());
        dev.mlx.codegen.ExperimentCompiler.Compiled compiled = dev.mlx.codegen.ExperimentCompiler.compile(
                dev.mlx.plan.Planner.plan(checked.file(), checked.result(), "test"));
        dev.mlx.runtime.spec.Experiment e;
        try {
            Class<?> generated = compiled.load(SparkEngineCommandTest.class.getClassLoader());
            java.lang.reflect.Field parameters = generated.getDeclaredField("PARAMETERS");
            parameters.setAccessible(true);
            java.lang.reflect.Method define = generated.getDeclaredMethod("define", dev.mlx.runtime.Params.class);
            define.setAccessible(true);
            @SuppressWarnings("unchecked")
            java.util.Map<String, Double> defaults = (java.util.Map<String, Double>) parameters.get(null);
            e = (dev.mlx.runtime.spec.Experiment) define.invoke(null, new dev.mlx.runtime.Params(defaults, java.util.Map.of()));
        } catch (ReflectiveOperationException x) {
            throw new AssertionError(x);
        }
        Path base = mlx.toAbsolutePath().getParent();
        tech.tablesaw.api.Table table = dev.mlx.runtime.data.DataLoader.load(e.data(), base);
        table = table.dropWhere(table.column("species").isMissing());
        return table.rows(dev.mlx.runtime.Split.rows(table, e.data(), "species", true).test());
    }

    @Test
    void aJobJarRunsWithOnlySparkBesideIt(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("job.jar");
        Ran r = mlx("compile", SPARK_EXPERIMENT.toString(), "--target", "spark", "-o", jar.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("spark-submit --class dev.mlx.spark.SparkMain --master yarn --deploy-mode client " + jar
                + " --out out/penguins_spark_holdout"), r.out());
        try (JarFile f = new JarFile(jar.toFile())) {
            assertEquals("dev.mlx.spark.SparkMain", f.getManifest().getMainAttributes().getValue("Main-Class"));
            assertNotNull(f.getManifest().getMainAttributes().getValue("Mlx-Experiment-Class"));
            assertNotNull(f.getEntry("dev/mlx/spark/SparkRun.class"), "the engine");
            assertNotNull(f.getEntry("dev/mlx/runtime/result/RunJson.class"), "mlx's runtime");
            assertEquals(null, f.getEntry("org/apache/spark/sql/SparkSession.class"), "never Spark itself");
        }
        // what spark-submit does in client mode: Spark's jars, then the job jar, its main class
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(SparkEngine.moduleOptions(sparkClasspath()));
        cmd.addAll(List.of("-cp", sparkClasspath() + java.io.File.pathSeparator + jar, "dev.mlx.spark.SparkMain",
                "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--out", dir.resolve("out").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly(); // never a Spark JVM left running after the test
            throw new AssertionError("the job did not end in 10 minutes: " + Files.readString(dir.resolve("log")));
        }
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("log")));
        assertEquals("passed", RunJson.read(dir.resolve("out/run.json")).status());
    }

    @Test
    void sparksOwnLauncherGivesTheJvmFlags() throws IOException {
        List<String> flags = SparkEngine.moduleOptions(sparkClasspath());
        assertTrue(flags.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), flags.toString());
        assertTrue(flags.containsAll(SparkEngine.FALLBACK_OPTIONS), "the fallback is Spark " + SparkEngine.SPARK_VERSION
                + "'s own list: " + flags);
    }

    @Test
    void theEngineIsBuiltAgainstTheSparkTheCliResolves() throws IOException {
        String pom = Files.readString(Repo.root("mlx-spark/pom.xml"), StandardCharsets.UTF_8);
        assertTrue(pom.contains("<spark.version>" + SparkEngine.SPARK_VERSION + "</spark.version>"));
        assertTrue(pom.contains("<scala.binary.version>" + SparkEngine.SCALA_VERSION + "</scala.binary.version>"));
    }
}
