package dev.mlx.init;

import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.ColumnType;
import dev.mlx.catalog.MetricSpec;
import dev.mlx.catalog.ModelSpec;
import dev.mlx.catalog.Task;
import dev.mlx.check.data.ColumnProfile;
import dev.mlx.check.data.DataException;
import dev.mlx.check.data.DataProfile;
import dev.mlx.check.data.DataProfiler;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a starter experiment from a CSV file: reads its profile, guesses the task from the target,
 * and fills every section with choices the data supports. The result is a first draft to edit, so
 * it prefers plain, readable statements over clever ones.
 */
public final class Starter {
    /** Values that, found in a column, are almost always a missing-value marker. */
    static final List<String> MARKER_CANDIDATES = List.of("?", ".", "-", "--", "N/A", "n/a", "#N/A", "NaN", "nan",
            "null", "NULL");
    /** An integer or category column with at most this many values is a classification target. */
    static final int FEW_CLASSES = 10;
    /** A text column with at most this many values can still be a classification target. */
    static final int MAX_TEXT_CLASSES = 50;
    /** Categories with more values than this are one-hot encoded on their most frequent ones only. */
    static final int ONEHOT_TOP = 20;
    /** Calendar parts taken from each date column. */
    static final List<String> DATE_PARTS = List.of("year", "month", "weekday");

    private static final Pattern IDENT = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");
    /** Words that cannot stand as a column name in every position (see MlxParser.name and expr). */
    private static final Set<String> RESERVED = Set.of("true", "false", "rows");

    /** What the user asked for. {@code baseDir} is the folder paths in the file are relative to. */
    public record Request(Path data, String target, Task task, Path baseDir) {
    }

    /** The file text and a one-line account of what was guessed. */
    public record Result(String text, String summary) {
    }

    /** A request the data cannot satisfy: unknown target, a target that fits no task. */
    public static final class InitException extends Exception {
        private static final long serialVersionUID = 1L;

        public InitException(String message) {
            super(message);
        }
    }

    private final Request request;
    private final Catalog catalog = Catalog.get();
    private DataProfile data;
    private List<String> markers;
    private Task task;
    private ColumnProfile target;
    private ColumnProfile id;
    /** Id-like columns other than the id: not features either. */
    private final Set<ColumnProfile> dropped = new LinkedHashSet<>();
    private boolean binary;
    private String positive;
    private final Map<String, ColumnType> types = new LinkedHashMap<>();
    private final Map<String, String> dateFormats = new LinkedHashMap<>();

    private Starter(Request request) {
        this.request = request;
    }

    public static Result write(Request request) throws DataException, InitException {
        return new Starter(request).run();
    }

    private Result run() throws DataException, InitException {
        readData();
        chooseTarget();
        chooseId();
        chooseTypes();
        String text = render();
        String what = switch (task) {
            case CLASSIFICATION -> (binary ? "binary" : "multiclass") + " classification of `" + target.name() + "`";
            case REGRESSION -> "regression of `" + target.name() + "`";
            case CLUSTERING -> "clustering";
        };
        return new Result(text, what + ", " + data.columns().size() + " columns, " + data.rows() + " rows");
    }

    // ------------------------------------------------------------------ reading

    private void readData() throws DataException, InitException {
        data = DataProfiler.csv(request.data(), null, null, null);
        markers = new ArrayList<>(DataProfiler.DEFAULT_MISSING);
        Set<String> seen = new LinkedHashSet<>();
        for (String candidate : MARKER_CANDIDATES) {
            for (ColumnProfile c : data.columns()) {
                if (contains(c, candidate)) {
                    seen.add(candidate);
                }
            }
        }
        if (!seen.isEmpty()) {
            markers.addAll(seen);
            data = DataProfiler.csv(request.data(), null, markers, null);
        }
        if (data.rows() < 2) {
            throw new InitException("`" + request.data() + "` has " + (data.rows() == 0 ? "a header but no rows"
                    : "only one row") + ": init needs rows to guess from, and a model needs rows to learn from");
        }
    }

    private static boolean contains(ColumnProfile c, String value) {
        if (c.values() != null) {
            return c.values().contains(value);
        }
        return c.top().stream().anyMatch(v -> v.value().equals(value));
    }

