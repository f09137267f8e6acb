package dev.mlx.check;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.Section;
import dev.mlx.ast.Stmt;
import dev.mlx.ast.Value;
import dev.mlx.catalog.ColumnType;
import dev.mlx.catalog.Task;
import dev.mlx.check.data.ColumnProfile;
import dev.mlx.check.data.DataException;
import dev.mlx.check.data.DataProfile;
import dev.mlx.check.data.DataProfiler;
import dev.mlx.check.data.TypeHint;
import dev.mlx.diag.Code;
import dev.mlx.diag.DidYouMean;
import dev.mlx.runtime.data.JdbcSources;
import dev.mlx.source.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The data block: binds the file to the real data, then checks types, id, split and the target. */
final class DataPass {
    static final int MAX_CLASSES = 100;

    private DataPass() {
    }

    static void run(Context ctx) {
        Section data = ctx.experiment.section(BlockKind.DATA);
        if (data == null) {
            return;
        }
        Stmt.CsvSource csv = ctx.experiment.first(BlockKind.DATA, Stmt.CsvSource.class);
        Stmt.JdbcSource jdbc = ctx.experiment.first(BlockKind.DATA, Stmt.JdbcSource.class);
        Stmt.FileSource file = ctx.experiment.first(BlockKind.DATA, Stmt.FileSource.class);
        if (csv == null && jdbc == null && file == null && !(data.body() != null && ctx.overlapsSyntaxError(data.body()))) {
            ctx.report(ctx.error(Code.MLX0206, "the data block has no source")
                    .primary(data.name().span(), "no `source` in this block")
                    .help("add `source csv \"data.csv\"` (relative to this file; also `parquet` or `jsonl`) or `source jdbc \"URL\" query \"SQL\"`"));
        }
        Map<String, TypeHint> declared = declaredTypes(ctx);
        List<String> markers = null;
        Stmt.Missing missing = ctx.experiment.first(BlockKind.DATA, Stmt.Missing.class);
        if (missing != null) {
            markers = new ArrayList<>();
            for (Value.Str s : missing.markers()) {
                markers.add(s.value());
            }
        }
        if (ctx.options.readData() && ctx.options.trust().refuseData(ctx.file) == null) {
            if (csv != null) {
                ctx.data = loadCsv(ctx, csv, markers, declared);
            } else if (jdbc != null) {
                ctx.data = loadJdbc(ctx, jdbc, markers, declared);
            } else if (file != null) {
                ctx.data = loadFile(ctx, file, markers, declared);
            }
        }
        if (ctx.data != null) {
            typesAgainstData(ctx);
        }
        Stmt.Id id = ctx.experiment.first(BlockKind.DATA, Stmt.Id.class);
        if (id != null) {
            ctx.idColumn = id.column().text();
            ctx.requireColumn(id.column(), "the id");
        }
        describe(ctx);
        split(ctx);
        target(ctx);
    }

    /** Every described column exists, is described once, and by some words. */
    private static void describe(Context ctx) {
        Map<String, Stmt.ColumnDoc> seen = new LinkedHashMap<>();
        for (Stmt.Describe d : ctx.experiment.all(BlockKind.DATA, Stmt.Describe.class)) {
            for (Stmt.ColumnDoc doc : d.docs()) {
                ctx.requireColumn(doc.column(), "to describe");
                Stmt.ColumnDoc first = seen.putIfAbsent(doc.column().text(), doc);
                if (first != null) {
                    ctx.report(ctx.error(Code.MLX0205, "`" + doc.column().text() + "` is described twice")
                            .primary(doc.column().span(), "described again here")
                            .secondary(first.column().span(), "first described here")
                            .help("keep one description"));
                }
                if (doc.text().value().isBlank()) {
                    ctx.report(ctx.error(Code.MLX0512, "the description of `" + doc.column().text() + "` is empty")
                            .primary(doc.text().span(), "no words")
                            .help("say what the column means, or leave it out of `describe`"));
                }
                if (doc.unit() != null && doc.unit().value().isBlank()) {
                    ctx.report(ctx.error(Code.MLX0512, "the unit of `" + doc.column().text() + "` is empty")
                            .primary(doc.unit().span(), "no unit")
                            .help("write the unit, such as `in \"g\"`, or leave `in` out"));
                }
            }
        }
    }

