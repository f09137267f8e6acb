package dev.mlx.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mlx} command. Subcommands are thin: parse flags, call a service, print, exit.
 * Exit codes: 0 success, 1 the input has errors, 2 usage error, 3 internal error.
 */
@Command(name = "mlx", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "A declarative language and compiler for machine-learning experiments.",
        subcommands = {CheckCommand.class, FmtCommand.class, ExplainCommand.class, InitCommand.class, CompileCommand.class,
                RunCommand.class, ServeCommand.class, RetrainCommand.class, FeedbackCommand.class,
                LspCommand.class, ReportCommand.class, RunsCommand.class, DiffCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
    public static final int OK = 0;
    public static final int ERRORS = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Bare {@code mlx}: no command was given, which is a usage error; the help goes to stderr. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    public static void main(String[] args) throws InterruptedException {
        // before any stream is made: afterwards the JDK no longer accepts a filter factory
        dev.mlx.runtime.models.SerialFilter.install();
        if (args.length == 1 && args[0].equals("lsp")) {
            // An editor starts the server and waits for its answer to `initialize`: building picocli's
            // model of every command first cost a fifth of that wait, for one argument with no options.
            System.exit(new LspCommand().call());
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line with the given streams; used by tests in process. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        HelpLayout.install(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("internal error — please report (mlx " + Version.get() + "): " + ex);
            if (System.getenv("MLX_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return INTERNAL;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (Throwable t) { // an Error (a bug), which picocli's handler does not see
            err.println("internal error — please report (mlx " + Version.get() + "): " + t);
            if (System.getenv("MLX_DEBUG") != null) {
                t.printStackTrace(err);
            }
            code = INTERNAL;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** Version line for {@code --version}. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mlx " + Version.get() + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
