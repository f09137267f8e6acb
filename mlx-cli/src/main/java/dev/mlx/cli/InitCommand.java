package dev.mlx.cli;

import dev.mlx.catalog.Task;
import dev.mlx.check.data.DataException;
import dev.mlx.init.Starter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlx init DATA.csv --target COLUMN [-o FILE]}: a starter .mlx from the data, on stdout or
 * into a new file. Exit 0 when written, 1 when the data cannot be read or fits no task, 2 for usage
 * errors (unknown task, missing file, refusing to overwrite).
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a starter .mlx file from a CSV: task, types, checks, features, models and evaluation guessed from the data.")
public final class InitCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DATA", description = "the CSV file to start from")
    Path data;

    @Option(names = "--target", paramLabel = "COLUMN", description = "the column to predict (optional for clustering)")
    String target;

    @Option(names = "--task", paramLabel = "TASK", description = "classification, regression or clustering (default: guessed from the target)")
    String task;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path output;

    @Option(names = "--force", description = "overwrite FILE if it exists")
    boolean force;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Task t = null;
        if (task != null) {
            t = Task.parse(task);
            if (t == null) {
                err.println("error: unknown task `" + task + "` (expected classification, regression or clustering)");
                return Main.USAGE;
            }
        }
        if (target == null && t != Task.CLUSTERING) {
            err.println("error: --target is required: name the column to predict (or use --task clustering)");
            return Main.USAGE;
        }
        if (output != null && Files.isDirectory(output)) {
            err.println("error: `" + output + "` is a folder; name the .mlx file to write");
            return Main.USAGE;
        }
        if (output != null && Files.exists(output) && !force) {
            err.println("error: `" + output + "` already exists; use --force to overwrite it");
            return Main.USAGE;
        }
        Path base = output == null ? Path.of("") : output.toAbsolutePath().getParent();
        Starter.Result result;
        try {
            result = Starter.write(new Starter.Request(data, target, t, base));
        } catch (DataException e) {
            err.println("error: " + e.getMessage());
            return e.notFound() ? Main.USAGE : Main.ERRORS;
        } catch (Starter.InitException e) {
            err.println("error: " + e.getMessage());
            return Main.ERRORS;
        }
        if (output == null) {
            out.print(result.text());
            return Main.OK;
        }
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (force) {
                dev.mlx.runtime.base.AtomicFiles.writeString(output, result.text());
            } else {
                Files.writeString(output, result.text(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
            }
        } catch (FileAlreadyExistsException e) {
            err.println("error: `" + output + "` already exists; use --force to overwrite it");
            return Main.USAGE;
        } catch (IOException e) {
            err.println("error: cannot write `" + output + "`: " + e.getMessage());
            return Main.ERRORS;
        }
        out.println("wrote " + output + ": " + result.summary());
        return Main.OK;
    }
}
