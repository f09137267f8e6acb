package dev.mlx.cli;

import dev.mlx.check.CheckOptions;
import dev.mlx.check.Checker;
import dev.mlx.check.QueryConsent;
import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.Diagnostics;
import dev.mlx.diag.HumanRenderer;
import dev.mlx.diag.JsonRenderer;
import dev.mlx.diag.ShortRenderer;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

/** {@code mlx check FILE...}: exit 0 if no errors, 1 if errors, 2 for usage errors. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check .mlx files against the grammar, the catalog and the real data, without running anything.")
public final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "the .mlx files to check")
    List<Path> files;

    @Option(names = "--format", defaultValue = "human", completionCandidates = Formats.class,
            description = "human, short or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--strict", description = "treat warnings as errors")
    boolean strict;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "override a parameter of the params block")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
            description = "check for this engine: local (the default) or spark (what Spark cannot run is an error)")
    String engine;

    @Option(names = "--no-data", description = "do not read the data source (skips column checks)")
    boolean noData;

    @Option(names = "--color", defaultValue = "auto", completionCandidates = Colors.class, description = "auto, always or never")
    String color;

    @Option(names = "--allow-outside", paramLabel = "DIR",
            description = "accept a report or export named by absolute path inside DIR (repeatable)")
    List<Path> allowOutside = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!List.of("human", "short", "json").contains(format)) {
            err.println("error: unknown format `" + format + "` (expected human, short or json)");
            return Main.USAGE;
        }
        dev.mlx.catalog.Engine chosen = dev.mlx.catalog.Engine.parse(engine);
        if (chosen == null) {
            spec.commandLine().getErr().println("error: unknown engine `" + engine + "` (expected local or spark)");
            return Main.USAGE;
        }
        // Running a file's query here is the user's consent to the language server running it too.
        CheckOptions options = new CheckOptions(strict, overrides, !noData, dev.mlx.check.ProfileCache.NONE,
                allowOutside, QueryConsent.user().recording(), chosen);
        boolean useColor = color.equals("always") || (color.equals("auto") && Terminal.colourOnStderr() && format.equals("human"));
        HumanRenderer human = new HumanRenderer(useColor);
        ShortRenderer shortR = new ShortRenderer();
        List<Diagnostic> all = new ArrayList<>();
        long errors = 0;
        long warnings = 0;
        int code = Main.OK;
        for (Path path : files) {
            SourceFile file;
            try {
                if (Files.isDirectory(path)) {
                    err.println("error: `" + path + "` is a folder, not an .mlx file");
                    code = Math.max(code, Main.USAGE);
                    continue;
                }
                file = SourceFile.read(path);
            } catch (NoSuchFileException e) {
                err.println("error: cannot read `" + path + "`: no such file");
                code = Math.max(code, Main.USAGE);
                continue;
            } catch (IOException e) {
                err.println("error: cannot read `" + path + "`: " + e.getMessage());
                code = Math.max(code, Main.USAGE);
                continue;
            }
            Diagnostics diags = new Diagnostics(file);
            Checker.check(file, options, diags);
            for (Diagnostic d : diags.sorted()) {
                all.add(d);
                if (format.equals("human")) {
                    err.print(human.render(d));
                    err.println();
                } else if (format.equals("short")) {
                    out.println(shortR.render(d));
                }
            }
            if (diags.dropped() > 0 && !format.equals("json")) {
                err.println("note: " + diags.dropped() + " more diagnostics not shown for " + path);
            }
            errors += diags.errorCount();
            warnings += diags.warningCount();
            if (diags.hasErrors()) {
                code = Math.max(code, Main.ERRORS);
            }
        }
        if (format.equals("json")) {
            out.println(new JsonRenderer().render(all));
        } else if (format.equals("human") && (errors > 0 || warnings > 0)) {
            err.println(summary(errors, warnings));
        }
        return code;
    }

    static String summary(long errors, long warnings) {
        return Diagnostics.summary(errors, warnings);
    }

    /** The values of --format, offered by shell completion. */
    static final class Formats extends ArrayList<String> {
        Formats() {
            super(List.of("human", "short", "json"));
        }
    }

    /** The values of --color, offered by shell completion. */
    static final class Colors extends ArrayList<String> {
        Colors() {
            super(List.of("auto", "always", "never"));
        }
    }
}
