/**
 * The feature pipeline: fitted on training rows only, applied identically to test rows and at
 * prediction time; written beside the model as JSON ({@link dev.mlx.runtime.features.PipelineFile},
 * read with size and nesting limits, never through Java serialisation). Also the feature review
 * (inspect).
 *
 * <p>{@link dev.mlx.runtime.features.Pipeline} fits the spec's typed steps, through
 * {@link dev.mlx.runtime.spec.Step.Visitor}, over a working frame of primitive columns read once from
 * the Tablesaw table (one fitted class per kind of step; {@code NumericStep} does scale, log and
 * clip); the options arrive typed and defaulted, so a step checks only what depends on the data.
 * {@link dev.mlx.runtime.features.FittedFeatures} keeps only what each step learned and assembles
 * sparse rows; {@link dev.mlx.runtime.features.Inspector} reviews the result;
 * {@link dev.mlx.runtime.features.LearnedPipeline} rebuilds a pipeline another engine (Spark) fitted from what
 * run.json records of it, so this runtime serves it. Imports the catalog, the runtime,
 * Tablesaw (with its fastutil) and Gson (the pipeline file), never a compiler package.
 */
package dev.mlx.runtime.features;
