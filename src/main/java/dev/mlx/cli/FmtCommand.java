package dev.mlx.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mlx fmt}. (Being implemented.) */
@Command(name = "fmt", description = "Format .mlx files canonically.")
public final class FmtCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return Main.USAGE;
    }
}
