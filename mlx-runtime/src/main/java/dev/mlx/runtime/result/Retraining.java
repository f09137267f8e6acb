package dev.mlx.runtime.result;

import dev.mlx.runtime.result.JsonShape.Nullable;
import dev.mlx.runtime.result.JsonShape.OmitIfNull;

/**
 * One {@code retrain}: what it trained on, how the new run ended, the comparison of the served
 * model with the candidate's, and the decision.
 *
 * @param time          when it ran (ISO-8601)
 * @param outcome       {@code promoted} (exit 0), {@code kept} (exit 4: no feedback, or the new
 *                      model not good enough) or {@code failed} (exit 1: the new run did not pass)
 * @param reason        why, in one sentence
 * @param feedbackRows  labelled feedback rows added to the training data
 * @param dataRows      rows of the experiment's own data
 * @param candidateRun  the new run's status; null when it did not run (no feedback)
 * @param candidateSelected the model the new run selected (its gates are checked on it); null when it did not run
 * @param comparison    the served model against the candidate's; null when there was nothing to compare
 */
public record Retraining(String time, String outcome, String reason, int feedbackRows, int dataRows, @Nullable String candidateRun,
                         @Nullable String candidateSelected, @OmitIfNull Comparison comparison) {

    /**
     * The served model and the candidate's model of the same role, on the same rows, by the
     * experiment's metric; the difference's interval comes from a paired bootstrap of the rows.
     *
     * @param servingModel   the serving run's model that answers requests
     * @param candidateModel the new run's model that would answer them
     * @param role        {@code champion} (the A/B test's champion, the same name in both runs) or
     *                    {@code selected} (each run's selected model, without an A/B test)
     * @param metric      the scope's metric
     * @param higherIsBetter whether a larger value of the metric is better
     * @param rows        the rows compared: the candidate's holdout rows that neither model trained on
     * @param rowsFromFeedback how many of them are feedback rows
     * @param serving     the served model's metric on those rows
     * @param candidate   the candidate's
     * @param difference  candidate minus serving
     * @param ciLow       the difference's 95% interval (percentile bootstrap)
     * @param resamples   bootstrap resamples, seeded by the experiment's seed
     * @param margin      the feedback block's {@code retrain within} margin (0 when not set)
     * @param improvement the gain in the metric's better direction (the difference, or minus it)
     * @param significant true when the whole interval lies on the better side of zero
     * @param notWorse    true when the interval's worse end is within the margin (never with margin 0)
     */
    public record Comparison(String servingModel, String candidateModel, String role, String metric, boolean higherIsBetter, int rows, int rowsFromFeedback,
                             @Nullable Double serving, @Nullable Double candidate, @Nullable Double difference,
                             @Nullable Double ciLow, @Nullable Double ciHigh, int resamples, double margin,
                             @Nullable Double improvement, boolean significant, boolean notWorse) {
    }
}
