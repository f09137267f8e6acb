package dev.mlx.runtime.result;

import dev.mlx.runtime.result.JsonShape.Nullable;
import dev.mlx.runtime.result.JsonShape.OmitIfNull;
import java.util.List;

/**
 * The online evaluation of a served run, from the feedback store, as numbers: the window it covers,
 * one entry per variant, the test between champion and challenger, the samples a test of 80% power
 * would need and the recommendation with its reason.
 *
 * @param windowStart     the first moment of the window (ISO-8601)
 * @param windowDays      the window's length in days
 * @param store           the feedback store, its password left out
 * @param onlineMetric    the feedback block's {@code online} metric (else the scope's)
 * @param judgedOn        {@code accuracy} (share of correct answers) or {@code mae} (mean absolute
 *                        error); null for clustering
 * @param note            why there is no evaluation (clustering), else null
 * @param variants        the served variants: the selected model, or champion and challenger
 * @param test            the challenger against the champion; null without an A/B test or with
 *                        fewer than two labelled rows in a variant
 * @param samplesNeeded   labelled rows per variant a two-sided 5% test of 80% power needs to detect
 *                        the observed difference; null when unknown
 * @param samplesStillNeeded  {@code samplesNeeded} less the labelled rows of the smaller variant
 * @param samplesUnknown  why the samples needed are unknown (no test yet, no observed difference),
 *                        null when they are known or there is no A/B test
 * @param recommendation  {@code promote}, {@code keep} or {@code wait}; null without an A/B test.
 *                        With a KPI it weighs both: significantly worse on either keeps the champion,
 *                        else significantly better on either promotes, else wait while either waits
 * @param reason          why, in one sentence
 * @param kpi             the business KPI the feedback carried ({@code online METRIC, kpi NAME}); left
 *                        out when none is declared
 */
public record OnlineResults(String windowStart, double windowDays, String store, String onlineMetric, @Nullable String judgedOn,
                            @Nullable String note, List<Variant> variants, @Nullable Test test, @Nullable Long samplesNeeded,
                            @Nullable Long samplesStillNeeded, @Nullable String samplesUnknown, @Nullable String recommendation,
                            @Nullable String reason, @OmitIfNull Kpi kpi) {
    public OnlineResults {
        variants = List.copyOf(variants);
    }

    /** Online results without a KPI. */
    public OnlineResults(String windowStart, double windowDays, String store, String onlineMetric, String judgedOn, String note,
                         List<Variant> variants, Test test, Long samplesNeeded, Long samplesStillNeeded, String samplesUnknown,
                         String recommendation, String reason) {
        this(windowStart, windowDays, store, onlineMetric, judgedOn, note, variants, test, samplesNeeded, samplesStillNeeded,
                samplesUnknown, recommendation, reason, null);
    }

    /**
     * The business KPI, judged like an error: the mean value per variant, Welch's t-test of the
     * challenger's mean against the champion's, the samples needed and the verdict on the KPI alone.
     *
     * @param variants        per variant, the predictions whose feedback carried a value
     * @param test            null without an A/B test or with fewer than two values in a variant
     * @param recommendation  the verdict on the KPI alone; null without an A/B test
     */
    public record Kpi(String name, boolean higherIsBetter, List<KpiVariant> variants, @Nullable Test test,
                      @Nullable Long samplesNeeded, @Nullable Long samplesStillNeeded, @Nullable String samplesUnknown,
                      @Nullable String recommendation, @Nullable String reason) {
        public Kpi {
            variants = List.copyOf(variants);
        }
    }

    /**
     * A variant's KPI: how many predictions carried a value, their mean and total, and the mean's
     * 95% t interval (null when undefined).
     */
    public record KpiVariant(String name, String role, long withValue, @Nullable Double mean, @Nullable Double total,
                             @Nullable Double ciLow, @Nullable Double ciHigh) {
    }

    /**
     * A served model and what its feedback says.
     *
     * @param role        {@code selected}, {@code champion} or {@code challenger}
     * @param predictions predictions it answered (shadow answers not counted)
     * @param labelled    its predictions, shadow ones included, that have a true outcome
     * @param value       accuracy or mean absolute error over the labelled ones; null without any
     * @param ciLow       the 95% interval of {@code value} (Wilson for accuracy, t for MAE); null when undefined
     * @param macroF1     macro F1 over the labelled ones, when the online metric is not accuracy (classification only)
     */
    public record Variant(String name, String role, long predictions, long labelled, @Nullable Double value, @Nullable Double ciLow,
                          @Nullable Double ciHigh, @OmitIfNull Double macroF1) {
    }

    /**
     * A two-sample test of the challenger against the champion.
     *
     * @param kind       {@code two-proportion z-test} or {@code Welch's t-test}
     * @param difference challenger minus champion (accuracy, or mean absolute error)
     * @param ciLow      the difference's 95% interval
     * @param df         degrees of freedom (Welch's test only)
     * @param alpha      the significance level
     */
    public record Test(String kind, double difference, double ciLow, double ciHigh, double statistic, @OmitIfNull Double df,
                       double pValue, double alpha) {
    }
}
