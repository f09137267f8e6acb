package dev.mlx.cli;

import dev.mlx.lsp.LanguageServerLauncher;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mlx lsp}: the language server over stdin/stdout, for editors. */
@Command(name = "lsp", mixinStandardHelpOptions = true,
        description = "Run the language server (the Language Server Protocol over stdin and stdout) for editors.")
public final class LspCommand implements Callable<Integer> {
    @Override
    public Integer call() throws InterruptedException {
        PrintStream protocol = System.out;
        // stdout carries JSON-RPC only: anything a library prints goes to stderr instead.
        System.setOut(System.err);
        return LanguageServerLauncher.serve(System.in, protocol, Version.get());
    }
}
