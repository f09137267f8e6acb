package dev.mlx.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mlx init}. (Being implemented.) */
@Command(name = "init", description = "Write a starter .mlx file from a CSV.")
public final class InitCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return Main.USAGE;
    }
}