    private void chooseTarget() throws InitException {
        String name = request.target();
        if (name != null) {
            target = data.column(name);
            if (target == null) {
                String hint = "";
                for (String n : data.names()) {
                    if (n.equalsIgnoreCase(name)) {
                        hint = "; did you mean `" + n + "`?";
                    }
                }
                throw new InitException("no column `" + name + "` in `" + request.data().getFileName() + "`" + hint
                        + " (columns: " + String.join(", ", data.names()) + ")");
            }
        }
        task = request.task() != null ? request.task() : guessTask();
        if (task == Task.CLUSTERING) {
            return;
        }
        if (target == null) {
            throw new InitException("--target is required for " + task.word() + " (name the column to predict)");
        }
        ColumnType t = target.type();
        if (task == Task.REGRESSION && !t.isNumeric()) {
            throw new InitException("regression needs a numeric target, and `" + target.name() + "` is "
                    + t.description() + " (use --task classification)");
        }
        if (task == Task.CLASSIFICATION) {
            if (target.distinctCapped() || target.values() == null) {
                throw new InitException("`" + target.name() + "` has more than " + DataProfiler.MAX_TRACKED
                        + " distinct values: too many classes to classify (use --task regression for a number)");
            }
            if (target.distinct() < 2) {
                throw new InitException("`" + target.name() + "` has " + (target.distinct() == 0 ? "no values"
                        : "only one value") + ": there is nothing to predict");
            }
            binary = target.distinct() == 2;
            if (binary) {
                positive = minority(target);
            }
        }
    }

    private Task guessTask() throws InitException {
        if (target == null) {
            throw new InitException("--target is required: name the column to predict (or use --task clustering)");
        }
        return switch (target.type()) {
            case BOOLEAN, CATEGORY -> Task.CLASSIFICATION;
            case INTEGER -> !target.distinctCapped() && target.distinct() <= FEW_CLASSES ? Task.CLASSIFICATION
                    : Task.REGRESSION;
            case NUMBER -> Task.REGRESSION;
            case TEXT -> {
                if (!target.distinctCapped() && target.distinct() <= MAX_TEXT_CLASSES) {
                    yield Task.CLASSIFICATION;
                }
                throw new InitException("`" + target.name() + "` looks like free text (" + target.distinct()
                        + (target.distinctCapped() ? "+" : "") + " distinct values), not a label or a number to predict");
            }
            case DATE -> throw new InitException("`" + target.name() + "` is a date: predict a label or a number instead");
        };
    }

    /** The rarer of two classes; on a tie, the later in value order (`yes` over `no`, 1 over 0). */
    private static String minority(ColumnProfile c) {
        List<String> values = new ArrayList<>(c.values());
        long first = count(c, values.get(0));
        long second = count(c, values.get(1));
        return first < second ? values.get(0) : values.get(1);
    }

    private static long count(ColumnProfile c, String value) {
        return c.top().stream().filter(v -> v.value().equals(value)).mapToLong(ColumnProfile.ValueCount::count)
                .findFirst().orElse(0);
    }

    /**
     * Id-like columns are identifiers, not features: named {@code id}, {@code *_id}, {@code uuid},
     * {@code key}, or with every value different (an integer or a code; an integer counting rows
     * past the distinct-value cap too). The first one whose values are known to be unique becomes
     * the {@code id}; the others are dropped. Never the target.
     */
    private void chooseId() {
        for (ColumnProfile c : data.columns()) {
            if (c == target || !looksLikeId(c)) {
                continue;
            }
            if (unique(c) && (id == null || (isNamedId(c) && !isNamedId(id)))) {
                id = c;
            }
            dropped.add(c);
        }
        dropped.remove(id);
    }

    static boolean isNamedId(ColumnProfile c) {
        String n = c.name().toLowerCase(Locale.ROOT);
        return n.equals("id") || n.endsWith("_id") || n.endsWith(" id") || n.equals("uuid") || n.equals("key");
    }

    private static boolean looksLikeId(ColumnProfile c) {
        boolean allDistinct = c.count() >= 20 && c.missing() == 0 && !c.distinctCapped() && c.distinct() == c.count()
                && (c.type() == ColumnType.INTEGER || c.type() == ColumnType.CATEGORY);
        return isNamedId(c) || allDistinct || counting(c);
    }