    private static Map<String, TypeHint> declaredTypes(Context ctx) {
        Map<String, TypeHint> out = new LinkedHashMap<>();
        for (Stmt.Types types : ctx.experiment.all(BlockKind.DATA, Stmt.Types.class)) {
            for (Stmt.TypeDecl d : types.decls()) {
                ColumnType t = ColumnType.parse(d.type().text());
                if (t == null) {
                    List<String> words = ctx.catalog.choices("type");
                    ctx.report(ctx.error(Code.MLX0307, "unknown column type `" + d.type().text() + "`")
                            .primary(d.type().span(), "not a type")
                            .note("types are " + DidYouMean.list(words))
                            .suggest(d.type().span(), DidYouMean.suggest(d.type().text(), words)));
                    continue;
                }
                String format = null;
                if (d.format() != null) {
                    if (t != ColumnType.DATE) {
                        ctx.report(ctx.error(Code.MLX0512, "only dates take a format")
                                .primary(d.format().span(), "a format for a " + t.word() + " column")
                                .help("remove the format, or declare the column as `date`"));
                        continue;
                    }
                    format = d.format().value();
                    try {
                        DateTimeFormatter.ofPattern(format);
                    } catch (IllegalArgumentException e) {
                        ctx.report(ctx.error(Code.MLX0406, "invalid date format \"" + format + "\"")
                                .primary(d.format().span(), "not a date pattern")
                                .note(e.getMessage())
                                .help("use java.time letters, such as \"yyyy-MM-dd\" or \"dd/MM/yyyy HH:mm\""));
                        format = null;
                    }
                }
                out.put(d.column().text(), new TypeHint(t, format));
            }
        }
        return out;
    }

    private static DataProfile loadCsv(Context ctx, Stmt.CsvSource csv, List<String> markers, Map<String, TypeHint> declared) {
        Path path = DataFiles.resolve(ctx.file, csv.path().value());
        String delimiter = csv.delimiter() == null ? null : csv.delimiter().value();
        if (delimiter != null && delimiter.length() != 1) {
            ctx.report(ctx.error(Code.MLX0512, "a delimiter is one character")
                    .primary(csv.delimiter().span(), "\"" + delimiter + "\" is " + delimiter.length() + " characters"));
            return null;
        }
        if (!Files.exists(path)) {
            ctx.report(ctx.error(Code.MLX0401, "data file not found")
                    .primary(csv.path().span(), "no file at this path")
                    .note("resolved to " + Context.display(path) + " (paths are relative to the folder of the .mlx file)"));
            return null;
        }
        String key = "csv:" + path + ":" + delimiter + ":" + markers + ":" + declared + ":" + DataFiles.stamp(path);
        try {
            return ctx.options.cache().get(key, () -> DataProfiler.csv(path, delimiter, markers, declared));
        } catch (DataException e) {
            ctx.report(ctx.error(e.notFound() ? Code.MLX0401 : Code.MLX0402,
                            e.notFound() ? "data file not found" : "cannot read the data file")
                    .primary(csv.path().span(), e.notFound() ? "no file at this path" : "unreadable")
                    .note(e.getMessage())
                    .note("the file: " + Context.display(path)));
            return null;
        }
    }

    /** A Parquet or JSON Lines file, profiled through the runtime's readers of that format. */
    private static DataProfile loadFile(Context ctx, Stmt.FileSource source, List<String> markers,
                                        Map<String, TypeHint> declared) {
        Path path = DataFiles.resolve(ctx.file, source.path().value());
        if (!Files.exists(path)) {
            ctx.report(ctx.error(Code.MLX0401, "data file not found")
                    .primary(source.path().span(), "no file at this path")
                    .note("resolved to " + Context.display(path) + " (paths are relative to the folder of the .mlx file)"));
            return null;
        }
        boolean parquet = source.format().equals("parquet");
        String key = source.format() + ":" + path + ":" + markers + ":" + declared + ":" + DataFiles.stamp(path);
        try {
            return ctx.options.cache().get(key, () -> parquet ? DataProfiler.parquet(path, markers, declared)
                    : DataProfiler.jsonl(path, markers, declared));
        } catch (DataException e) {
            ctx.report(ctx.error(e.notFound() ? Code.MLX0401 : Code.MLX0402,
                            e.notFound() ? "data file not found" : "cannot read the data file")
                    .primary(source.path().span(), e.notFound() ? "no file at this path"
                            : "unreadable as " + (parquet ? "Parquet" : "JSON Lines"))
                    .note(e.getMessage())
                    .note("the file: " + Context.display(path)));
            return null;
        }
    }

