package dev.mlx.runtime.features;

import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.result.FeaturesLearned;
import java.io.Serializable;

/**
 * One step of the features block with everything it learned from the training rows. Applying it
 * changes the frame in place; it holds no data, only what it learned.
 */
interface FittedStep extends Serializable {
    void apply(Frame frame);

    /** What the step learned, for run.json and the report. */
    FeaturesLearned.Step describe();

    static Col.Num numbers(Frame frame, String column, String step) {
        Col col = frame.get(column, step);
        if (col instanceof Col.Num num) {
            return num;
        }
        throw wrongType(column, col, step, "numbers");
    }

    static Col.Cat categories(Frame frame, String column, String step) {
        Col col = frame.get(column, step);
        if (col instanceof Col.Cat cat) {
            return cat;
        }
        throw wrongType(column, col, step, "categories or text");
    }

    static RunException wrongType(String column, Col col, String step, String wanted) {
        String has = col instanceof Col.Num ? "numbers"
                : col instanceof Col.Cat c ? (c.bool() ? "true/false values" : "categories or text")
                : col instanceof Col.Time ? "dates"
                : col instanceof Col.OneHot ? "a one-hot encoding" : "an encoded text";
        return new RunException("`" + step + "` needs " + wanted + ", but column `" + column + "` holds " + has
                + " at that point of the features block");
    }
}