    /** Values known to be all different, with none missing. */
    private static boolean unique(ColumnProfile c) {
        return c.missing() == 0 && c.count() > 0
                && ((!c.distinctCapped() && c.distinct() == c.count()) || counting(c));
    }

    /** An integer column that numbers the rows: no gaps, no repeats that the cap could hide. */
    private static boolean counting(ColumnProfile c) {
        return c.type() == ColumnType.INTEGER && c.missing() == 0 && c.min() != null && c.count() >= 20
                && c.max() - c.min() + 1 == c.count() && (c.distinctCapped() || c.distinct() == c.count());
    }

    /** Declares what a reader should see and inference could get wrong: categories, text, dates. */
    private void chooseTypes() {
        for (ColumnProfile c : data.columns()) {
            if (c == id || dropped.contains(c)) {
                continue;
            }
            ColumnType t = c.type();
            if (c == target && task == Task.CLASSIFICATION && t != ColumnType.BOOLEAN) {
                t = ColumnType.CATEGORY; // a class label, even when it reads as a number
            }
            if (t == ColumnType.CATEGORY || t == ColumnType.TEXT || t == ColumnType.DATE) {
                types.put(c.name(), t);
            }
            if (t == ColumnType.DATE) {
                dateFormats.put(c.name(), datePattern(c));
            }
        }
    }

    /** The pattern every seen value has, or null (ISO, any of the forms) when they differ. */
    private static String datePattern(ColumnProfile c) {
        Set<Integer> lengths = new LinkedHashSet<>();
        (c.values() != null ? c.values() : c.top().stream().map(ColumnProfile.ValueCount::value).toList())
                .forEach(v -> lengths.add(v.length()));
        if (lengths.size() != 1) {
            return null;
        }
        return switch (lengths.iterator().next()) {
            case 10 -> "yyyy-MM-dd";
            case 16 -> "yyyy-MM-dd'T'HH:mm";
            case 19 -> "yyyy-MM-dd'T'HH:mm:ss";
            default -> null;
        };
    }

    private ColumnType typeOf(ColumnProfile c) {
        return types.getOrDefault(c.name(), c.type());
    }

