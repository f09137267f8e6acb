package dev.mlx.cli;

import dev.mlx.diag.Code;
import dev.mlx.diag.Explanations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlx explain MLXnnnn}: the page for a diagnostic code. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a diagnostic code, with a failing example and its fix.")
public final class ExplainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CODE", description = "a code such as MLX0311 (or 0311)")
    String code;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Code c = Code.parse(code);
        if (c == null) {
            spec.commandLine().getErr().println("error: no diagnostic code `" + code + "`; codes look like MLX0311");
            return Main.USAGE;
        }
        spec.commandLine().getOut().print(Explanations.page(c));
        return Main.OK;
    }
}
