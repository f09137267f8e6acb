package dev.mlx.runtime.result;

import dev.mlx.runtime.result.JsonShape.Nullable;
import dev.mlx.runtime.result.JsonShape.OmitIfNull;
import java.util.List;
import java.util.Map;

/**
 * Everything one run found, as run.json holds it (docs/run-json.md; docs/run-json.schema.json is
 * made from these records). The parts a run did not reach are null and left out; {@code online} is
 * added later by the feedback report.
 *
 * @param mlx         the mlx version that compiled the experiment
 * @param experiment  what the .mlx file asks
 * @param source      the .mlx file
 * @param run         which run this is in the experiment's history, and how it compares with earlier runs
 *                    (null for a run outside the history, such as a retrain's candidate)
 * @param seed        the experiment's seed
 * @param environment where it ran
 * @param data        the data as read
 * @param review      the review of the raw data
 * @param checks      every check with its outcome, in order
 * @param split       the training/holdout split (from the split on)
 * @param features    what the features block learned (from the split on)
 * @param inspect     the feature review (from the split on)
 * @param evaluation  every model's metrics, the selection and the gates (after training)
 * @param provenance  Tribuo's provenance of the selected model (after training)
 * @param explain     the explanations (after training)
 * @param exports     the model files written (after training)
 * @param status      how the run ended: passed, failed checks, failed feature review, failed gates, failed models
 * @param timings     milliseconds per stage reached, in order
 * @param online      the online evaluation from the feedback store, added by the feedback report
 * @param drift       live inputs against training, added by the feedback report
 * @param retrain     the last {@code retrain} that judged this run: written into the candidate's run.json
 *                    and into the serving folder's, promoted or not
 */
public record RunResult(Mlx mlx, ExperimentPlan experiment, Source source, @OmitIfNull RunRecord run, long seed, Environment environment, DataSummary data,
                        DataReview review, List<Check> checks, @OmitIfNull SplitSizes split, @OmitIfNull FeaturesLearned features,
                        @OmitIfNull FeatureReview inspect, @OmitIfNull Evaluation evaluation, @OmitIfNull Provenance provenance,
                        @OmitIfNull ModelExplanations explain, @OmitIfNull List<ExportedFile> exports, String status,
                        Map<String, Long> timings, @OmitIfNull OnlineResults online,
                        @OmitIfNull DriftResults drift, @OmitIfNull Retraining retrain) {
    public RunResult {
        checks = List.copyOf(checks);
        exports = exports == null ? null : List.copyOf(exports);
        timings = Copies.map(timings);
    }

    /** The same run with the feedback report's online evaluation and drift. */
    public RunResult withFeedback(OnlineResults online, DriftResults drift) {
        return new RunResult(mlx, experiment, source, run, seed, environment, data, review, checks, split, features, inspect, evaluation,
                provenance, explain, exports, status, timings, online, drift, retrain);
    }

    /** The same run with the decision of a {@code retrain}. */
    public RunResult withRetrain(Retraining decision) {
        return new RunResult(mlx, experiment, source, run, seed, environment, data, review, checks, split, features, inspect, evaluation,
                provenance, explain, exports, status, timings, online, drift, decision);
    }

    /** The same run with its place in the history. */
    public RunResult withRun(RunRecord record) {
        return new RunResult(mlx, experiment, source, record, seed, environment, data, review, checks, split, features, inspect,
                evaluation, provenance, explain, exports, status, timings, online, drift, retrain);
    }

    /** @param version the mlx version that compiled the experiment */
    public record Mlx(String version) {
    }

    /**
     * The .mlx file: its name, the SHA-256 of its text, the text, and the file name of the jar that
     * ran it (null for {@code mlx run}, which runs in process).
     */
    public record Source(String file, String sha256, String text, @Nullable String jar) {
    }

    /**
     * Where it ran; the library versions are those of the jars on the classpath.
     *
     * @param maxHeapBytes the JVM's maximum heap ({@code Runtime.maxMemory()}; the driver's on Spark)
     * @param engine       {@code spark} for a run on the Spark engine; absent for the local engine
     * @param cluster      on Spark: the master, the application id, Spark's and Scala's versions and the
     *                     executors' cores ({@code spark.default.parallelism})
     */
    public record Environment(String java, String os, String tribuo, String tablesaw, String javaVendor, int cores,
                              long maxHeapBytes, @OmitIfNull String engine, @OmitIfNull Map<String, String> cluster) {
        public Environment {
            cluster = Copies.map(cluster);
        }

        /** Where a run on the local engine ran (no {@code engine} key: local is the default). */
        public Environment(String java, String os, String tribuo, String tablesaw, String javaVendor, int cores,
                           long maxHeapBytes) {
            this(java, os, tribuo, tablesaw, javaVendor, cores, maxHeapBytes, null, null);
        }
    }

    /**
     * The data as read: the CSV path as written or the JDBC URL (password redacted), the CSV file's
     * SHA-256 (CSV only), the size of the table, and the rows set aside for a missing target.
     */
    public record DataSummary(String source, @OmitIfNull String sha256, int rows, int columns, int rowsWithoutTarget) {
    }

    /** A check as written, pass, warn or fail, what was measured, and more detail when the check has any. */
    public record Check(String check, String status, String observed, @OmitIfNull String detail) {
    }

    /** The split: row counts, its seed, and how ("stratified", "random" or "latest by COLUMN"). */
    public record SplitSizes(int train, int holdout, long seed, String how) {
    }

    /**
     * A model file the run wrote: the folder's model.tribuo first, then the deploy block's exports,
     * then, with an A/B test, each variant's model under {@code variants/}. Written files have
     * {@code bytes} and {@code sha256} (the model file's SHA-256); a Tribuo model also has
     * {@code pipelineSha256}, the SHA-256 of the fitted pipeline written beside it ({@code P.pipeline}).
     * {@code variant} names the served variant a file holds (as in serving.json), when it is one: these
     * two hashes are what {@code serve} and {@code predict} check the files against. An ONNX export
     * the model cannot take has {@code written} false and the {@code reason}.
     */
    public record ExportedFile(String format, String path, boolean written, @OmitIfNull Long bytes, @OmitIfNull String sha256,
                               @OmitIfNull String pipelineSha256, @OmitIfNull String variant, @OmitIfNull String reason) {
    }
}
