package dev.mlx.cli;

import dev.mlx.diag.Diagnostics;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.history.RunStore;
import dev.mlx.source.SourceFile;
import dev.mlx.syntax.Parsing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where {@code mlx runs} and {@code mlx diff} find an experiment's history, by the rule of the
 * output tree (docs/run-json.md, "Where outputs live"): {@code --out DIR}, else {@code out/NAME/}
 * for the experiment FILE names, else every {@code out/NAME/} that holds a tracking store. The
 * store is {@code --store URL}, else {@code MLX_RUNS_STORE}, else the folder's {@code runs.db}.
 */
final class RunFolders {
    private RunFolders() {
    }

    /** One experiment's output folder, and the store that indexes its runs. */
    record Located(Path outDir, String experiment, String storeUrl) {
    }

    /** The experiment named in {@code file} (its header), or a {@link RunException} when it has none. */
    static String experimentName(Path file) {
        SourceFile source;
        try {
            source = SourceFile.read(file);
        } catch (IOException e) {
            throw new RunException("cannot read `" + file + "`: " + (e instanceof java.nio.file.NoSuchFileException
                    ? "no such file" : e.getMessage()));
        }
        Parsing.Result parsed = Parsing.parse(source, new Diagnostics(source));
        if (parsed.experiment() == null || parsed.experiment().name() == null) {
            throw new RunException("`" + file + "` does not begin with `experiment NAME`: `mlx check " + file + "` says why");
        }
        return parsed.experiment().name().text();
    }

    /**
     * The histories to read: one when FILE or {@code --out} names it, else {@code out/} and every
     * folder in it that holds a store (sorted by name).
     */
    static List<Located> locate(Path file, Path out, String store) {
        String env = System.getenv("MLX_RUNS_STORE");
        String url = store != null ? store : env != null && !env.isBlank() ? env : null;
        if (url != null && !url.startsWith("jdbc:")) {
            url = "jdbc:sqlite:" + Path.of(url).toAbsolutePath().normalize();
        }
        if (file != null || out != null) {
            String name = file != null ? experimentName(file) : null;
            Path dir = out != null ? out : Path.of("out", name);
            String u = url != null ? url : RunStore.defaultUrl(dir);
            if (url == null && !Files.isRegularFile(dir.resolve(RunStore.FILE))) {
                throw new RunException("no runs recorded in " + dir + " (no " + RunStore.FILE + "): run the experiment first"
                        + (out == null ? ", or pass the --out it was run with" : ""));
            }
            if (name == null) {
                try (RunStore s = RunStore.open(u)) {
                    List<String> names = s.experiments();
                    if (names.size() != 1) {
                        throw new RunException(names.isEmpty() ? "no runs recorded in " + dir + ": run the experiment first"
                                : "the store holds runs of " + String.join(", ", names) + ": name the experiment's .mlx file");
                    }
                    name = names.get(0);
                }
            }
            return List.of(new Located(dir, name, u));
        }
        List<Located> found = new ArrayList<>();
        Path root = Path.of("out");
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Stream.concat(Stream.of(root), Files.list(root).sorted())) {
                // out/ itself holds the runs given --out out
                for (Path dir : s.filter(p -> Files.isRegularFile(p.resolve(RunStore.FILE))).toList()) {
                    try (RunStore st = RunStore.open(RunStore.defaultUrl(dir))) {
                        for (String name : st.experiments()) {
                            found.add(new Located(dir, name, RunStore.defaultUrl(dir)));
                        }
                    }
                }
            } catch (IOException e) {
                throw new RunException("cannot list " + root + ": " + e.getMessage(), e);
            }
        }
        if (found.isEmpty()) {
            throw new RunException("no runs recorded under out/: run an experiment first, or name its .mlx file or --out");
        }
        return found;
    }
}
