/**
 * The {@code mlp} model: a multi-layer perceptron trained and served on the default install (no
 * TensorFlow), as Tribuo trainers and models so evaluation, LIME, export and provenance treat it like
 * any other. Dense layers live in Tribuo tensors ({@link dev.mlx.runtime.models.mlp.MlpParameters})
 * updated by Tribuo's {@link org.tribuo.math.StochasticGradientOptimiser}s (AdaGrad, SGD) or
 * {@link dev.mlx.runtime.models.mlp.AdamOptimiser}; the forward and backward passes run on the
 * tensors' backing arrays. Models write Tribuo's protobuf format through
 * {@link dev.mlx.runtime.models.mlp.MlpProtos} and export to ONNX.
 * <p>
 * Imports Tribuo, protobuf and {@link dev.mlx.runtime.RunException}; never a compiler package, and
 * nothing else of mlx (the catalog's words are turned into settings by
 * {@link dev.mlx.runtime.models.Trainers}).
 */
package dev.mlx.runtime.models.mlp;
