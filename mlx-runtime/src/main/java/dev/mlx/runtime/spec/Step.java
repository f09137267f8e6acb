package dev.mlx.runtime.spec;

import java.util.List;
import java.util.Map;

/**
 * One feature step, applied in order and fitted on training rows only. {@code kind} is "drop",
 * "derive" or a transform of the catalog under its canonical name (standardize, normalize, log,
 * clip, impute, onehot, bin, tfidf, bagofwords, dateparts). Options, when present:
 * {@code with} (String "mean"/"median"/"mode", or a constant Double/String), {@code to} and
 * {@code ngrams} (a List of two Doubles: records hold no arrays, so specs compare by value), {@code top}/{@code max}/{@code min}/{@code into} (Integer),
 * {@code parts} (List of String).
 */
public record Step(String kind, List<String> columns, Map<String, Object> options, String derivedName, Expr expr) {
    public Step {
        columns = List.copyOf(columns);
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }

    public static Step drop(List<String> columns) {
        return new Step("drop", columns, Map.of(), null, null);
    }

    public static Step derive(String name, Expr expr) {
        return new Step("derive", List.of(), Map.of(), name, expr);
    }

    public static Step transform(String kind, List<String> columns, Map<String, Object> options) {
        return new Step(kind, columns, options, null, null);
    }
}
