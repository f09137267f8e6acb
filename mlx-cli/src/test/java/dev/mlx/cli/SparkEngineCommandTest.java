package dev.mlx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

    @Test
    void runsInAChildJvmOnSparksClasspath(@TempDir Path out) throws IOException {
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
        } finally {
            if (previous == null) {
                System.clearProperty("mlx.spark.classpath");
            } else {
                System.setProperty("mlx.spark.classpath", previous);
            }
        }
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