    /** Columns that become features: everything but the id and the target. */
    private List<ColumnProfile> features() {
        List<ColumnProfile> out = new ArrayList<>();
        for (ColumnProfile c : data.columns()) {
            if (c != id && c != target && !dropped.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ writing

    private String render() {
        Writer w = new Writer();
        String name = experimentName();
        w.line("// A starter experiment written by `mlx init` from " + request.data().getFileName() + " ("
                + data.rows() + (data.sampled() ? "+" : "") + " rows, " + data.columns().size() + " columns).");
        w.line("// Every choice below is a first guess from the data: read it, change it, run `mlx check`.");
        w.line("experiment " + name + " " + str(question()) + " {");
        scope(w);
        data(w);
        review(w);
        checks(w);
        features(w);
        inspect(w);
        String[] models = models(w);
        evaluate(w, models);
        if (task != Task.CLUSTERING) {
            w.block("explain", "importance permutation top 10");
        }
        w.block("deploy", "export tribuo " + str("out/" + name + ".tribuo"), "serve port 8080");
        w.line("");
        w.line("  report " + str("out/" + name + ".html"));
        w.line("}");
        return w.toString();
    }

    private String question() {
        return switch (task) {
            case CLASSIFICATION -> binary
                    ? "Which rows have " + target.name() + " \"" + positive + "\"?"
                    : "Which " + target.name() + " does each row belong to?";
            case REGRESSION -> "How well can we predict " + target.name() + " from the other columns?";
            case CLUSTERING -> "Which natural groups do the rows fall into?";
        };
    }

    private String experimentName() {
        String file = request.data().getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String s = stem.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_]+", "_").replaceAll("_+", "_")
                .replaceAll("^_|_$", "");
        if (s.isEmpty()) {
            return "experiment_1";
        }
        if (!Character.isLetter(s.codePointAt(0))) {
            s = "data_" + s;
        }
        return RESERVED.contains(s) ? s + "_data" : s;
    }

    private void scope(Writer w) {
        List<String> lines = new ArrayList<>();
        lines.add("task " + task.word());
        if (target != null) {
            lines.add("target " + name(target.name()));
        }
        if (positive != null) {
            lines.add("positive " + str(positive));
        }
        String metric = metric();
        lines.add("metric " + metric);
        lines.add(switch (task) {
            case CLASSIFICATION -> "// require " + metric + " >= 0.8 on cv    // a release gate: the run fails below it";
            case REGRESSION -> "// require r2 >= 0.7 on cv    // a release gate: the run fails below it";
            case CLUSTERING -> "// require silhouette >= 0.25    // a release gate: the run fails below it";
        });
        w.block("scope", lines.toArray(String[]::new));
    }

    private String metric() {
        return switch (task) {
            case CLASSIFICATION -> binary ? "f1" : "macro_f1";
            case REGRESSION -> "rmse";
            case CLUSTERING -> "silhouette";
        };
    }

    private void data(Writer w) {
        List<String> lines = new ArrayList<>();
        String source = "source csv " + str(relativePath());
        String delimiter = delimiter();
        if (!delimiter.equals(",")) {
            source += " delimiter " + str(delimiter);
        }
        lines.add(source);
        if (id != null) {
            lines.add("id " + name(id.name()));
        }
        if (!types.isEmpty()) {
            List<String> decls = new ArrayList<>();
            types.forEach((col, t) -> {
                String format = dateFormats.get(col);
                decls.add(name(col) + ": " + t.word() + (format == null ? "" : " " + str(format)));
            });
            String inline = "types { " + String.join(", ", decls) + " }";
            if (decls.size() <= 3 && inline.length() <= 80) {
                lines.add(inline);
            } else {
                lines.add("types {");
                decls.forEach(d -> lines.add("  " + d));
                lines.add("}");
            }
        }
        lines.add("missing " + String.join(", ", markers.stream().map(Starter::str).toList()));
        lines.add("split holdout " + holdoutPercent() + "%" + (task == Task.CLASSIFICATION ? " stratified" : "") + " seed 42");
        w.block("data", lines.toArray(String[]::new));
    }

    private String delimiter() {
        try {
            return DataProfiler.detectDelimiter(request.data());
        } catch (DataException e) {
            return ","; // the file was just read; if it cannot be read again the check will say so
        }
    }

    private String relativePath() {
        Path file = request.data().toAbsolutePath().normalize();
        Path base = request.baseDir().toAbsolutePath().normalize();
        Path rel;
        try {
            rel = file.getRoot() != null && file.getRoot().equals(base.getRoot()) ? base.relativize(file) : file;
        } catch (IllegalArgumentException e) {
            rel = file;
        }
        return rel.toString().replace(java.io.File.separatorChar, '/');
    }

    private void review(Writer w) {
        List<String> lines = new ArrayList<>();
        lines.add("summary");
        boolean numeric = data.columns().stream().anyMatch(c -> c != id && typeOf(c).isNumeric());
        if (numeric) {
            lines.add("outliers iqr 1.5");
            lines.add("correlations");
        }
        if (task == Task.CLASSIFICATION) {
            lines.add("balance");
        }
        w.block("review", lines.toArray(String[]::new));
    }

    private void checks(Writer w) {
        List<String> lines = new ArrayList<>();
        lines.add("rows >= " + roughHalf(data.rows()));
        for (ColumnProfile c : data.columns()) {
            if (c != id && typeOf(c).isNumeric() && c.missing() > 0) {
                double observed = 100.0 * c.missing() / (c.missing() + c.count());
                long allowed = Math.min(100, (long) Math.ceil(observed * 1.25) + 1);
                lines.add("missing(" + name(c.name()) + ") <= " + allowed + "%");
            }
        }
        for (ColumnProfile c : data.columns()) {
            if (c != id && !dropped.contains(c) && typeOf(c).isNumeric() && c.min() != null) {
                lines.add(name(c.name()) + " in " + range(c, typeOf(c) == ColumnType.INTEGER));
            }
        }
        for (ColumnProfile c : data.columns()) {
            if (typeOf(c) == ColumnType.CATEGORY && c.values() != null && !c.values().isEmpty()
                    && c.values().size() <= 10) {
                lines.add(name(c.name()) + " in {" + String.join(", ", c.values().stream().map(Starter::str).toList())
                        + "}");
            }
        }
        if (id != null) {
            lines.add("unique " + name(id.name()));
        }
        w.block("checks", lines.toArray(String[]::new));
    }

    /** About half the rows, rounded down to two significant digits: a floor that catches a truncated file. */
    static long roughHalf(long rows) {
        long half = Math.max(1, rows / 2);
        long step = 1;
        while (half / step >= 100) {
            step *= 10;
        }
        return half / step * step;
    }

    /** The observed range widened by 10% each side, rounded outwards; never below 0 for a column that is not. */
    static String range(ColumnProfile c, boolean integer) {
        double min = c.min();
        double max = c.max();
        double width = max - min;
        double pad = width > 0 ? width * 0.1 : Math.max(1, Math.abs(min) * 0.1);
        double lo = min - pad;
        double hi = max + pad;
        if (min >= 0 && lo < 0) {
            lo = 0;
        }
        // Two significant digits of the width: 1613..5140 reads better as 1200..5500 than 1260..5493.
        int exponent = (int) Math.floor(Math.log10(width > 0 ? width : pad)) - 1;
        BigDecimal step = BigDecimal.ONE.scaleByPowerOfTen(integer ? Math.max(0, exponent) : exponent);
        BigDecimal l = BigDecimal.valueOf(lo).divide(step, 0, RoundingMode.FLOOR).multiply(step);
        BigDecimal h = BigDecimal.valueOf(hi).divide(step, 0, RoundingMode.CEILING).multiply(step);
        return plain(l) + ".." + plain(h);
    }

    private static String plain(BigDecimal d) {
        String s = d.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private void features(Writer w) {
        List<String> lines = new ArrayList<>();
        List<String> drop = new ArrayList<>();
        if (id != null) {
            drop.add(name(id.name()));
        }
        dropped.forEach(c -> drop.add(name(c.name())));
        if (!drop.isEmpty()) {
            lines.add("drop " + String.join(", ", drop));
        }
        List<ColumnProfile> features = features();
        List<String> medians = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        List<String> blanks = new ArrayList<>();
        List<String> numeric = new ArrayList<>();
        List<String> fewCategories = new ArrayList<>();
        List<String> manyCategories = new ArrayList<>();
        List<String> text = new ArrayList<>();
        List<String> dates = new ArrayList<>();
        for (ColumnProfile c : features) {
            String n = name(c.name());
            ColumnType t = typeOf(c);
            if (c.missing() > 0) {
                (t.isNumeric() ? medians : t == ColumnType.TEXT ? blanks : modes).add(n);
            }
            switch (t) {
                case NUMBER, INTEGER -> numeric.add(n);
                case CATEGORY -> (c.distinctCapped() || c.distinct() > ONEHOT_TOP ? manyCategories : fewCategories).add(n);
                case TEXT -> text.add(n);
                case DATE -> dates.add(c.name());
                case BOOLEAN -> { } // used as 0/1 as it is
            }
        }
        if (!medians.isEmpty()) {
            lines.add("impute " + String.join(", ", medians) + " with median");
        }
        if (!modes.isEmpty()) {
            lines.add("impute " + String.join(", ", modes) + " with mode");
        }
        if (!blanks.isEmpty()) {
            lines.add("impute " + String.join(", ", blanks) + " with \"\"");
        }
        // Date parts are numbers too: scale them with the rest for the scale-sensitive models.
        for (String d : dates) {
            lines.add("dateparts " + name(d) + " -> " + String.join(", ", DATE_PARTS));
            DATE_PARTS.forEach(part -> numeric.add(name(d + "_" + part)));
        }
        if (!numeric.isEmpty()) {
            lines.add("standardize " + String.join(", ", numeric));
        }
        if (!fewCategories.isEmpty()) {
            lines.add("onehot " + String.join(", ", fewCategories));
        }
        if (!manyCategories.isEmpty()) {
            lines.add("onehot " + String.join(", ", manyCategories) + " top " + ONEHOT_TOP);
        }
        text.forEach(n -> lines.add("tfidf " + n + " max 1000"));
        if (lines.isEmpty()) {
            return;
        }
        w.block("features", lines.toArray(String[]::new));
    }

    private void inspect(Writer w) {
        if (task == Task.CLUSTERING) {
            w.block("inspect", "no missing", "no constant");
        } else {
            w.block("inspect", "no missing", "no constant", "leakage below 0.95");
        }
    }

    /** One rung of the ladder: kind, name, hyperparameters as written. */
    private record Rung(String kind, String name, Map<String, String> params) {
    }

    /** Writes the ladder; returns the kinds written. */
    private String[] models(Writer w) {
        List<Rung> ladder = new ArrayList<>();
        if (task == Task.CLUSTERING) {
            ladder.add(new Rung("kmeans", "km", Map.of("k", "2..8")));
        } else {
            ladder.add(new Rung("baseline", "base", Map.of()));
            ladder.add(new Rung(task == Task.REGRESSION ? "linear" : "logistic", "lr", Map.of("epochs", "50")));
            ladder.add(new Rung("cart", "tree", Map.of("max_depth", "6")));
            ladder.add(new Rung("forest", "rf", Map.of("trees", "200")));
            ladder.add(new Rung("xgboost", "xgb", ordered("trees", "200", "max_depth", "6")));
            ladder.add(new Rung("mlp", "net", ordered("hidden", "[32]", "epochs", "50")));
        }
        List<String> lines = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (Rung r : ladder) {
            ModelSpec spec = catalog.model(r.kind());
            if (spec == null || !spec.tasks().contains(task)) {
                continue;
            }
            List<String> params = new ArrayList<>();
            r.params().forEach((p, v) -> {
                if (spec.param(p) != null) {
                    params.add(p + " " + v);
                }
            });
            lines.add(r.kind() + " " + r.name() + (params.isEmpty() ? "" : " { " + String.join(", ", params) + " }"));
            kinds.add(r.kind());
        }
        w.block("models", lines.toArray(String[]::new));
        return kinds.toArray(String[]::new);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private void evaluate(Writer w, String[] kinds) {
        boolean probabilities = true;
        for (String k : kinds) {
            probabilities &= catalog.model(k).probabilistic();
        }
        List<String> wanted = switch (task) {
            case CLASSIFICATION -> binary
                    ? List.of("accuracy", "balanced_accuracy", "precision", "recall", "f1", "auc")
                    : List.of("accuracy", "balanced_accuracy", "macro_f1", "weighted_f1", "auc");
            case REGRESSION -> List.of("rmse", "mae", "r2");
            case CLUSTERING -> List.of("silhouette", "wcss");
        };
        List<String> metrics = new ArrayList<>();
        for (String m : wanted) {
            MetricSpec spec = catalog.metric(m);
            if (spec != null && spec.tasks().contains(task) && (probabilities || !spec.needsProbabilities())
                    && (!spec.needsLabels() || target != null)) {
                metrics.add(m);
            }
        }
        List<String> lines = new ArrayList<>();
        if (task != Task.CLUSTERING) {
            int folds = folds();
            lines.add(folds >= 2 ? "cv " + folds + " folds" + (task == Task.CLASSIFICATION ? " stratified" : "") : "holdout");
        }
        lines.add("metrics " + String.join(", ", metrics));
        lines.add("select best by " + metric());
        w.block("evaluate", lines.toArray(String[]::new));
    }

    /** 20%, or more on tiny data so that the holdout holds at least one row. */
    private int holdoutPercent() {
        return data.rows() >= 5 ? 20 : (int) Math.ceil(100.0 / data.rows());
    }

    /** 5, or fewer when there are fewer training rows than that. */
    private int folds() {
        long training = (long) Math.floor(data.rows() * (1 - holdoutPercent() / 100.0));
        return (int) Math.min(5, training);
    }

    // ------------------------------------------------------------------ names and strings

    /** A column name as the language reads it: bare when it is a plain identifier, else in backticks. */
    public static String name(String column) {
        if (IDENT.matcher(column).matches() && !RESERVED.contains(column)) {
            return column;
        }
        return "`" + escape(column, '`') + "`";
    }

    /** A double-quoted string literal. */
    public static String str(String text) {
        return "\"" + escape(text, '"') + "\"";
    }

    private static String escape(String s, char quote) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == quote) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    /** Two-space indentation, one statement per line, blocks in order. */
    private static final class Writer {
        private final StringBuilder sb = new StringBuilder();
        private int blocks;

        void line(String s) {
            sb.append(s).append('\n');
        }

        void block(String keyword, String... statements) {
            if (blocks++ > 0) {
                line("");
            }
            line("  " + keyword + " {");
            for (String s : statements) {
                line("    " + s);
            }
            line("  }");
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
