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

/** {@code mlx retrain FILE}: fold labelled feedback into training, rerun, promote the new model only if it is better. */
@Command(name = "retrain", mixinStandardHelpOptions = true,
        description = "Fold labelled feedback into the training data, rerun the experiment and promote the new model "
                + "only if the gates pass and it is significantly better than the serving one (or, with `retrain within M`, "
                + "not worse by more than M) on rows neither trained on. Exit 0 promoted, 4 kept, 1 the new run failed.")
public final class RetrainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the .mlx file")
    Path file;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "override a parameter")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "DIR", description = "output folder of the serving run (default: out/NAME/)")
    Path out;

    @Option(names = "--allow-outside", paramLabel = "DIR",
            description = "let the new run's report and exports be written inside DIR, outside the output folder (repeatable)")
    List<Path> allowOutside = new ArrayList<>();

    @Option(names = "--store", paramLabel = "JDBC-URL", description = "feedback store (default: the .mlx's `store`)")
    String store;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<String> cmd = new ArrayList<>(List.of("retrain"));
        if (store != null) {
            cmd.addAll(List.of("--store", store));
        }
        return InProcess.run(spec.commandLine(), file, overrides, out, allowOutside, cmd);
    }
}