    private static DataProfile loadJdbc(Context ctx, Stmt.JdbcSource jdbc, List<String> markers, Map<String, TypeHint> declared) {
        String url = jdbc.url().value();
        if (!url.startsWith("jdbc:")) {
            ctx.report(ctx.error(Code.MLX0402, "not a JDBC URL")
                    .primary(jdbc.url().span(), "JDBC URLs start with `jdbc:`")
                    .help("for example \"jdbc:sqlite:data/shop.db\" or \"jdbc:postgresql://localhost/shop\""));
            return null;
        }
        JdbcSources.Refusal refused = JdbcSources.refusal(url, jdbc.query().value());
        if (refused != null) {
            refuse(ctx, jdbc, refused);
            return null;
        }
        if (ctx.options.trust().refuseQuery(ctx.file, url, jdbc.query().value()) != null) {
            return null; // the caller (an editor) says why; the rest is checked without the data
        }
        // SQLite paths are relative to the .mlx file, like CSV paths.
        String stamp = "";
        String rest = DataFiles.sqlitePath(url);
        if (rest != null) {
            Path db = DataFiles.resolve(ctx.file, rest);
            if (!Files.exists(db)) {
                ctx.report(ctx.error(Code.MLX0401, "database file not found")
                        .primary(jdbc.url().span(), "no file at this path")
                        .note("resolved to " + Context.display(db) + " (paths are relative to the folder of the .mlx file)"));
                return null;
            }
            url = "jdbc:sqlite:" + db;
            stamp = ":" + DataFiles.stamp(db); // a long-lived cache (the language server) sees the file change
        }
        final String resolved = url;
        try {
            return ctx.options.cache().get("jdbc:" + resolved + ":" + jdbc.query().value() + ":" + markers + ":" + declared + stamp,
                    () -> DataProfiler.jdbc(resolved, jdbc.query().value(), markers, declared));
        } catch (DataException e) {
            ctx.report(ctx.error(Code.MLX0402, "cannot read the data from the database")
                    .primary(jdbc.query().span(), "this query failed")
                    .note(e.getMessage()));
            return null;
        }
    }

    /** A data source that could run code or write files: pointed at the parameter that was refused. */
    private static void refuse(Context ctx, Stmt.JdbcSource jdbc, JdbcSources.Refusal refused) {
        boolean inQuery = refused.parameter().equals("load_extension");
        Value.Str where = inQuery ? jdbc.query() : jdbc.url();
        Span span = where.span();
        int at = where.value().indexOf(refused.parameter());
        String raw = ctx.file.text().substring(span.start(), span.end());
        if (at >= 0 && raw.startsWith("\"" + where.value().substring(0, at))) {
            span = new Span(span.start() + 1 + at, span.start() + 1 + at + refused.parameter().length());
        }
        ctx.report(ctx.error(Code.MLX0411, refused.message())
                .primary(span, inQuery ? "loads native code" : "refused")
                .note("mlx runs this query when it checks the file (and when an editor opens it), so a data "
                        + "source may only read")
                .help(refused.help()));
    }

    private static void typesAgainstData(Context ctx) {
        for (Stmt.Types types : ctx.experiment.all(BlockKind.DATA, Stmt.Types.class)) {
            for (Stmt.TypeDecl d : types.decls()) {
                ColumnProfile c = ctx.requireColumn(d.column(), "in `types`");
                if (c == null || c.badValues() == 0 || ColumnType.parse(d.type().text()) == null) {
                    continue;
                }
                ctx.report(ctx.error(Code.MLX0406, "column `" + c.name() + "` does not hold " + c.type().description()
                                + (d.format() != null ? " in the format \"" + d.format().value() + "\"" : ""))
                        .primary(d.type().span(), c.badValues() + " value" + (c.badValues() == 1 ? "" : "s")
                                + " do not fit")
                        .note("row " + c.badRow() + " holds \"" + c.badExample() + "\"")
                        .note("from its values the column looks like " + c.inferred().description()));
            }
        }
    }

