package dev.mlx.runtime.models.mlp;

import dev.mlx.runtime.base.RunException;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.SGD;

/**
 * The hyperparameters of an mlp trainer, as the catalog names them.
 *
 * @param hidden     units in each hidden layer, input side first (empty: a linear or softmax model)
 * @param optimiser  updates the weights; a copy is taken for every training run
 * @param batchSize  rows per gradient step
 * @param patience   epochs without a lower validation loss before training stops; 0 never stops early
 * @param validation share of the training rows held out to pick the best epoch; 0 keeps the last epoch
 */
public record MlpSettings(List<Integer> hidden, Activation activation, StochasticGradientOptimiser optimiser, int epochs,
                          int batchSize, double l2, int patience, double validation, long seed) {
    public MlpSettings {
        hidden = List.copyOf(hidden);
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden layers need at least one unit, got " + hidden);
            }
        }
        if (epochs < 1 || batchSize < 1 || l2 < 0 || patience < 0 || !(validation >= 0 && validation < 1)) {
            throw new IllegalArgumentException("mlp settings out of range: epochs " + epochs + ", batch size " + batchSize
                    + ", l2 " + l2 + ", patience " + patience + ", validation " + validation);
        }
    }

    /**
     * Settings from the catalog's words and values; {@code hidden} is a list of numbers, one number,
     * or the catalog's written default such as {@code "[32]"}. A value the catalog would not accept is
     * a {@link RunException} naming the model.
     */
    public static MlpSettings of(String model, Object hidden, String activation, String optimizer, double learningRate,
                                 int epochs, int batchSize, double l2, int patience, double validation, long seed) {
        Activation a = Activation.of(activation);
        if (a == null) {
            throw new RunException("mlp `" + model + "`: activation `" + activation + "` is not relu or tanh");
        }
        try {
            return new MlpSettings(layers(model, hidden), a, optimiser(model, optimizer, learningRate), epochs, batchSize,
                    l2, patience, validation, seed);
        } catch (IllegalArgumentException e) {
            throw new RunException("mlp `" + model + "`: " + e.getMessage(), e);
        }
    }

    /** The optimiser for a catalog word: Adam (ours, see {@link AdamOptimiser}), Tribuo's AdaGrad, or plain SGD. */
    static StochasticGradientOptimiser optimiser(String model, String word, double learningRate) {
        return switch (word) {
            case "adam" -> new AdamOptimiser(learningRate);
            case "adagrad" -> new AdaGrad(learningRate);
            case "sgd" -> SGD.getSimpleSGD(learningRate);
            default -> throw new RunException("mlp `" + model + "`: optimizer `" + word + "` is not adam, adagrad or sgd");
        };
    }

    private static List<Integer> layers(String model, Object hidden) {
        List<Integer> out = new ArrayList<>();
        if (hidden instanceof Number n) {
            out.add(units(model, n.doubleValue()));
        } else if (hidden instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Number n)) {
                    throw badHidden(model, hidden);
                }
                out.add(units(model, n.doubleValue()));
            }
        } else if (hidden instanceof String s && s.strip().startsWith("[") && s.strip().endsWith("]")) {
            String inner = s.strip().substring(1, s.strip().length() - 1).strip();
            if (!inner.isEmpty()) {
                for (String part : inner.split(",")) {
                    try {
                        out.add(units(model, Double.parseDouble(part.strip())));
                    } catch (NumberFormatException e) {
                        throw badHidden(model, hidden);
                    }
                }
            }
        } else {
            throw badHidden(model, hidden);
        }
        return out;
    }

    private static int units(String model, double v) {
        if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) {
            throw new RunException("mlp `" + model + "`: a hidden layer needs a whole number of units (at least 1), got " + v);
        }
        return (int) v;
    }

    private static RunException badHidden(String model, Object hidden) {
        return new RunException("mlp `" + model + "`: hidden must list the units of each layer, such as [32, 16]; got " + hidden);
    }
}
