package dev.mlx.cli;

import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.report.ReportRenderer;
import dev.mlx.runtime.result.RunJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlx report run.json [-o report.html]}: the HTML report of a past run, rendered again. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render the HTML accountability report of a past run from its run.json.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN.json", description = "the run.json of a run")
    Path runJson;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to write the page (default: report.html beside RUN.json)")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
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
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return Main.ERRORS;
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return Main.ERRORS;
        }
        spec.commandLine().getOut().println("report: " + out);
        return Main.OK;
    }
}
