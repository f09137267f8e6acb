/**
 * The {@code mlp} model: a multi-layer perceptron trained and served on the default install (no
 * TensorFlow), as Tribuo trainers and models so evaluation, LIME, export and provenance treat it like
 * any other. Dense layers live in Tribuo tensors ({@link dev.mlx.runtime.models.mlp.MlpParameters})
 * updated by Tribuo's {@link org.tribuo.math.StochasticGradientOptimiser}s (AdaGrad, SGD) or
 * {@link dev.mlx.runtime.models.mlp.AdamOptimiser}; the forward and backward passes run on the
 * tensors' backing arrays. Models write Tribuo's protobuf format through
 * {@link dev.mlx.runtime.models.mlp.MlpProtos} and export to ONNX.
 * <p>
 * {@link dev.mlx.runtime.models.Trainers} builds the trainers from the catalog's hyperparameters
 * through {@link dev.mlx.runtime.models.mlp.MlpSettings#of}. Imports Tribuo, OLCUT, protobuf and
 * {@link dev.mlx.runtime.base.RunException} and the trainer bookkeeping of {@link dev.mlx.runtime.models.base}; never a
 * compiler package, nor any other part of mlx.
 */
package dev.mlx.runtime.models.mlp;
