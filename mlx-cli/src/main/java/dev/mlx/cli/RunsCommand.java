package dev.mlx.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.history.RunHistory;
import dev.mlx.runtime.history.RunStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlx runs [FILE]}: the runs of an experiment from its tracking store; {@code mlx runs prune --keep N}. */
@Command(name = "runs", mixinStandardHelpOptions = true, subcommands = RunsCommand.Prune.class,
        description = {"List the recorded runs of an experiment (all experiments under out/ without FILE).",
            "The promoted run, which the output folder holds and serve, predict, report and retrain use, is marked *."})
public final class RunsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "the .mlx file (default: every experiment under out/)")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "the output folder the runs were given (default: out/NAME/)")
    Path out;

    @Option(names = "--store", paramLabel = "URL",
            description = "the tracking store: a jdbc:postgresql: URL or an SQLite file (default: MLX_RUNS_STORE, else runs.db "
                + "in the output folder)")
    String store;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json")
    String format = "table";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("table") && !format.equals("json")) {
            spec.commandLine().getErr().println("error: --format is table or json, not `" + format + "`");
            return Main.USAGE;
        }
        PrintWriter o = spec.commandLine().getOut();
        try {
            List<RunFolders.Located> found = RunFolders.locate(file, out, store);
            JsonArray all = new JsonArray();
            boolean first = true;
            for (RunFolders.Located l : found) {
                try (RunStore s = RunStore.open(l.storeUrl())) {
                    RunHistory h = RunHistory.of(s, l.outDir(), l.experiment());
                    if (format.equals("json")) {
                        all.addAll(h.json());
                    } else {
                        if (!first) {
                            o.println();
                        }
                        o.println(l.experiment() + " (" + l.outDir() + ", " + h.runs().size() + " run" + (h.runs().size() == 1 ? "" : "s")
                                + ")");
                        o.print(h.table());
                        first = false;
                    }
                }
            }
            if (format.equals("json")) {
                o.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(all));
            }
            return Main.OK;
        } catch (RunException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return Main.ERRORS;
        }
    }

    /** {@code mlx runs prune --keep N [FILE]}: delete all but the newest N runs, never the promoted one. */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Delete every run but the newest N (and never the promoted run): its folder and its record.")
    static final class Prune implements Callable<Integer> {
        @ParentCommand
        RunsCommand parent;

        @Parameters(paramLabel = "FILE", arity = "0..1", description = "the .mlx file")
        Path file;

        @Option(names = "--keep", paramLabel = "N", required = true, description = "how many of the newest runs to keep")
        int keep;

        @Option(names = "--out", paramLabel = "DIR", description = "the output folder the runs were given (default: out/NAME/)")
        Path out;

        @Option(names = "--store", paramLabel = "URL", description = "the tracking store (as for runs)")
        String store;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (keep < 1) {
                spec.commandLine().getErr().println("error: --keep must be at least 1, not " + keep);
                return Main.USAGE;
            }
            Path f = file != null ? file : parent.file;
            Path o = out != null ? out : parent.out;
            String st = store != null ? store : parent.store;
            if (f == null && o == null) {
                spec.commandLine().getErr().println("error: prune needs the experiment: mlx runs prune --keep N FILE (or --out DIR)");
                return Main.USAGE;
            }
            try {
                for (RunFolders.Located l : RunFolders.locate(f, o, st)) {
                    try (RunStore s = RunStore.open(l.storeUrl())) {
                        RunHistory h = RunHistory.of(s, l.outDir(), l.experiment());
                        List<String> deleted = h.prune(s, keep);
                        int left = h.runs().size() - deleted.size();
                        spec.commandLine().getOut().println("pruned " + deleted.size() + " run" + (deleted.size() == 1 ? "" : "s")
                                + " of `" + l.experiment() + "`" + (deleted.isEmpty() ? "" : " (" + String.join(", ", deleted) + ")")
                                + "; " + left + " left");
                    }
                }
                return Main.OK;
            } catch (RunException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return Main.ERRORS;
            }
        }
    }
}
