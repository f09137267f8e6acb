package dev.mlx.cli;

import dev.mlx.diag.Diagnostics;
import dev.mlx.diag.HumanRenderer;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.report.ReportRenderer;
import dev.mlx.runtime.result.RunJson;
import dev.mlx.source.SourceFile;
import dev.mlx.syntax.Parsing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlx report FILE.mlx|RUN.json [--out DIR] [-o report.html]}: the HTML report of a past run,
 * rendered again. Given the .mlx file, the run is the one in the experiment's output folder, as for
 * serve, retrain and feedback.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render the HTML accountability report of a past run again: from the experiment's .mlx file (the run "
                + "in its output folder, --out or out/NAME/) or from a run.json.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the .mlx file of the experiment, or the run.json of a run")
    Path input;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder of the run, with a .mlx file (default: out/NAME/)")
    Path outDir;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to write the page (default: report.html beside run.json)")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        Path runJson;
        if (input.getFileName() != null && input.getFileName().toString().endsWith(".mlx")) {
            Path folder = folderOf(input);
            if (folder == null) {
                return Main.ERRORS;
            }
            runJson = folder.resolve("run.json");
            if (!Files.isRegularFile(runJson)) {
                err.println("error: no run of `" + input + "` in " + folder + (outDir == null ? " (the output folder when --out "
                        + "is not given)" : "") + ": run the experiment first (`mlx run " + input + "`), with the same --out");
                return Main.ERRORS;
            }
        } else {
            if (outDir != null) {
                err.println("error: --out names the output folder of a .mlx file's run; a run.json is read where it is");
                return Main.USAGE;
            }
            runJson = input;
        }
        Path out = output != null ? output : runJson.toAbsolutePath().resolveSibling("report.html");
        try {
            String html = ReportRenderer.render(RunJson.read(runJson));
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // a new file, not written through: report.html in an output folder is a link into its run's folder
            Files.deleteIfExists(out);
            Files.writeString(out, html, StandardCharsets.UTF_8);
        } catch (RunException e) {
            // not a run.json: the message names the file and the JSON path of the problem
            err.println("error: " + e.getMessage());
            return Main.ERRORS;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return Main.ERRORS;
        }
        spec.commandLine().getOut().println("report: " + out);
        return Main.OK;
    }

    /** The output folder of the experiment in {@code mlx}: --out, else out/NAME/; null (reported) when its name cannot be read. */
    private Path folderOf(Path mlx) {
        var err = spec.commandLine().getErr();
        SourceFile file;
        try {
            file = SourceFile.read(mlx);
        } catch (NoSuchFileException e) {
            err.println("error: cannot read `" + mlx + "`: no such file");
            return null;
        } catch (IOException e) {
            err.println("error: cannot read `" + mlx + "`: " + e.getMessage());
            return null;
        }
        Diagnostics diags = new Diagnostics(file);
        Parsing.Result parsed = Parsing.parse(file, diags);
        if (parsed.experiment() == null || parsed.experiment().name() == null) {
            HumanRenderer human = new HumanRenderer(Terminal.colourOnStderr());
            diags.sorted().forEach(d -> err.println(human.render(d)));
            err.println("error: the experiment's name in `" + mlx + "` cannot be read, so its output folder is unknown");
            return null;
        }
        return outDir != null ? outDir : Path.of("out", parsed.experiment().name().text());
    }
}
