package dev.mlx.cli;

import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.Diagnostics;
import dev.mlx.diag.HumanRenderer;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and checks one file for the commands that go on to compile it; prints what the checker says. */
record Checked(SourceFile file, CheckResult result, int exitCode) {
    static Checked load(Path path, CheckOptions options, PrintWriter err) {
        SourceFile file;
        try {
            file = SourceFile.read(path);
        } catch (NoSuchFileException e) {
            err.println("error: cannot read `" + path + "`: no such file");
            return new Checked(null, null, Main.USAGE);
        } catch (IOException e) {
            err.println("error: cannot read `" + path + "`: " + e.getMessage());
            return new Checked(null, null, Main.USAGE);
        }
        Diagnostics diags = new Diagnostics(file);
        CheckResult result = Checker.check(file, options, diags);
        HumanRenderer human = new HumanRenderer(Terminal.colourOnStderr());
        for (Diagnostic d : diags.sorted()) {
            err.print(human.render(d));
            err.println();
        }
        if (diags.hasErrors()) {
            err.println(CheckCommand.summary(diags.errorCount(), diags.warningCount()) + "; nothing was compiled");
            return new Checked(file, result, Main.ERRORS);
        }
        if (result.data() == null) {
            err.println("error: the data source could not be read, so the schema is unknown; nothing was compiled");
            return new Checked(file, result, Main.ERRORS);
        }
        return new Checked(file, result, Main.OK);
    }
}
