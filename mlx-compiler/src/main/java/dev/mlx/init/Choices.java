package dev.mlx.init;

import dev.mlx.catalog.ColumnType;
import dev.mlx.catalog.Task;
import dev.mlx.check.data.ColumnProfile;
import dev.mlx.check.data.DataProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link Guesser} decided, fixed before a line is written, so every block reads the same
 * answers. Columns are compared by identity: they are the profile's own objects.
 *
 * @param request     what the user asked for
 * @param data        the profile, read with {@code markers}
 * @param markers     the missing-value markers to declare, defaults first
 * @param task        the task, asked for or guessed
 * @param target      the column to predict; null only for clustering without one
 * @param id          the row identifier, or null when no column is known to be unique
 * @param dropped     id-like columns other than the id, in column order: neither id nor feature
 * @param constant    columns with at most one value, in column order: dropped, never encoded
 * @param binary      a classification target with exactly two classes
 * @param positive    the positive class of a binary target, else null
 * @param types       declared types, in column order: the ones a reader should see or inference could get wrong
 * @param dateFormats per date column, its one pattern, or null when values differ (any ISO form)
 */
record Choices(Starter.Request request, DataProfile data, List<String> markers, Task task, ColumnProfile target,
        ColumnProfile id, List<ColumnProfile> dropped, List<ColumnProfile> constant, boolean binary, String positive,
        Map<String, ColumnType> types, Map<String, String> dateFormats) {
    Choices {
        markers = List.copyOf(markers);
        dropped = List.copyOf(dropped);
        constant = List.copyOf(constant);
        // Ordered copies: the text lists them in column order, and a date format may be null.
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        dateFormats = Collections.unmodifiableMap(new LinkedHashMap<>(dateFormats));
    }

    ColumnType typeOf(ColumnProfile c) {
        return types.getOrDefault(c.name(), c.type());
    }

    /** Columns that become features: everything but the id, the target, the id-like and the constant. */
    List<ColumnProfile> features() {
        List<ColumnProfile> out = new ArrayList<>();
        for (ColumnProfile c : data.columns()) {
            if (c != id && c != target && !dropped.contains(c) && !constant.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Whether a feature is free text (vectorised into many sparse columns). */
    boolean hasText() {
        return features().stream().anyMatch(c -> typeOf(c) == ColumnType.TEXT);
    }

    /**
     * About how many columns the models will see: one per number or flag, three per date, one per
     * kept category value, {@link FeaturesBlock#TEXT_TERMS} per text column.
     */
    long width() {
        long w = 0;
        for (ColumnProfile c : features()) {
            w += switch (typeOf(c)) {
                case NUMBER, INTEGER, BOOLEAN -> 1;
                case DATE -> FeaturesBlock.DATE_PARTS.size();
                case CATEGORY -> c.distinctCapped() ? FeaturesBlock.ONEHOT_TOP + 1
                        : Math.min(c.distinct(), FeaturesBlock.ONEHOT_TOP + 1);
                case TEXT -> FeaturesBlock.TEXT_TERMS;
            };
        }
        return w;
    }

    /** The metric models are ranked by. */
    String metric() {
        return switch (task) {
            case CLASSIFICATION -> binary ? "f1" : "macro_f1";
            case REGRESSION -> "rmse";
            case CLUSTERING -> "silhouette";
        };
    }

    /** 20%, or more on tiny data so that the holdout holds at least one row. */
    int holdoutPercent() {
        return data.rows() >= 5 ? 20 : (int) Math.ceil(100.0 / data.rows());
    }

    /**
     * 5, or 3 on tall data (each fold refits every model on most of the rows), or fewer when there
     * are fewer training rows than that.
     */
    int folds() {
        long training = cvOnAllRows() ? data.rows() : (long) Math.floor(data.rows() * (1 - holdoutPercent() / 100.0));
        return (int) Math.min(data.rows() >= TALL ? 3 : 5, training);
    }

    /**
     * {@code split none} below {@link #SMALL} rows: cross-validation on every row, as scikit-learn
     * users do with small tables. Not for clustering (scored on the holdout alone) nor for a target
     * whose every class has one row (no fold could learn the class it scores).
     */
    boolean cvOnAllRows() {
        return task != Task.CLUSTERING && data.rows() >= 2 && data.rows() < SMALL
                && !(task == Task.CLASSIFICATION && target.unique() && !target.distinctCapped());
    }

    /**
     * Below this many rows a table is small: a 20% holdout would be under 200 rows, whose score
     * wavers by about ±0.03 in accuracy (one standard error at 0.85), as much as models differ;
     * five folds over all rows score every row once and train on 80% of them each time.
     */
    static final long SMALL = 1_000;

    /** From this many rows on, a table is tall: fewer folds and a lighter ladder. */
    static final long TALL = 20_000;
}
