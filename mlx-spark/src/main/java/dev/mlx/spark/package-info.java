/**
 * The Spark engine: runs a compiled experiment's typed spec ({@code dev.mlx.runtime.spec}) on Apache Spark
 * (MLlib), with the local engine's rules where they decide which rows or which numbers a user sees (the
 * row hashes of {@code runtime.base.RowHash} for the holdout and folds, {@code runtime.eval.CountMetrics}
 * for metrics), and writes the same run.json and report through {@code runtime.result} and
 * {@code runtime.report}. The selected model leaves Spark as the runtime's own files ({@code SparkExport}:
 * a Tribuo model from MLlib's fitted parameters, the pipeline rebuilt by {@code runtime.features.LearnedPipeline},
 * serving.json from {@code SparkProfile}), so it is served without Spark. Never on the CLI's or the runtime's
 * classpath: the CLI starts it in a child JVM on Spark's classpath, a cluster through {@code spark-submit}.
 * Imports Spark, the catalog and the runtime's spec, base, data (row hashes), eval (count metrics), features
 * and models (the export), serve (the profile's shape), result and report; never the compiler.
 */
package dev.mlx.spark;
