/**
 * What every mlx trainer shares under Tribuo's {@link org.tribuo.Trainer} contract, owned once
 * ({@link dev.mlx.runtime.models.base.AbstractTrainer}): the invocation count, the trainer provenance
 * that models record, and the generator of the n-th call; and the softmax ({@link dev.mlx.runtime.models.base.Softmax})
 * the perceptron and the boosted trees share. The leaf below {@code models} and
 * {@code models.mlp}: imports Tribuo and OLCUT only, never another part of mlx.
 */
package dev.mlx.runtime.models.base;
