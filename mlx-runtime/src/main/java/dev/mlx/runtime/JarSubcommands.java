package dev.mlx.runtime;

import dev.mlx.catalog.StoreKind;
import dev.mlx.runtime.serve.ServeOptions;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Feedback;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The commands of {@link JarCommand}: each reads its own options and calls the code that does the
 * work ({@link Stages}, {@link Predict}, {@link Serving}, {@link Retrain}). The shared options
 * ({@code --out}, {@code --base}, {@code --set}) live on the parent command.
 */
final class JarSubcommands {
    private JarSubcommands() {
    }

    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = true, descriptionHeading = JarCommand.PARAGRAPH,
            optionListHeading = JarCommand.OPTIONS, parameterListHeading = JarCommand.PARAMETERS,
            description = {"Run the experiment (the default command).",
                "Data, review, checks, split, features, tuning, models and evaluation, explanations, export. Writes "
                    + "run.json, report.html, the models and the holdout's predictions to the output folder."})
    static final class RunSubcommand implements Callable<Integer> {
        @ParentCommand
        JarCommand jar;

        @Spec
        CommandSpec spec;

        @Option(names = "--threads", paramLabel = "N", description = JarCommand.THREADS)
        String threads;

        @Override
        public Integer call() {
            return run(jar, JarCommand.threads(spec, threads != null ? threads : jar.threads));
        }

        static int run(JarCommand jar, int threads) {
            Runner.haltOnOutOfMemory(jar.errors);
            Experiment e = jar.experiment();
            return jar.tracked(e, folder -> new Stages(e, jar.baseDir(), folder, jar.console, Runner.jarName(jar.mainClass),
                    threads).allowOutside(jar.allowOutside));
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = true, descriptionHeading = JarCommand.PARAGRAPH,
            optionListHeading = JarCommand.OPTIONS, parameterListHeading = JarCommand.PARAMETERS,
            description = {"Score new rows with the model of the last run.",
                "Reads the model of the last run in the output folder and writes one line of predictions per row of "
                    + "IN.csv, as the run's predictions.csv does."})
    static final class PredictSubcommand implements Callable<Integer> {
        /** The usage error when the rows or the output file are missing. */
        static final String NEEDS = "predict needs the rows to score and where to write them: predict IN.csv -o OUT.csv";

        @ParentCommand
        JarCommand jar;

        @Parameters(paramLabel = "IN.csv", description = "the rows to score: a CSV file with the columns the model reads")
        Path input;

        @Option(names = {"-o", "--output"}, paramLabel = "OUT.csv", required = true,
                description = "where to write the predictions (CSV)")
        Path output;

        @Override
        public Integer call() {
            Runner.haltOnOutOfMemory(jar.errors);
            Experiment e = jar.experiment();
            // a folder whose serving.json is gone is still read when its run.json records the model's hashes
            Path dir = jar.outDir(e);
            boolean recorded = java.nio.file.Files.isRegularFile(dir.resolve("run.json"))
                    && java.nio.file.Files.isRegularFile(dir.resolve(Stages.MODEL_FILE));
            return Predict.run(e, recorded ? dir : jar.lastRun(e), input, output, jar.console);
        }
    }

    /** The feedback store's option, shared by serve, retrain and report. */
    static final class StoreOption {
        /** The default store's file, in the output folder beside the run. */
        static final String DEFAULT_FILE = "feedback.db";

        @Option(names = "--store", paramLabel = "URL",
                description = "the prediction and feedback store: a JDBC URL or an SQLite file (default: the .mlx's "
                    + "`store`, else feedback.db in the output folder)")
        String store;

        /**
         * The JDBC URL of the store: --store, else the .mlx's {@code store} (a SQLite path relative to
         * the base folder), else {@value #DEFAULT_FILE} in the output folder. A store where that default
         * used to be ({@code out/NAME-feedback.db} under the base folder) is still read when the output
         * folder has none, with a one-line notice, so nothing logged before is lost. A URL the store
         * rule refuses stops the command here, before a run or a connection.
         */
        String url(Experiment e, Path baseDir, Path outDir, PrintStream notices) {
            String url = located(e, baseDir, outDir, notices);
            dev.mlx.runtime.serve.Store.requireAccepted(url);
            return url;
        }

        private String located(Experiment e, Path baseDir, Path outDir, PrintStream notices) {
            if (store != null) {
                return store.startsWith("jdbc:") ? store : "jdbc:sqlite:" + Path.of(store).toAbsolutePath().normalize();
            }
            Feedback f = e.feedback();
            if (f != null && f.store() == StoreKind.JDBC) {
                return f.location();
            }
            if (f != null && f.location() != null) {
                return "jdbc:sqlite:" + baseDir.resolve(f.location()).toAbsolutePath().normalize();
            }
            Path file = outDir.resolve(DEFAULT_FILE).toAbsolutePath().normalize();
            Path earlier = baseDir.resolve("out").resolve(e.name() + "-feedback.db").toAbsolutePath().normalize();
            if (!Files.exists(file) && Files.isRegularFile(earlier)) {
                notices.println("note: reading the feedback store " + earlier + ", where earlier versions kept it; move it to "
                        + file + " to keep it with the run");
                return "jdbc:sqlite:" + earlier;
            }
            return "jdbc:sqlite:" + file;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = true, descriptionHeading = JarCommand.PARAGRAPH,
            optionListHeading = JarCommand.OPTIONS, parameterListHeading = JarCommand.PARAMETERS,
            description = {"Serve the model of the last run over HTTP.",
                "Runs the experiment first when there is no model yet; see docs/serve.md for the endpoints. With "
                    + "--bench, measures single-row latency over HTTP against the scope's latency gates instead."})
    static final class ServeSubcommand implements Callable<Integer> {
        /** Requests of {@code --bench} when {@code --requests} does not say. */
        static final int BENCH_REQUESTS = 2000;

        @ParentCommand
        JarCommand jar;

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        StoreOption store;

        @Option(names = "--host", paramLabel = "HOST",
                description = "address to listen on (default: 127.0.0.1; 0.0.0.0 for every interface)")
        String host = "127.0.0.1";

        @Option(names = "--production",
                description = "errors never echo the values sent or the schema; /explain leaves out the row")
        boolean production;

        @Option(names = "--no-store", description = "log nothing; /feedback, /ab and /drift answer 409")
        boolean noStore;

        @Option(names = "--bench",
                description = "measure latency over HTTP on loopback and check the latency gates; writes bench.json")
        boolean bench;

        Integer port;
        long maxBody = ServeOptions.DEFAULT_MAX_BODY;
        int maxBatch = ServeOptions.DEFAULT_MAX_BATCH;
        long timeout = ServeOptions.DEFAULT_TIMEOUT;
        Integer requests;

        @Option(names = "--port", paramLabel = "N",
                description = "port (default: the .mlx's `serve port`, else 8080; 0 picks a free one)")
        void port(String value) {
            port = (int) JarCommand.whole(spec, "--port", value, 0, 65_535);
        }

        @Option(names = "--max-body", paramLabel = "BYTES",
                description = "largest request body (default: " + ServeOptions.DEFAULT_MAX_BODY + "; 413 above)")
        void maxBody(String value) {
            maxBody = JarCommand.whole(spec, "--max-body", value, 1, Long.MAX_VALUE);
        }

        @Option(names = "--max-batch", paramLabel = "N",
                description = "most rows in one /predict array (default: " + ServeOptions.DEFAULT_MAX_BATCH + "; 413 above)")
        void maxBatch(String value) {
            maxBatch = (int) JarCommand.whole(spec, "--max-batch", value, 1, 1_000_000);
        }

        @Option(names = "--timeout", paramLabel = "MS",
                description = "a stalled request is dropped, a slow batch or explanation answers 503 (default: "
                    + ServeOptions.DEFAULT_TIMEOUT + ")")
        void timeout(String value) {
            timeout = JarCommand.whole(spec, "--timeout", value, 1, 3_600_000);
        }

        @Option(names = "--requests", paramLabel = "N",
                description = "requests of --bench (default: " + BENCH_REQUESTS + "); implies --bench")
        void requests(String value) {
            requests = (int) JarCommand.whole(spec, "--requests", value, 1, 10_000_000);
        }

        /** The requests to measure, or 0 to serve. */
        int benchRequests() {
            return requests != null ? requests : bench ? BENCH_REQUESTS : 0;
        }

        /** The store's JDBC URL, or null with {@code --no-store}. */
        String storeUrl(Experiment e, Path baseDir, Path outDir, PrintStream notices) {
            return noStore ? null : store.url(e, baseDir, outDir, notices);
        }

        @Override
        public Integer call() throws InterruptedException {
            Experiment e = jar.experiment();
            return Serving.serve(e, this, jar, jar.outDir(e), jar.console);
        }
    }

    @Command(name = "retrain", mixinStandardHelpOptions = true, sortOptions = true, descriptionHeading = JarCommand.PARAGRAPH,
            optionListHeading = JarCommand.OPTIONS, parameterListHeading = JarCommand.PARAMETERS,
            description = {"Retrain on the labelled feedback; promote only if better.",
                "Folds the labelled feedback into the training data and runs again; the new model replaces the "
                    + "served one only if the release gates pass and it is significantly better (or, with `retrain "
                    + "within M`, not worse by more than M) on rows neither model trained on. Exit 0 promoted, 4 kept, "
                    + "1 the new run failed."})
    static final class RetrainSubcommand implements Callable<Integer> {
        @ParentCommand
        JarCommand jar;

        @picocli.CommandLine.Mixin
        StoreOption store;

        @Override
        public Integer call() {
            Experiment e = jar.experiment();
            Path base = jar.baseDir();
            Path outDir = jar.lastRun(e);
            return Retrain.run(e, base, outDir, store.url(e, base, outDir, jar.console), jar.allowOutside, jar.console);
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, sortOptions = true, descriptionHeading = JarCommand.PARAGRAPH,
            optionListHeading = JarCommand.OPTIONS, parameterListHeading = JarCommand.PARAMETERS,
            description = {"The online evaluation (A/B test) and drift, from the feedback store.",
                "Tests, intervals, samples still needed and a recommendation per variant, and drift; printed, written "
                    + "to feedback.json and folded into run.json and report.html."})
    static final class ReportSubcommand implements Callable<Integer> {
        @ParentCommand
        JarCommand jar;

        @picocli.CommandLine.Mixin
        StoreOption store;

        @Override
        public Integer call() {
            Experiment e = jar.experiment();
            Path base = jar.baseDir();
            Path outDir = jar.lastRun(e);
            return Serving.report(e, store.url(e, base, outDir, jar.console), outDir, jar.console);
        }
    }
}
