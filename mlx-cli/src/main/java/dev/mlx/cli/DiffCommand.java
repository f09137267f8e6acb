package dev.mlx.cli;

import com.google.gson.GsonBuilder;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.history.RunHistory;
import dev.mlx.runtime.history.RunStore;
import dev.mlx.runtime.result.RunComparison;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlx diff RUN_A RUN_B [FILE]}: what changed between two runs of an experiment. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show what changed between two runs: the .mlx file (a unified diff), the data, the parameters, "
            + "and every metric with whether its change is within noise.",
            "A run is an id, the start of one, latest, latest~N (N runs before the latest) or promoted."})
public final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_A", description = "the earlier run")
    String a;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "the later run")
    String b;

    @Parameters(index = "2", paramLabel = "FILE", arity = "0..1",
            description = "the .mlx file (default: the only experiment under out/)")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "the output folder the runs were given (default: out/NAME/)")
    Path out;

    @Option(names = "--store", paramLabel = "URL", description = "the tracking store (as for mlx runs)")
    String store;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json")
    String format = "text";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            spec.commandLine().getErr().println("error: --format is text or json, not `" + format + "`");
            return Main.USAGE;
        }
        try {
            List<RunFolders.Located> found = RunFolders.locate(file, out, store);
            if (found.size() > 1) {
                spec.commandLine().getErr().println("error: out/ holds runs of " + found.size() + " experiments ("
                        + String.join(", ", found.stream().map(RunFolders.Located::experiment).toList())
                        + "): name the .mlx file, as in mlx diff " + a + " " + b + " FILE, or --out DIR");
                return Main.USAGE;
            }
            RunFolders.Located l = found.get(0);
            try (RunStore s = RunStore.open(l.storeUrl())) {
                RunHistory h = RunHistory.of(s, l.outDir(), l.experiment());
                RunStore.Entry ra = h.resolve(a);
                RunStore.Entry rb = h.resolve(b);
                RunComparison c = h.diff(ra, rb);
                if (format.equals("json")) {
                    spec.commandLine().getOut().println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
                            .create().toJson(RunHistory.json(c)));
                } else {
                    spec.commandLine().getOut().print(RunHistory.text(c, rb.id()));
                }
            }
            return Main.OK;
        } catch (RunException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return Main.ERRORS;
        }
    }
}