    private static void split(Context ctx) {
        for (Stmt.Split s : ctx.experiment.all(BlockKind.DATA, Stmt.Split.class)) {
            double share = ctx.fraction(s.holdout());
            if (!Double.isNaN(share)) {
                if (s.holdout().unit() != dev.mlx.ast.Unit.PERCENT && !s.holdout().isVariable()) {
                    ctx.report(ctx.error(Code.MLX0508, "write the holdout share as a percentage")
                            .primary(s.holdout().span(), "a bare number")
                            .help("write `" + (share < 1 ? fmt(share * 100) : s.holdout().text()) + "%`"));
                } else if (share <= 0 || share >= 1) {
                    ctx.report(ctx.error(Code.MLX0508, "a holdout of " + s.holdout().text() + s.holdout().unit().text()
                                    + " leaves " + (share <= 0 ? "nothing to test on" : "nothing to train on"))
                            .primary(s.holdout().span(), "must be between 0% and 100%, exclusive")
                            .help("20% is a common choice"));
                } else if (ctx.hasData() && Math.floor(ctx.data.rows() * share) < 1) {
                    ctx.report(ctx.error(Code.MLX0508, "a holdout of " + s.holdout().text() + "% of "
                                    + ctx.data.rows() + " rows is empty")
                            .primary(s.holdout().span(), "no rows to test on"));
                }
            }
            if (s.stratified() && ctx.task != null && ctx.task != Task.CLASSIFICATION) {
                ctx.report(ctx.error(Code.MLX0511, "a stratified split needs classes")
                        .primary(s.stratifiedSpan(), "this is a " + ctx.task.word() + " experiment")
                        .help("remove `stratified`"));
            }
            if (s.orderedBy() != null) {
                ColumnProfile c = ctx.requireColumn(s.orderedBy(), "to order the split by");
                if (c != null && !(c.type() == ColumnType.DATE || c.type().isNumeric())) {
                    ctx.report(ctx.error(Code.MLX0408, "a split is ordered by a date or a number, not "
                                    + c.type().description())
                            .primary(s.orderedBy().span(), "`" + c.name() + "` is " + c.type().description()));
                }
                if (s.stratified()) {
                    ctx.report(ctx.error(Code.MLX0512, "a split cannot be both ordered and stratified")
                            .primary(s.stratifiedSpan(), "remove this")
                            .secondary(s.orderedBy().span(), "the holdout is the latest rows by this column"));
                }
            }
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static void target(Context ctx) {
        if (ctx.target == null) {
            return;
        }
        ColumnProfile c = ctx.requireColumn(ctx.target, "the target");
        if (c == null) {
            return;
        }
        if (c.count() == 0 && ctx.task != Task.CLUSTERING) {
            ctx.report(ctx.error(Code.MLX0501, "target `" + c.name() + "` has no values: it is missing in every row")
                    .primary(ctx.target.span(), "nothing to learn from")
                    .note("rows whose target is missing are set aside before training")
                    .help("choose a target column that holds values"));
            return;
        }
        if (ctx.task == Task.CLASSIFICATION && c.unique() && c.count() > 1 && !c.distinctCapped() && ctx.splitNone() != null
                && c.count() < 20) { // from 20 rows on, MLX0502 (too many classes) says it
            ctx.report(ctx.error(Code.MLX0508, "every class of `" + c.name() + "` has a single row: no fold can learn the class it scores")
                    .primary(ctx.target.span(), c.count() + " rows, " + c.distinct() + " classes")
                    .secondary(ctx.splitNone().span(), "every row is cross-validated")
                    .note("a row's class is in its validation fold and in no training fold, so every score would be 0")
                    .help("choose a target whose classes repeat"));
        }
        if (ctx.task == Task.CLASSIFICATION && c.unique() && c.count() > 1 && !c.distinctCapped()) {
            for (Stmt.Split s : ctx.experiment.all(BlockKind.DATA, Stmt.Split.class)) {
                double share = ctx.fraction(s.holdout());
                // Split.rows takes round(size * share) rows of each class: none of a one-row class below 50%.
                if (s.stratified() && s.orderedBy() == null && share > 0 && share < 0.5) {
                    ctx.report(ctx.error(Code.MLX0508, "a stratified holdout of `" + c.name() + "` is empty")
                            .primary(s.stratifiedSpan(), "every class has a single row")
                            .note("a stratified split sets aside " + s.holdout().text() + s.holdout().unit().text()
                                    + " of each class's rows, and a class of one row keeps it for training")
                            .help("remove `stratified`, or choose a target whose classes repeat"));
                }
            }
        }
        if (ctx.task == Task.REGRESSION && !c.type().isNumeric()) {
            ctx.report(ctx.error(Code.MLX0501, "regression needs a numeric target, and `" + c.name() + "` is "
                            + c.type().description())
                    .primary(ctx.target.span(), "not a number")
                    .note("values such as " + examples(c))
                    .help("use `task classification` to predict categories"));
        }
        if (ctx.task == Task.CLASSIFICATION) {
            long distinct = c.distinct();
            boolean tooMany = distinct > MAX_CLASSES || c.distinctCapped()
                    || (c.count() >= 20 && distinct > c.count() / 2);
            if (tooMany) {
                ctx.report(ctx.error(Code.MLX0502, "target `" + c.name() + "` has " + (c.distinctCapped() ? "over " : "")
                                + distinct + " distinct values: too many classes for classification")
                        .primary(ctx.target.span(), c.type().isNumeric() ? "looks like a continuous number" : "too many classes")
                        .note("classification supports at most " + MAX_CLASSES
                                + " classes, each with several rows to learn from")
                        .help(c.type().isNumeric() ? "use `task regression` to predict a number" : "group rare classes, or choose another target"));
            } else if (distinct < 2 && c.count() > 0) {
                ctx.report(ctx.error(Code.MLX0501, "target `" + c.name() + "` has a single class")
                        .primary(ctx.target.span(), "every row is \"" + (c.top().isEmpty() ? "" : c.top().get(0).value()) + "\"")
                        .note("a classifier needs at least two classes to tell apart"));
            }
            Stmt.Positive positive = ctx.experiment.first(BlockKind.SCOPE, Stmt.Positive.class);
            if (positive != null && c.values() != null && !tooMany) {
                String value = positiveText(positive.value());
                if (value != null && !c.values().contains(value)) {
                    ctx.report(ctx.error(Code.MLX0503, "positive class \"" + value + "\" is not a value of `" + c.name() + "`")
                            .primary(positive.value().span(), "not found in the target")
                            .note("`" + c.name() + "` holds " + DidYouMean.list(c.values().stream().limit(10).toList()))
                            .suggest(positive.value().span(), quoteValue(DidYouMean.suggest(value, c.values()))));
                }
                if (value != null && distinct > 2) {
                    ctx.report(ctx.error(Code.MLX0511, "`positive` needs a binary target, and `" + c.name() + "` has "
                                    + distinct + " classes")
                            .primary(positive.keyword(), "multiclass target")
                            .help("remove `positive`; multiclass metrics are macro-averaged"));
                }
            }
        }
    }

    static String positiveText(Value v) {
        if (v instanceof Value.Str s) {
            return s.value();
        } else if (v instanceof Value.Word w) {
            return w.name().text();
        } else if (v instanceof Value.Num n && !n.quantity().isVariable()) {
            return n.quantity().text();
        } else if (v instanceof Value.Bool b) {
            return String.valueOf(b.value());
        }
        return null;
    }

    private static String quoteValue(String v) {
        return v == null ? null : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String examples(ColumnProfile c) {
        List<String> vals = new ArrayList<>();
        for (ColumnProfile.ValueCount vc : c.top()) {
            if (vals.size() == 3) {
                break;
            }
            vals.add("\"" + vc.value() + "\"");
        }
        return String.join(", ", vals);
    }
}
