package dev.mlx.init;

import dev.mlx.catalog.ColumnType;
import dev.mlx.catalog.Task;
import dev.mlx.check.data.ColumnProfile;
import dev.mlx.check.data.DataException;
import dev.mlx.check.data.DataProfile;
import dev.mlx.check.data.DataProfiler;
import dev.mlx.init.Starter.InitException;
import dev.mlx.init.Starter.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decisions drawn from the data: missing-value markers, the task and its target, the id and
 * the other id-like columns, and the types worth declaring. Steps run in order because each reads
 * the ones before (no id can be the target; the target's type depends on the task).
 */
final class Guesser {
    /** Values that, found in a column, are almost always a missing-value marker. */
    static final List<String> MARKER_CANDIDATES = List.of("?", ".", "-", "--", "N/A", "n/a", "#N/A", "NaN", "nan",
            "null", "NULL");
    /** An integer or category column with at most this many values is a classification target. */
    static final int FEW_CLASSES = 10;
    /** A text column with at most this many values can still be a classification target. */
    static final int MAX_TEXT_CLASSES = 50;

    private final Request request;
    private DataProfile data;
    private List<String> markers;
    private Task task;
    private ColumnProfile target;
    private ColumnProfile id;
    private final Set<ColumnProfile> dropped = new LinkedHashSet<>();
    private final Set<ColumnProfile> constant = new LinkedHashSet<>();
    private boolean binary;
    private String positive;
    private final Map<String, ColumnType> types = new LinkedHashMap<>();
    private final Map<String, String> dateFormats = new LinkedHashMap<>();

    private Guesser(Request request) {
        this.request = request;
    }

    static Choices guess(Request request) throws DataException, InitException {
        Guesser g = new Guesser(request);
        g.readData();
        g.chooseTarget();
        g.chooseId();
        g.chooseConstant();
        g.chooseTypes();
        return new Choices(request, g.data, g.markers, g.task, g.target, g.id, new ArrayList<>(g.dropped),
                new ArrayList<>(g.constant), g.binary, g.positive, g.types, g.dateFormats);
    }

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
     * Id-like columns are identifiers, not features (see {@link IdColumns}). The first one whose
     * values are known to be unique becomes the {@code id}, a named one winning over an unnamed
     * one; the others are dropped. Never the target.
     */
    private void chooseId() {
        for (ColumnProfile c : data.columns()) {
            if (c == target || !IdColumns.looksLikeId(c)) {
                continue;
            }
            if (IdColumns.unique(c) && (id == null || (IdColumns.isNamedId(c) && !IdColumns.isNamedId(id)))) {
                id = c;
            }
            dropped.add(c);
        }
        dropped.remove(id);
        for (ColumnProfile c : data.columns()) {
            if (c != target && c != id && c.count() == 0) {
                dropped.add(c); // missing in every row: nothing to learn from, nothing to fill it with
            }
        }
    }

    /**
     * Columns with one value or none (blank pixels, a flag nobody set): they tell the models
     * nothing, and scaling one divides by a zero spread, so they are dropped rather than encoded.
     */
    private void chooseConstant() {
        for (ColumnProfile c : data.columns()) {
            if (c != target && c != id && !dropped.contains(c) && !c.distinctCapped() && c.distinct() <= 1) {
                constant.add(c);
            }
        }
    }

    /** Declares what a reader should see and inference could get wrong: categories, text, dates. */
    private void chooseTypes() {
        for (ColumnProfile c : data.columns()) {
            if (c == id || dropped.contains(c) || constant.contains(c)) {
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
}
