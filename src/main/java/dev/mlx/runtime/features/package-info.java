/**
 * The feature pipeline: fitted on training rows only, applied identically to test rows and at
 * prediction time; serialisable so it travels with the model. Also the feature review (inspect).
 */
package dev.mlx.runtime.features;
