package dev.mlx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.serve.ServeOptions;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Model;
import dev.mlx.runtime.spec.Scope;
import dev.mlx.testing.Golden;
import dev.mlx.testing.Repo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line of a compiled experiment jar: help, version, usage errors and what the options mean. */
class JarCommandTest {
    private static final Map<String, Double> PARAMETERS = Map.of("seed", 42.0);

    /** What one command line printed and returned. */
    record Outcome(int exit, String out, String err) {
    }

    private static Experiment experiment(Params p) {
        long seed = (long) p.num("seed");
        return new Experiment("tiny", "a test", new Experiment.Source("tiny.mlx", "experiment tiny {}",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "9.9.9"),
                new Scope(Task.CLASSIFICATION, "label", null, "accuracy", List.of(), null), null, null, List.of(), List.of(),
                null, List.of(new Model("base", "baseline", Map.of())), List.of(), null, null, null, null, null, seed);
    }

    private static Outcome run(Function<Params, Experiment> define, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = JarCommand.execute(args, define, PARAMETERS, JarCommandTest.class,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Outcome run(String... args) {
        return run(JarCommandTest::experiment, args);
    }

    private static Path golden(String name) {
        return Repo.module("src/test/resources/dev/mlx/runtime/jar-help/" + name + ".txt");
    }

    @Test
    void everyCommandHasItsHelp() {
        Outcome top = run("--help");
        assertEquals(0, top.exit(), top.err());
        Golden.assertMatches(golden("jar"), top.out(), "java -jar X.jar --help");
        for (String command : List.of("run", "predict", "serve", "retrain", "report")) {
            Outcome help = run(command, "--help");
            assertEquals(0, help.exit(), help.err());
            Golden.assertMatches(golden(command), help.out(), command + " --help");
            assertEquals(help.out(), run("help", command).out(), "help " + command + " says what " + command + " --help says");
            assertEquals(help.out(), run(command, "-h").out());
        }
        assertEquals(top.out(), run("help").out());
    }

    @Test
    void theHelpNamesEveryCommandAndOption() {
        String top = run("--help").out();
        for (String word : List.of("run", "predict", "serve", "retrain", "report", "--out", "--base", "--set", "--version",
                "Exit codes")) {
            assertTrue(top.contains(word), word + " missing from:\n" + top);
        }
        String serve = run("serve", "--help").out();
        for (String word : List.of("--host", "--port", "--production", "--store", "--no-store", "--max-body", "--max-batch",
                "--timeout", "--bench", "--requests", "--out", "--set", "--base")) {
            assertTrue(serve.contains(word), word + " missing from:\n" + serve);
        }
    }

    @Test
    void versionNamesTheExperimentAndTheMlxThatCompiledIt() {
        Outcome v = run("--version");
        assertEquals(0, v.exit(), v.err());
        assertTrue(v.out().startsWith("experiment `tiny` from tiny.mlx, sha256 0123456789ab\ncompiled by mlx 9.9.9 (Java "),
                v.out());
        assertEquals(v.out(), run("serve", "--version").out());
    }

    @Test
    void usageErrorsAreOneMessageAndExitCodeTwo() {
        AtomicInteger defined = new AtomicInteger();
        Function<Params, Experiment> define = p -> {
            defined.incrementAndGet();
            return experiment(p);
        };
        Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("--bogus"), "unknown option `--bogus`\nrun `java -jar EXPERIMENT.jar --help` for the commands and options");
        cases.put(List.of("report", "--port", "1"), "unknown option `--port` for report\n"
                + "run `java -jar EXPERIMENT.jar report --help` for its options");
        cases.put(List.of("serve", "--hots", "0.0.0.0"), "unknown option `--hots` for serve; did you mean `--host`?");
        cases.put(List.of("report", "--stor", "x.db"), "unknown option `--stor` for report; did you mean `--store`?");
        cases.put(List.of("serv"), "unknown command `serv`; did you mean `serve`?");
        cases.put(List.of("serve", "--port", "eighty"), "--port needs a whole number, not `eighty`");
        cases.put(List.of("serve", "--port=70000"), "--port must be between 0 and 65535, not 70000");
        cases.put(List.of("serve", "--max-batch", "0"), "--max-batch must be between 1 and 1000000, not 0");
        cases.put(List.of("serve", "--timeout", "1.5"), "--timeout needs a whole number, not `1.5`");
        cases.put(List.of("serve", "--requests", "-3"), "--requests must be between 1 and 10000000, not -3");
        cases.put(List.of("--set", "seed"), "--set needs NAME=VALUE, not `seed`");
        cases.put(List.of("retrain", "--set", "=7"), "--set needs NAME=VALUE, not `=7`");
        cases.put(List.of("--out"), "--out needs a value (DIR)");
        cases.put(List.of("serve", "--port"), "--port needs a value (N)");
        cases.put(List.of("predict"), JarSubcommands.PredictSubcommand.NEEDS);
        cases.put(List.of("predict", "rows.csv"), JarSubcommands.PredictSubcommand.NEEDS);
        cases.put(List.of("predict", "-o", "scored.csv"), JarSubcommands.PredictSubcommand.NEEDS);
        cases.put(List.of("predict", "a.csv", "b.csv", "-o", "c.csv"), "unexpected argument `b.csv` for predict");
        cases.put(List.of("run", "extra"), "unexpected argument `extra` for run");
        cases.put(List.of("run", "-o", "x.csv"), "unknown option `-o` for run; did you mean `--out`?");
        cases.put(List.of("help", "bogus"), "unknown subcommand `bogus`");
        cases.put(List.of("serve", "--no-store=maybe"), "--no-store `maybe` is not a boolean");
        cases.forEach((args, message) -> {
            Outcome o = run(define, args.toArray(new String[0]));
            assertEquals(2, o.exit(), args + ": " + o.err());
            assertTrue(o.err().startsWith("error: " + message + "\n"), args + " said:\n" + o.err());
            assertEquals(2, o.err().lines().count(), args + ": one message and where to find help:\n" + o.err());
            assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), o.err());
            assertEquals("", o.out(), args + " printed to the console");
        });
        assertEquals(0, defined.get(), "a usage error is found before the experiment is defined");
    }

    @Test
    void badDataOrSetupIsExitOneAndABugIsExitThree() {
        Outcome badSet = run("--set", "seed=abc");
        assertEquals(1, badSet.exit(), badSet.err());
        assertEquals("error: --set seed=abc: not a number\n", badSet.err());
        Outcome unknown = run("report", "--set", "depth=3");
        assertEquals(1, unknown.exit(), unknown.err());
        assertTrue(unknown.err().startsWith("error: unknown parameter `depth` in --set"), unknown.err());
        Outcome bad = run(p -> {
            throw new RunException("the data is gone");
        }, "predict", "in.csv", "-o", "out.csv");
        assertEquals(1, bad.exit());
        assertEquals("error: the data is gone\n", bad.err());
        Outcome bug = run(p -> {
            throw new IllegalStateException("a bug");
        }, "run");
        assertEquals(3, bug.exit());
        assertTrue(bug.err().startsWith("internal error — please report (mlx runtime): java.lang.IllegalStateException: a bug"),
                bug.err());
        Outcome memory = run(p -> {
            throw new OutOfMemoryError("Java heap space");
        }, "serve");
        assertEquals(1, memory.exit());
        assertTrue(memory.err().startsWith("error: the run needs more memory than the JVM may use"), memory.err());
    }

    private static JarCommand parse(String... args) {
        JarCommand top = new JarCommand(JarCommandTest::experiment, PARAMETERS, JarCommandTest.class, System.out, System.err);
        JarCommand.commandLine(top).parseArgs(args);
        return top;
    }

    private static JarSubcommands.ServeSubcommand serve(String... args) {
        JarCommand top = new JarCommand(JarCommandTest::experiment, PARAMETERS, JarCommandTest.class, System.out, System.err);
        CommandLine cl = JarCommand.commandLine(top);
        cl.parseArgs(args);
        return cl.getSubcommands().get("serve").getCommand();
    }

    @Test
    void sharedOptionsMayComeBeforeOrAfterTheCommand() {
        for (String[] args : List.of(new String[] {"--out", "o", "--base", "b", "--set", "seed=7", "serve"},
                new String[] {"serve", "--out", "o", "--base", "b", "--set", "seed=7"},
                new String[] {"--out=o", "serve", "--set=seed=7", "--base=b"})) {
            JarCommand top = parse(args);
            assertEquals(Path.of("o"), top.out, List.of(args).toString());
            assertEquals(Path.of("b"), top.baseDir());
            assertEquals(Map.of("seed", "7"), top.overrides());
            assertEquals(7, top.experiment().seed());
        }
        JarCommand last = parse("--out", "first", "run", "--out", "second", "--set", "seed=1", "--set", "seed= 2 ");
        assertEquals(Path.of("second"), last.out);
        assertEquals(2, last.experiment().seed(), "the last --set of a name wins, its value trimmed as a number");
        assertEquals(Path.of("out", "tiny"), parse().outDir(parse().experiment()));
    }

    @Test
    void serveOptionsAndTheirDefaults() {
        JarSubcommands.ServeSubcommand plain = serve("serve");
        assertEquals("127.0.0.1", plain.host);
        assertNull(plain.port);
        assertFalse(plain.production);
        assertEquals(ServeOptions.DEFAULT_MAX_BODY, plain.maxBody);
        assertEquals(ServeOptions.DEFAULT_MAX_BATCH, plain.maxBatch);
        assertEquals(ServeOptions.DEFAULT_TIMEOUT, plain.timeout);
        assertEquals(0, plain.benchRequests());
        Experiment e = experiment(new Params(PARAMETERS, Map.of()));
        Path base = Path.of("base").toAbsolutePath();
        Path outDir = base.resolve("runs/tiny");
        assertEquals("jdbc:sqlite:" + outDir.resolve("feedback.db"), plain.storeUrl(e, base, outDir, System.out),
                "the default store is in the output folder");

        JarSubcommands.ServeSubcommand all = serve("serve", "--host", "0.0.0.0", "--port", "0", "--production", "--max-body",
                "10", "--max-batch", "5", "--timeout", "9", "--store", "jdbc:postgresql://db/mlx");
        assertEquals("0.0.0.0", all.host);
        assertEquals(0, all.port);
        assertTrue(all.production);
        assertEquals(10, all.maxBody);
        assertEquals(5, all.maxBatch);
        assertEquals(9, all.timeout);
        assertEquals("jdbc:postgresql://db/mlx", all.storeUrl(e, base, outDir, System.out));
        assertNull(serve("serve", "--store", "x.db", "--no-store").storeUrl(e, base, outDir, System.out));
        assertEquals("jdbc:sqlite:" + Path.of("x.db").toAbsolutePath(), serve("serve", "--store", "x.db").storeUrl(e, base, outDir,
                System.out));

        assertEquals(JarSubcommands.ServeSubcommand.BENCH_REQUESTS, serve("serve", "--bench").benchRequests());
        assertEquals(300, serve("serve", "--requests", "300").benchRequests(), "--requests alone benchmarks");
        assertEquals(300, serve("serve", "--requests", "300", "--bench").benchRequests());
    }
}
