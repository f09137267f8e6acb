package dev.mlx.cli;

import dev.mlx.check.CheckOptions;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.plan.Plan;
import dev.mlx.plan.Planner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Check, compile in memory and run one command of the compiled experiment in this process. The
 * {@code --allow-outside} folders reach both the check and the command, so a file whose report or
 * exports name a folder outside the output folder checks and runs as it does under {@code mlx run}.
 */
final class InProcess {
    private InProcess() {
    }

    static int run(CommandLine cl, Path file, Map<String, String> overrides, Path out, List<Path> allowOutside,
                   List<String> command) {
        Checked checked = Checked.load(file, new CheckOptions(false, overrides, true, dev.mlx.check.ProfileCache.NONE,
                allowOutside), cl.getErr());
        if (checked.exitCode() != Main.OK) {
            return checked.exitCode();
        }
        Plan plan = Planner.plan(checked.file(), checked.result(), Version.get());
        ExperimentCompiler.Compiled compiled = ExperimentCompiler.compile(plan);
        List<String> args = new ArrayList<>(command);
        if (out != null) {
            args.add("--out");
            args.add(out.toString());
        }
        for (Path dir : allowOutside) {
            args.add("--allow-outside");
            args.add(dir.toAbsolutePath().normalize().toString());
        }
        overrides.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        cl.getOut().flush();
        return ExperimentCompiler.runInProcess(compiled, checked.file().directory(), args.toArray(new String[0]));
    }
}
