package dev.mlx.diag;

/**
 * Every diagnostic code, grouped by stage: 01 syntax, 02 structure, 03 names from the catalog,
 * 04 the data, 05 machine-learning semantics, 06 warnings, 09 internal. Codes are stable: never
 * renumber, only add. Each has a page under {@code /dev/mlx/diag/explain/}.
 */
public enum Code {
    MLX0101("syntax error", Severity.ERROR),
    MLX0102("block is never closed", Severity.ERROR),
    MLX0103("unterminated string", Severity.ERROR),
    MLX0104("unexpected character", Severity.ERROR),
    MLX0105("unmatched closing brace", Severity.ERROR),
    MLX0106("unterminated quoted name", Severity.ERROR),

    MLX0201("unknown block", Severity.ERROR),
    MLX0202("duplicate block", Severity.ERROR),
    MLX0203("missing required block", Severity.ERROR),
    MLX0204("unknown statement", Severity.ERROR),
    MLX0205("duplicate setting", Severity.ERROR),
    MLX0206("missing required setting", Severity.ERROR),
    MLX0207("duplicate model name", Severity.ERROR),
    MLX0208("unknown parameter", Severity.ERROR),
    MLX0209("bad parameter value", Severity.ERROR),

    MLX0301("unknown task", Severity.ERROR),
    MLX0302("unknown model kind", Severity.ERROR),
    MLX0303("unknown metric", Severity.ERROR),
    MLX0304("unknown transform", Severity.ERROR),
    MLX0305("option not accepted here", Severity.ERROR),
    MLX0306("unknown function", Severity.ERROR),
    MLX0307("unknown choice", Severity.ERROR),
    MLX0311("unknown hyperparameter", Severity.ERROR),
    MLX0312("hyperparameter value of the wrong type", Severity.ERROR),
    MLX0313("hyperparameter value out of range", Severity.ERROR),
    MLX0314("tuning range outside the hyperparameter's domain", Severity.ERROR),

    MLX0401("data source not found", Severity.ERROR),
    MLX0402("data source cannot be read", Severity.ERROR),
    MLX0403("unknown column", Severity.ERROR),
    MLX0404("column used after it was dropped", Severity.ERROR),
    MLX0405("transform on a column of the wrong type", Severity.ERROR),
    MLX0406("declared type does not fit the data", Severity.ERROR),
    MLX0407("column name already taken", Severity.ERROR),
    MLX0408("comparison does not fit the column's type", Severity.ERROR),
    MLX0409("missing values reach the models", Severity.ERROR),
    MLX0410("column reaches the models unencoded", Severity.ERROR),
    MLX0411("data source could run code", Severity.ERROR),
    MLX0412("output path outside the run's folder", Severity.ERROR),
    MLX0413("unknown column kind in a selector", Severity.ERROR),
    MLX0414("`except` names a column the selector does not pick", Severity.ERROR),

    MLX0501("target does not fit the task", Severity.ERROR),
    MLX0502("too many classes", Severity.ERROR),
    MLX0503("positive class not found in the target", Severity.ERROR),
    MLX0504("metric does not fit the task", Severity.ERROR),
    MLX0505("model does not fit the task", Severity.ERROR),
    MLX0506("metric is not computed", Severity.ERROR),
    MLX0507("model is not defined", Severity.ERROR),
    MLX0508("impossible split or folds", Severity.ERROR),
    MLX0509("model gives no probabilities", Severity.ERROR),
    MLX0510("target used as a feature", Severity.ERROR),
    MLX0511("setting does not fit the task", Severity.ERROR),
    MLX0512("value out of range", Severity.ERROR),
    MLX0513("id used in features", Severity.ERROR),
    MLX0514("construct the chosen engine cannot run", Severity.ERROR),

    MLX0601("id-like column used as a feature", Severity.WARNING),
    MLX0602("no baseline model", Severity.WARNING),
    MLX0603("accuracy on an imbalanced target", Severity.WARNING),
    MLX0604("unscaled features for a scale-sensitive model", Severity.WARNING),
    MLX0605("model cannot be exported to ONNX", Severity.WARNING),
    MLX0606("selector picks no columns", Severity.WARNING),
    MLX0607("setting the chosen engine ignores", Severity.WARNING),

    MLX0999("internal error", Severity.ERROR);

    private final String title;
    private final Severity severity;

    Code(String title, Severity severity) {
        this.title = title;
        this.severity = severity;
    }

    public String title() {
        return title;
    }

    public Severity defaultSeverity() {
        return severity;
    }

    public static Code parse(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        if (t.matches("\\d{4}")) {
            t = "MLX" + t;
        }
        try {
            return Code.valueOf(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
