package dev.mlx.cli;

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

/** {@code mlx feedback report FILE}: online evaluation of the A/B test and drift, from the feedback store. */
@Command(name = "feedback", mixinStandardHelpOptions = true, description = "Work with the feedback of a served model.",
        subcommands = FeedbackCommand.Report.class)
public final class FeedbackCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code mlx feedback report FILE}. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Per-variant online metrics with confidence intervals, the significance test, the samples still "
                    + "needed, a recommendation (promote, keep, wait) and drift; also written to feedback.json.")
    public static final class Report implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "the .mlx file")
        Path file;

        @Option(names = "--set", paramLabel = "NAME=VALUE", description = "override a parameter")
        Map<String, String> overrides = new LinkedHashMap<>();

        @Option(names = "--out", paramLabel = "DIR", description = "output folder of the serving run (default: out/NAME/)")
        Path out;

        @Option(names = "--allow-outside", paramLabel = "DIR",
                description = "a report or export the file names inside DIR, outside the output folder, is allowed (repeatable; as for run)")
        List<Path> allowOutside = new ArrayList<>();

        @Option(names = "--store", paramLabel = "JDBC-URL", description = "feedback store (default: the .mlx's `store`)")
        String store;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<String> cmd = new ArrayList<>(List.of("report"));
            if (store != null) {
                cmd.addAll(List.of("--store", store));
            }
            return InProcess.run(spec.commandLine(), file, overrides, out, allowOutside, cmd);
        }
    }
}
