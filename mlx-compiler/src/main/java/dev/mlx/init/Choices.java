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
 * @param binary      a classification target with exactly two classes
 * @param positive    the positive class of a binary target, else null
 * @param types       declared types, in column order: the ones a reader should see or inference could get wrong
 * @param dateFormats per date column, its one pattern, or null when values differ (any ISO form)
 */
record Choices(Starter.Request request, DataProfile data, List<String> markers, Task task, ColumnProfile target,
        ColumnProfile id, List<ColumnProfile> dropped, boolean binary, String positive, Map<String, ColumnType> types,
        Map<String, String> dateFormats) {
    Choices {
        markers = List.copyOf(markers);
        dropped = List.copyOf(dropped);
        // Ordered copies: the text lists them in column order, and a date format may be null.
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        dateFormats = Collections.unmodifiableMap(new LinkedHashMap<>(dateFormats));
    }

    ColumnType typeOf(ColumnProfile c) {
        return types.getOrDefault(c.name(), c.type());
    }

    /** Columns that become features: everything but the id, the target and the dropped. */
    List<ColumnProfile> features() {
        List<ColumnProfile> out = new ArrayList<>();
        for (ColumnProfile c : data.columns()) {
            if (c != id && c != target && !dropped.contains(c)) {
                out.add(c);
            }
        }
        return out;
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

    /** 5, or fewer when there are fewer training rows than that. */
    int folds() {
        long training = (long) Math.floor(data.rows() * (1 - holdoutPercent() / 100.0));
        return (int) Math.min(5, training);
    }
}
