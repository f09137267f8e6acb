package dev.mlx.runtime.models.mlp;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import java.util.function.DoubleUnaryOperator;
import org.tribuo.math.Parameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.Tensor;

/**
 * Adam (Kingma and Ba, 2015) as a Tribuo {@link StochasticGradientOptimiser}. Tribuo 4.3.2's own
 * {@code org.tribuo.math.optimisers.Adam} multiplies the step by the root of the second moment
 * instead of dividing by it (fixed upstream in oracle/tribuo#401, after 4.3.2), so its steps grow
 * with the gradients and an MLP diverges; this one divides. Same state layout, same tensor
 * operations, and like Tribuo's it ignores the example weight passed to {@link #step}.
 */
public final class AdamOptimiser implements StochasticGradientOptimiser {
    @Config(mandatory = true, description = "Step size.")
    private double learningRate = 0.001;

    @Config(description = "Decay of the first moment (the mean gradient).")
    private double betaOne = 0.9;

    @Config(description = "Decay of the second moment (the mean squared gradient).")
    private double betaTwo = 0.999;

    @Config(description = "Added to the root of the second moment, for stability around zero.")
    private double epsilon = 1e-8;

    private int iterations;
    private Tensor[] firstMoment;
    private Tensor[] secondMoment;

    /** Adam with the paper's betas (0.9, 0.999) and an epsilon of 1e-8. */
    public AdamOptimiser(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    public AdamOptimiser(double learningRate, double betaOne, double betaTwo, double epsilon) {
        this.learningRate = learningRate;
        this.betaOne = betaOne;
        this.betaTwo = betaTwo;
        this.epsilon = epsilon;
    }

    /** For OLCUT. */
    private AdamOptimiser() {
    }

    @Override
    public void initialise(Parameters parameters) {
        firstMoment = parameters.getEmptyCopy();
        secondMoment = parameters.getEmptyCopy();
        iterations = 0;
    }

    @Override
    public Tensor[] step(Tensor[] updates, double weight) {
        iterations++;
        // the bias corrections of both moments folded into the step size
        double rate = learningRate * Math.sqrt(1 - Math.pow(betaTwo, iterations)) / (1 - Math.pow(betaOne, iterations));
        DoubleUnaryOperator first = g -> g * (1 - betaOne);
        DoubleUnaryOperator second = g -> g * g * (1 - betaTwo);
        DoubleUnaryOperator scale = m -> m * rate;
        DoubleUnaryOperator divide = v -> 1 / (Math.sqrt(v) + epsilon);
        for (int i = 0; i < updates.length; i++) {
            firstMoment[i].scaleInPlace(betaOne);
            firstMoment[i].intersectAndAddInPlace(updates[i], first);
            secondMoment[i].scaleInPlace(betaTwo);
            secondMoment[i].intersectAndAddInPlace(updates[i], second);
            updates[i].scaleInPlace(0);
            updates[i].intersectAndAddInPlace(firstMoment[i], scale);
            updates[i].hadamardProductInPlace(secondMoment[i], divide);
        }
        return updates;
    }

    @Override
    public void reset() {
        firstMoment = null;
        secondMoment = null;
        iterations = 0;
    }

    @Override
    public AdamOptimiser copy() {
        return new AdamOptimiser(learningRate, betaOne, betaTwo, epsilon);
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "StochasticGradientOptimiser");
    }

    @Override
    public String toString() {
        return "Adam(learningRate=" + learningRate + ",betaOne=" + betaOne + ",betaTwo=" + betaTwo + ",epsilon=" + epsilon + ")";
    }
}
