package dev.mlx.cli;

import dev.mlx.check.CheckOptions;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.plan.Plan;
import dev.mlx.plan.Planner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlx run FILE}: check, compile in memory and run in this process — the iteration loop. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Check, compile and run an experiment in one step.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the .mlx file")
    Path file;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "override a parameter")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: out/NAME/)")
    Path out;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
            description = "local (this JVM, the default) or spark (a child JVM on Spark's classpath)")
    String engine;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark's master with --engine spark: local[*], local[N], spark://HOST:PORT, yarn (default: ${DEFAULT-VALUE})")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "a Spark setting with --engine spark (repeatable)")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--allow-outside", paramLabel = "DIR",
            description = "let the report and exports be written inside DIR, outside the output folder (repeatable)")
    List<Path> allowOutside = new ArrayList<>();
    @Option(names = "--threads", paramLabel = "N",
            description = "threads to train and evaluate on (default: MLX_THREADS, else one per core); the results are "
                + "the same for any number")
    String threads;

    @Option(names = "--runs-store", paramLabel = "URL",
            description = "the tracking store to record the run in: a jdbc:postgresql: URL or an SQLite file (default: "
                + "MLX_RUNS_STORE, else runs.db in the output folder)")
    String runsStore;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        dev.mlx.catalog.Engine chosen = dev.mlx.catalog.Engine.parse(engine);
        if (chosen == null) {
            spec.commandLine().getErr().println("error: unknown engine `" + engine + "` (expected local or spark)");
            return Main.USAGE;
        }
        if (chosen == dev.mlx.catalog.Engine.SPARK) {
            if (threads != null) {
                spec.commandLine().getErr().println("error: --threads is the local engine's: Spark's master sets its "
                        + "cores (--master local[N])");
                return Main.USAGE;
            }
            return SparkRunner.run(spec.commandLine(), file, overrides, out, allowOutside, master, conf, runsStore);
        }
        if (!conf.isEmpty() || !master.equals("local[*]")) {
            spec.commandLine().getErr().println("error: --master and --conf are Spark's: add --engine spark");
            return Main.USAGE;
        }
        Checked checked = Checked.load(file, new CheckOptions(false, overrides, true, dev.mlx.check.ProfileCache.NONE,
                allowOutside), spec.commandLine().getErr());
        if (checked.exitCode() != Main.OK) {
            return checked.exitCode();
        }
        Plan plan = Planner.plan(checked.file(), checked.result(), Version.get());
        ExperimentCompiler.Compiled compiled = ExperimentCompiler.compile(plan);
        List<String> args = new ArrayList<>();
        if (out != null) {
            args.add("--out");
            args.add(out.toString());
        }
        for (Path dir : allowOutside) {
            args.add("--allow-outside");
            args.add(dir.toAbsolutePath().normalize().toString());
        }
        if (runsStore != null) {
            args.add("--runs-store");
            args.add(runsStore);
        }
        if (threads != null) {
            args.add("--threads");
            args.add(threads);
        }
        overrides.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        spec.commandLine().getOut().flush();
        return ExperimentCompiler.runInProcess(compiled, checked.file().directory(), args.toArray(new String[0]));
    }
}
