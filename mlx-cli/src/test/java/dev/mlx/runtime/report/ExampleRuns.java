package dev.mlx.runtime.report;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mlx.testing.Repo;
import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.diag.Diagnostics;
import dev.mlx.plan.Planner;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every example run once per test JVM, in process, into {@code target/report-examples/NAME/}: the
 * report tests (golden model, browser, validator) share these runs instead of repeating them.
 */
final class ExampleRuns {
    static final Path ROOT = Repo.module("target/report-examples");
    private static final Map<String, Path> DONE = new ConcurrentHashMap<>();

    private ExampleRuns() {
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    static List<String> names() {
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            return s.filter(p -> Files.exists(p.resolve(p.getFileName() + ".mlx"))).map(p -> p.getFileName().toString()).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The output folder of the example's run (run.json, report.html), running it on first use. */
    static synchronized Path out(String name) {
        return DONE.computeIfAbsent(name, n -> {
            try {
                Path mlx = Path.of("examples", n, n + ".mlx");
                SourceFile file = SourceFile.read(mlx);
                Diagnostics d = new Diagnostics(file);
                CheckResult r = Checker.check(file, CheckOptions.defaults(), d);
                assertFalse(d.hasErrors(), n + " checks clean");
                ExperimentCompiler.Compiled c = ExperimentCompiler.compile(Planner.plan(file, r, "test"));
                Path out = ROOT.resolve(n);
                // a fresh history: a run left by an earlier test JVM would be compared with this one
                deleteTree(out);
                PrintStream stdout = System.out;
                try (PrintStream quiet = new PrintStream(Files.newOutputStream(Files.createDirectories(out).resolve("console.txt")))) {
                    System.setOut(quiet);
                    int exit = ExperimentCompiler.runInProcess(c, file.directory(), new String[] {"--out", out.toString()});
                    if (exit != 0 && exit != 1) {
                        throw new AssertionError(n + " ran with exit code " + exit);
                    }
                } finally {
                    System.setOut(stdout);
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
