package dev.mlx.runtime;

import dev.mlx.runtime.base.Parallel;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.spec.Experiment;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * The command line of a compiled experiment, {@code java -jar EXPERIMENT.jar [COMMAND] [OPTIONS]}:
 * {@code run} (also what no command means), {@code predict}, {@code serve}, {@code retrain},
 * {@code report} and {@code help}, each with {@code --help}; {@code --version}. The options every
 * command shares ({@code --out}, {@code --base}, {@code --set}) may come before or after the command.
 * <p>
 * Exit codes: {@value Runner#OK} when the command did what it was asked, {@value Runner#FAILED} when a
 * run failed (checks, review, gates) or the data or setup is bad (a {@link RunException}: a message,
 * no stack trace), {@value Runner#USAGE} on a usage error (a message naming the option or argument,
 * and where to find help), {@value Runner#INTERNAL} on a bug; {@code retrain} exits
 * {@value Runner#KEPT} when it kept the serving model.
 * <p>
 * Where outputs live (docs/run-json.md, "Where outputs live"): every command works on one output
 * folder, {@code --out DIR} as given, else {@code out/NAME/} under the working folder. {@code run}
 * and {@code serve} (when it has to run first) write there; {@code predict}, {@code serve},
 * {@code report} and {@code retrain} read the last run there, and nothing searches elsewhere.
 */
@Command(name = JarCommand.NAME, mixinStandardHelpOptions = true, sortOptions = true,
        descriptionHeading = JarCommand.PARAGRAPH, optionListHeading = JarCommand.OPTIONS,
        commandListHeading = "%nCommands:%n",
        description = {"Runs the experiment it was compiled from, or works with the model of its last run.",
            "Without a command it runs the experiment, as `run` does."},
        subcommands = {JarSubcommands.RunSubcommand.class, JarSubcommands.PredictSubcommand.class,
            JarSubcommands.ServeSubcommand.class, JarSubcommands.RetrainSubcommand.class,
            JarSubcommands.ReportSubcommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run passed; the command did what it was asked",
            "1:the run stopped (failed checks, feature review or release gate), or bad data or setup",
            "2:usage error", "3:internal error (please report)",
            "4:retrain kept the serving model (no feedback, or the new model not better)"})
final class JarCommand implements Callable<Integer> {
    static {
        // before any stream is made: afterwards the JDK no longer accepts a filter factory
        dev.mlx.runtime.models.SerialFilter.install();
    }

    /** The command's name in help text when the jar's own name is unknown (an in-process run). */
    static final String NAME = "java -jar EXPERIMENT.jar";
    /** The headings of every command's help: a blank line before each part. */
    static final String PARAGRAPH = "%n";
    static final String OPTIONS = "%nOptions:%n";
    static final String PARAMETERS = "%nParameters:%n";

    @Option(names = "--out", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "output folder (default: out/EXPERIMENT/)")
    Path out;

    @Option(names = "--base", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "folder that data paths in the .mlx resolve against (default: the .mlx file's folder at "
                + "compile time)")
    Path base;

    @Option(names = "--allow-outside", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "let the report and exports the .mlx names be written inside DIR, outside the output "
                + "folder (repeatable; the .mlx must name them by absolute path)")
    List<Path> allowOutside = new ArrayList<>();

    @Option(names = "--runs-store", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "the tracking store that records the runs: a PostgreSQL JDBC URL or an SQLite file (default: the "
                + TrackedRun.STORE_VARIABLE + " environment variable, else runs.db in the output folder)")
    String runsStore;

    @Option(names = "--set", paramLabel = "NAME=VALUE", scope = ScopeType.INHERIT, converter = NameValue.Converter.class,
            description = "override a parameter of the experiment (repeatable)")
    List<NameValue> sets = new ArrayList<>();

    /** The help text of {@code --threads}, here and on {@code run}. */
    static final String THREADS = "threads to train and evaluate on (default: the MLX_THREADS environment variable, else "
            + "one per core); the results are the same for any number";

    @Option(names = "--threads", paramLabel = "N", description = THREADS)
    String threads;

    final Function<Params, Experiment> define;
    final Map<String, Double> parameters;
    final Class<?> mainClass;
    /** Where the commands write their progress and results. */
    final PrintStream console;
    /** Where errors go. */
    final PrintStream errors;

    JarCommand(Function<Params, Experiment> define, Map<String, Double> parameters, Class<?> mainClass,
               PrintStream console, PrintStream errors) {
        this.define = define;
        this.parameters = parameters;
        this.mainClass = mainClass;
        this.console = console;
        this.errors = errors;
    }

    /** One {@code --set NAME=VALUE}: the name trimmed, the value as given (the parameters read it as a number). */
    record NameValue(String name, String value) {
        /** Splits at the first {@code =}; a missing name or {@code =} is a usage error. */
        static final class Converter implements CommandLine.ITypeConverter<NameValue> {
            @Override
            public NameValue convert(String text) {
                int eq = text.indexOf('=');
                if (eq <= 0 || text.substring(0, eq).isBlank()) {
                    throw new CommandLine.TypeConversionException("needs NAME=VALUE, not `" + text + "`");
                }
                return new NameValue(text.substring(0, eq).trim(), text.substring(eq + 1));
            }
        }
    }

    /** {@code --set} as given, in order; the last value of a name wins. */
    Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (NameValue set : sets) {
            overrides.put(set.name(), set.value());
        }
        return overrides;
    }

    @picocli.CommandLine.Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return JarSubcommands.RunSubcommand.run(this, threads(spec, threads));
    }

    /** The experiment with the {@code --set} values; a bad value is a {@link RunException}. */
    Experiment experiment() {
        dev.mlx.runtime.models.Quiet.install();
        return define.apply(new Params(parameters, overrides()));
    }

    /**
     * Runs the experiment in the history of its output folder: a run folder of its own, recorded in
     * the tracking store, promoted once it reaches a status ({@link TrackedRun}).
     */
    int tracked(Experiment e, java.util.function.Function<Path, Stages> stagesFor) {
        Path dir = outDir(e);
        Map<String, Double> values = new Params(parameters, overrides()).values();
        return TrackedRun.run(e, new TrackedRun.Setup(dir, baseDir(), values, overrides(), TrackedRun.storeUrl(runsStore, dir),
                console), stagesFor);
    }

    /** The folder data paths resolve against: {@code --base}, else the one the jar was compiled with. */
    Path baseDir() {
        return base != null ? base : Runner.baseDir(mainClass);
    }

    /**
     * The thread count: {@code given} ({@code --threads}), else {@link Parallel#defaultThreads()}. A bad
     * {@code --threads} is a usage error, a bad {@code MLX_THREADS} a {@link RunException}.
     */
    static int threads(CommandSpec spec, String given) {
        return given == null ? Parallel.defaultThreads() : (int) whole(spec, "--threads", given, 1, Parallel.MAX_THREADS);
    }

    /** The output folder: {@code --out}, else {@code out/NAME/}. */
    Path outDir(Experiment e) {
        return out != null ? out : Path.of("out", e.name());
    }

    /**
     * The output folder when it holds a run (its {@code serving.json}); else a {@link RunException}
     * that says which folder was read and why, and names {@code out/} when a run of this
     * experiment sits there (a run given {@code --out out}).
     */
    Path lastRun(Experiment e) {
        Path dir = outDir(e);
        if (java.nio.file.Files.isRegularFile(dir.resolve(dev.mlx.runtime.serve.Profile.FILE))) {
            return dir;
        }
        StringBuilder why = new StringBuilder("no run of `" + e.name() + "` in " + dir);
        if (out == null) {
            why.append(" (the output folder when --out is not given)");
            Path root = Path.of("out");
            if (java.nio.file.Files.isRegularFile(root.resolve(dev.mlx.runtime.serve.Profile.FILE))
                    && e.name().equals(dev.mlx.runtime.serve.Profile.read(root).experiment)) {
                why.append(": a run of it is in out/, so it was given --out out; pass the same --out");
                throw new RunException(why.toString());
            }
        }
        why.append(": run or serve the experiment first, with the same --out");
        throw new RunException(why.toString());
    }

    /**
     * A whole number option's value, between {@code min} and {@code max}; anything else is a usage
     * error naming the option.
     */
    static long whole(CommandSpec spec, String option, String value, long min, long max) {
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), option + " needs a whole number, not `" + value + "`");
        }
        if (n < min || n > max) {
            throw new ParameterException(spec.commandLine(), option + " must be between " + min + " and " + max + ", not "
                    + value);
        }
        return n;
    }

    /** Parses {@code args}, runs the command and returns its exit code; nothing escapes as an exception. */
    static int execute(String[] args, Function<Params, Experiment> define, Map<String, Double> parameters,
                       Class<?> mainClass, PrintStream console, PrintStream errors) {
        JarCommand top = new JarCommand(define, parameters, mainClass, console, errors);
        CommandLine cl = commandLine(top);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) { // not an Exception: picocli lets it through
            console.flush();
            errors.println(Runner.outOfMemory());
            return Runner.FAILED;
        } catch (Throwable t) {
            return internalError(top, t);
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    /** The parser for {@code top}: its help and usage errors written to its streams, the jar's own name in help. */
    static CommandLine commandLine(JarCommand top) {
        CommandLine cl = new CommandLine(top);
        String jar = Runner.jarName(top.mainClass);
        cl.setCommandName(jar == null ? NAME : "java -jar " + jar);
        cl.setOut(new PrintWriter(top.console, true));
        cl.setErr(new PrintWriter(top.errors, true));
        cl.setExpandAtFiles(false); // an argument starting with @ is a file name, never a file of arguments
        cl.setOverwrittenOptionsAllowed(true); // the last --out wins, as shells' users expect
        CommandLine.IVersionProvider version = top::version;
        cl.getCommandSpec().versionProvider(version);
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(version);
        }
        cl.setParameterExceptionHandler((ex, args) -> {
            top.console.flush();
            CommandSpec at = ex.getCommandLine().getCommandSpec();
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + usageError(ex));
            err.println("run `" + at.qualifiedName() + " --help` for " + (at.subcommands().isEmpty() ? "its options"
                    : "the commands and options"));
            err.flush();
            return Runner.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof RunException) {
                top.console.flush();
                top.errors.println("error: " + ex.getMessage());
                return Runner.FAILED;
            }
            if (ex instanceof InterruptedException) { // the server was asked to stop
                Thread.currentThread().interrupt();
                return Runner.OK;
            }
            return internalError(top, ex);
        });
        return cl;
    }

    private static int internalError(JarCommand top, Throwable t) {
        top.console.flush();
        top.errors.println("internal error — please report (mlx runtime): " + t);
        if (System.getenv("MLX_DEBUG") != null) {
            t.printStackTrace(top.errors);
        }
        return Runner.INTERNAL;
    }

    /** What was wrong with the command line, in the words of the rest of mlx's messages. */
    static String usageError(ParameterException ex) {
        CommandSpec at = ex.getCommandLine().getCommandSpec();
        boolean top = at.parent() == null;
        String where = top ? "" : " for " + at.name();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            List<String> suggestions = u.getSuggestions();
            String hint = suggestions.isEmpty() ? "" : "; did you mean `" + String.join("` or `", suggestions) + "`?";
            if (first.startsWith("-") && first.length() > 1) {
                return "unknown option `" + first + "`" + where + hint;
            }
            return (top ? "unknown command `" + first + "`" : "unexpected argument `" + first + "`" + where) + hint;
        }
        if (ex instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()) {
            if (at.userObject() instanceof JarSubcommands.PredictSubcommand
                    && m.getMissing().stream().allMatch(ArgSpec::required)) {
                return JarSubcommands.PredictSubcommand.NEEDS;
            }
            ArgSpec missing = m.getMissing().get(0);
            return missing instanceof OptionSpec o ? o.longestName() + " needs a value (" + o.paramLabel() + ")"
                    : "missing " + missing.paramLabel() + where;
        }
        if (ex.getCause() instanceof CommandLine.TypeConversionException t && ex.getArgSpec() instanceof OptionSpec o) {
            return o.longestName() + " " + inOurWords(t.getMessage());
        }
        return inOurWords(ex.getMessage());
    }

    /**
     * One of picocli's own messages ("Unknown subcommand 'x'.") as mlx writes them: lowercase, the
     * user's text in backticks, no final period. Messages of mlx's own (they have backticks) pass as they are.
     */
    static String inOurWords(String message) {
        if (message == null || message.isEmpty() || message.contains("`")) {
            return message;
        }
        String m = message.replaceAll("'([^']*)'", "`$1`");
        m = m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
        return m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }

    /** The {@code --version} text: the experiment, where it came from, the mlx that compiled it. */
    private String[] version() {
        Experiment e = define.apply(new Params(parameters, Map.of()));
        Experiment.Source s = e.source();
        if (s == null) {
            return new String[] {"experiment `" + e.name() + "` (Java " + System.getProperty("java.version") + ")"};
        }
        String sha = s.sha256() == null ? "" : ", sha256 " + s.sha256().substring(0, Math.min(12, s.sha256().length()));
        return new String[] {"experiment `" + e.name() + "` from " + s.fileName() + sha,
            "compiled by mlx " + s.mlxVersion() + " (Java " + System.getProperty("java.version") + ")"};
    }
}
