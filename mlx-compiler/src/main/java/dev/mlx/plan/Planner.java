package dev.mlx.plan;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.Condition;
import dev.mlx.ast.ExperimentNode;
import dev.mlx.ast.ExprNode;
import dev.mlx.ast.Name;
import dev.mlx.ast.Quantity;
import dev.mlx.ast.Range;
import dev.mlx.ast.Section;
import dev.mlx.ast.Stmt;
import dev.mlx.ast.Unit;
import dev.mlx.ast.Value;
import dev.mlx.catalog.Builtin;
import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.ColumnType;
import dev.mlx.catalog.CorrelationMethod;
import dev.mlx.catalog.DatePart;
import dev.mlx.catalog.ExportFormat;
import dev.mlx.catalog.ImportanceMethod;
import dev.mlx.catalog.ImputeStatistic;
import dev.mlx.catalog.MeasuredOn;
import dev.mlx.catalog.ModelSpec;
import dev.mlx.catalog.OutlierMethod;
import dev.mlx.catalog.ParamSpec;
import dev.mlx.catalog.Percentile;
import dev.mlx.catalog.PlotKind;
import dev.mlx.catalog.SearchMethod;
import dev.mlx.catalog.StoreKind;
import dev.mlx.catalog.Task;
import dev.mlx.catalog.TransformSpec;
import dev.mlx.catalog.UnknownPolicy;
import dev.mlx.check.CheckResult;
import dev.mlx.check.data.ColumnProfile;
import dev.mlx.runtime.spec.ArithmeticOp;
import dev.mlx.runtime.spec.Check;
import dev.mlx.runtime.spec.CompareOp;
import dev.mlx.runtime.spec.Data;
import dev.mlx.runtime.spec.Deploy;
import dev.mlx.runtime.spec.Evaluate;
import dev.mlx.runtime.spec.Explain;
import dev.mlx.runtime.spec.Feedback;
import dev.mlx.runtime.spec.Fill;
import dev.mlx.runtime.spec.Inspect;
import dev.mlx.runtime.spec.Model;
import dev.mlx.runtime.spec.Review;
import dev.mlx.runtime.spec.Scope;
import dev.mlx.runtime.spec.Step;
import dev.mlx.runtime.spec.Tune;
import dev.mlx.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lowers a file that checked clean to a {@link Plan}: the typed runtime spec with every default
 * filled in and every word of the file resolved to its enum. Must only be called when the checker
 * reported no errors: it relies on what was checked (a word it parses is one the checker accepted).
 * A number that came from a {@code $parameter} is recorded under its path in the spec (record
 * components and list indexes, as {@code codegen.SpecWriter} walks it), so the generated program
 * reads it at run time.
 */
public final class Planner {
    private final SourceFile file;
    private final ExperimentNode ast;
    private final CheckResult checked;
    private final Catalog catalog = Catalog.get();
    private final Map<String, Double> params = new LinkedHashMap<>();
    private final Map<String, String> uses = new LinkedHashMap<>();
    private Task task;
    private long seed;

    private Planner(SourceFile file, CheckResult checked) {
        this.file = file;
        this.ast = checked.experiment();
        this.checked = checked;
    }

    public static Plan plan(SourceFile file, CheckResult checked, String mlxVersion) {
        return new Planner(file, checked).build(mlxVersion);
    }

    private Plan build(String mlxVersion) {
        checked.parameters().forEach((k, v) -> params.put(k, parseParam(v)));
        seed = (long) (double) params.get("seed");
        Stmt.Task t = ast.first(BlockKind.SCOPE, Stmt.Task.class);
        task = Task.parse(t.task().text());

        Scope scope = scope();
        Data data = data();
        Evaluate evaluate = evaluate(scope);
        dev.mlx.runtime.spec.Experiment exp = new dev.mlx.runtime.spec.Experiment(
                ast.name().text(), ast.question() == null ? null : ast.question().value(),
                new dev.mlx.runtime.spec.Experiment.Source(fileName(), file.text(), sha256(file.text()), mlxVersion),
                scope, data, review(), checks(), features(), inspect(), models(), tunes(evaluate), evaluate, explain(),
                deploy(), feedback(scope), report(), seed);
        uses.put("seed", "seed");
        return new Plan(exp, params, uses);
    }

    private static double parseParam(String text) {
        String t = text.trim();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1);
        }
        t = t.replaceAll("[^0-9eE+\\-._]", "");
        return Double.parseDouble(t.replace("_", ""));
    }

    private String fileName() {
        return file.path() == null ? file.displayPath() : file.path().getFileName().toString();
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- numbers, remembering which came from a parameter

    /** The value of a quantity times {@code scale}; a parameter use is recorded at {@code path}. */
    private double num(Quantity q, String path, double scale) {
        if (q.isVariable()) {
            uses.put(path, scale == 1 ? q.variable() : q.variable() + "*" + scale);
            return params.get(q.variable()) * scale;
        }
        return q.value() * scale;
    }

    private double num(Quantity q, String path) {
        return num(q, path, 1);
    }

    /** A share: percentages become fractions. */
    private double share(Quantity q, String path) {
        return num(q, path, isPercent(q) ? 0.01 : 1);
    }

    /** Written as a percentage, or a parameter whose value is one: {@code holdout = 20%} makes {@code $holdout} 20%. */
    private boolean isPercent(Quantity q) {
        if (q.isVariable()) {
            String text = checked.parameters().get(q.variable());
            return text != null && text.trim().endsWith("%");
        }
        return q.unit() == Unit.PERCENT;
    }

    private double days(Quantity q, String path) {
        return num(q, path, q.unit().isDuration() ? q.unit().millis() / Unit.DAYS.millis() : 1);
    }

    private String text(dev.mlx.source.Span span) {
        return file.text(span).replaceAll("\\s+", " ").trim();
    }

    // ---- blocks

    private Scope scope() {
        Stmt.Target target = ast.first(BlockKind.SCOPE, Stmt.Target.class);
        Stmt.Positive positive = ast.first(BlockKind.SCOPE, Stmt.Positive.class);
        Stmt.Metric metric = ast.first(BlockKind.SCOPE, Stmt.Metric.class);
        boolean cv = ast.first(BlockKind.EVALUATE, Stmt.HoldoutOnly.class) == null;
        List<Scope.Gate> gates = new ArrayList<>();
        int i = 0;
        for (Stmt.Require r : ast.all(BlockKind.SCOPE, Stmt.Require.class)) {
            String path = "scope.gates[" + i++ + "]";
            if (r.latency()) {
                gates.add(new Scope.LatencyGate(text(r.span()), Percentile.parse(r.measure().text()),
                        CompareOp.parse(r.op()), num(r.threshold(), path + ".thresholdMs", r.threshold().unit().millis())));
            } else {
                MeasuredOn on = r.on() != null ? MeasuredOn.parse(r.on().text())
                        : cv ? MeasuredOn.CV : MeasuredOn.HOLDOUT;
                gates.add(new Scope.MetricGate(text(r.span()), r.measure().text(), CompareOp.parse(r.op()),
                        share(r.threshold(), path + ".threshold"), on));
            }
        }
        Scope.Retrain retrain = null;
        Stmt.Retrain r = ast.first(BlockKind.SCOPE, Stmt.Retrain.class);
        if (r != null) {
            retrain = new Scope.Retrain(r.every() == null ? null : days(r.every(), "scope.retrain.everyDays"),
                    r.drift() == null ? null : num(r.drift(), "scope.retrain.drift"));
        }
        String positiveText = positive == null ? null : positiveValue(positive.value());
        Stmt.IntendedUse use = ast.first(BlockKind.SCOPE, Stmt.IntendedUse.class);
        List<String> limitations = ast.all(BlockKind.SCOPE, Stmt.Limitation.class).stream()
                .map(l -> l.text().value().strip()).distinct().toList();
        return new Scope(task, target == null ? null : target.column().text(), positiveText,
                metric != null ? metric.metric().text() : catalog.defaultMetric(task), gates, retrain,
                use == null ? null : use.text().value().strip(), limitations);
    }

    private static String positiveValue(Value v) {
        if (v instanceof Value.Str s) {
            return s.value();
        } else if (v instanceof Value.Word w) {
            return w.name().text();
        } else if (v instanceof Value.Num n) {
            return n.quantity().text();
        } else if (v instanceof Value.Bool b) {
            return String.valueOf(b.value());
        }
        return null;
    }

    private Data data() {
        Stmt.CsvSource csv = ast.first(BlockKind.DATA, Stmt.CsvSource.class);
        Stmt.JdbcSource jdbc = ast.first(BlockKind.DATA, Stmt.JdbcSource.class);
        Stmt.FileSource other = ast.first(BlockKind.DATA, Stmt.FileSource.class);
        Map<String, String> formats = new LinkedHashMap<>();
        for (Stmt.Types types : ast.all(BlockKind.DATA, Stmt.Types.class)) {
            for (Stmt.TypeDecl d : types.decls()) {
                if (d.format() != null) {
                    formats.put(d.column().text(), d.format().value());
                }
            }
        }
        Map<String, Stmt.ColumnDoc> docs = new LinkedHashMap<>();
        for (Stmt.Describe describe : ast.all(BlockKind.DATA, Stmt.Describe.class)) {
            for (Stmt.ColumnDoc d : describe.docs()) {
                docs.putIfAbsent(d.column().text(), d);
            }
        }
        List<Data.Column> columns = new ArrayList<>();
        for (ColumnProfile c : checked.data().columns()) {
            ColumnType type = c.type();
            Stmt.ColumnDoc doc = docs.get(c.name());
            columns.add(new Data.Column(c.name(), type, type == ColumnType.DATE ? formats.get(c.name()) : null,
                    doc == null ? null : doc.text().value(), doc == null || doc.unit() == null ? null : doc.unit().value()));
        }
        Stmt.Missing missing = ast.first(BlockKind.DATA, Stmt.Missing.class);
        List<String> markers = missing == null ? List.of("", "NA") : missing.markers().stream().map(Value.Str::value).toList();
        Stmt.Id id = ast.first(BlockKind.DATA, Stmt.Id.class);
        Stmt.Split split = ast.first(BlockKind.DATA, Stmt.Split.class);
        Data.Split sp;
        if (ast.first(BlockKind.DATA, Stmt.SplitNone.class) != null) {
            sp = Data.Split.none(seed);
        } else if (split == null) {
            sp = new Data.Split(0.2, task == Task.CLASSIFICATION, seed, null);
        } else {
            long splitSeed = seed;
            if (split.seed() instanceof Value.Num n) {
                splitSeed = (long) num(n.quantity(), "data.split.seed");
            }
            sp = new Data.Split(share(split.holdout(), "data.split.holdout"),
                    split.stratified() || (task == Task.CLASSIFICATION && split.orderedBy() == null),
                    splitSeed, split.orderedBy() == null ? null : split.orderedBy().text());
        }
        String path = csv != null ? csv.path().value() : other != null ? other.path().value() : null;
        Data.Format format = other == null ? Data.Format.CSV : Data.Format.valueOf(other.format().toUpperCase(Locale.ROOT));
        return new Data(path, delimiter(csv),
                jdbc == null ? null : jdbc.url().value(), jdbc == null ? null : jdbc.query().value(),
                columns, markers, id == null ? null : id.column().text(), sp, format);
    }

    /** The delimiter as declared, or as detected when the file was checked (the runtime does not guess). */
    private String delimiter(Stmt.CsvSource csv) {
        if (csv == null) {
            return null;
        }
        if (csv.delimiter() != null) {
            return csv.delimiter().value();
        }
        try {
            String d = dev.mlx.check.data.DataProfiler.detectDelimiter(file.directory().resolve(csv.path().value()).normalize());
            return d == null || d.equals(",") ? null : d;
        } catch (dev.mlx.check.data.DataException e) {
            return null; // the check read this file; a failure now surfaces when the program loads it
        }
    }

    private Review review() {
        if (ast.section(BlockKind.REVIEW) == null) {
            return new Review(true, OutlierMethod.IQR, 1.5, List.of(), CorrelationMethod.PEARSON,
                    task == Task.CLASSIFICATION, List.of(), 5);
        }
        Stmt.Outliers o = ast.first(BlockKind.REVIEW, Stmt.Outliers.class);
        Stmt.Correlations c = ast.first(BlockKind.REVIEW, Stmt.Correlations.class);
        Stmt.Quantiles q = ast.first(BlockKind.REVIEW, Stmt.Quantiles.class);
        Stmt.Sample s = ast.first(BlockKind.REVIEW, Stmt.Sample.class);
        List<Review.Plot> plots = new ArrayList<>();
        for (Stmt.Plot p : ast.all(BlockKind.REVIEW, Stmt.Plot.class)) {
            plots.add(new Review.Plot(PlotKind.parse(p.kind().text()), names(p.columns())));
        }
        List<Double> quantiles = new ArrayList<>();
        if (q != null) {
            for (int i = 0; i < q.levels().size(); i++) {
                quantiles.add(share(q.levels().get(i), "review.quantiles[" + i + "]"));
            }
        }
        OutlierMethod method = o == null ? null : OutlierMethod.parse(o.method().text());
        double threshold = o == null ? 0 : o.threshold() != null ? num(o.threshold(), "review.outlierThreshold")
                : method == OutlierMethod.ZSCORE ? 3 : 1.5;
        return new Review(ast.first(BlockKind.REVIEW, Stmt.Summary.class) != null, method, threshold, plots,
                c == null ? null
                        : c.method() == null ? CorrelationMethod.PEARSON : CorrelationMethod.parse(c.method().text()),
                ast.first(BlockKind.REVIEW, Stmt.Balance.class) != null, quantiles,
                s == null ? 0 : (int) num(s.rows(), "review.sample"));
    }

    private static List<String> names(List<Name> names) {
        return names.stream().map(Name::text).toList();
    }

    private List<Check> checks() {
        List<Check> out = new ArrayList<>();
        Section checks = ast.section(BlockKind.CHECKS);
        if (checks == null) {
            return out;
        }
        for (Stmt st : checks.statements()) {
            String path = "checks[" + out.size() + "]";
            if (st instanceof Stmt.UniqueCheck u) {
                out.add(new Check.Unique(text(u.span()), names(u.columns()), u.warn()));
            } else if (st instanceof Stmt.ConditionCheck c) {
                out.add(new Check.Condition(text(c.span()), condition(c.condition(), path + ".condition"), c.warn()));
            }
        }
        return out;
    }

    private dev.mlx.runtime.spec.Expr condition(Condition c, String path) {
        if (c instanceof Condition.Compare cmp) {
            return new dev.mlx.runtime.spec.Expr.Compare(CompareOp.parse(cmp.op()), expr(cmp.left(), path + ".left"),
                    expr(cmp.right(), path + ".right"));
        } else if (c instanceof Condition.InRange r) {
            return new dev.mlx.runtime.spec.Expr.InRange(expr(r.subject(), path + ".subject"),
                    share(r.range().lo(), path + ".lo"), share(r.range().hi(), path + ".hi"), r.negated());
        } else if (c instanceof Condition.InSet s) {
            List<Object> members = new ArrayList<>();
            for (Value v : s.members()) {
                members.add(v instanceof Value.Num n ? (Object) n.quantity().value() : positiveValue(v));
            }
            return new dev.mlx.runtime.spec.Expr.InSet(expr(s.subject(), path + ".subject"), members, s.negated());
        }
        throw new IllegalStateException("unknown condition " + c);
    }

    private dev.mlx.runtime.spec.Expr expr(ExprNode e, String path) {
        if (e instanceof ExprNode.Num n) {
            return new dev.mlx.runtime.spec.Expr.Num(share(n.quantity(), path + ".value"));
        } else if (e instanceof ExprNode.Str s) {
            return new dev.mlx.runtime.spec.Expr.Str(s.value());
        } else if (e instanceof ExprNode.Column c) {
            return new dev.mlx.runtime.spec.Expr.Col(c.name().text());
        } else if (e instanceof ExprNode.Rows) {
            return new dev.mlx.runtime.spec.Expr.Rows();
        } else if (e instanceof ExprNode.Neg n) {
            return new dev.mlx.runtime.spec.Expr.Neg(expr(n.operand(), path + ".operand"));
        } else if (e instanceof ExprNode.Paren p) {
            return expr(p.inner(), path);
        } else if (e instanceof ExprNode.Binary b) {
            return new dev.mlx.runtime.spec.Expr.Arithmetic(ArithmeticOp.parse(b.op()), expr(b.left(), path + ".left"),
                    expr(b.right(), path + ".right"));
        } else if (e instanceof ExprNode.Call call) {
            List<dev.mlx.runtime.spec.Expr> args = new ArrayList<>();
            for (int i = 0; i < call.args().size(); i++) {
                dev.mlx.ast.Argument a = call.args().get(i);
                String ap = path + ".args[" + i + "]";
                args.add(a instanceof Condition c ? condition(c, ap) : expr((ExprNode) a, ap));
            }
            return new dev.mlx.runtime.spec.Expr.Call(Builtin.parse(call.function().text()), args);
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    private List<Step> features() {
        List<Step> out = new ArrayList<>();
        Section features = ast.section(BlockKind.FEATURES);
        if (features == null) {
            return out;
        }
        for (Stmt st : features.statements()) {
            String path = "features[" + out.size() + "]";
            if (st instanceof Stmt.Drop d) {
                out.add(new Step.Drop(names(d.columns())));
            } else if (st instanceof Stmt.Derive d) {
                out.add(new Step.Derive(d.name().text(), expr(d.expr(), path + ".expr")));
            } else if (st instanceof Stmt.Transform t) {
                // A selector that picked nothing (a warning when checked) is a statement that does nothing.
                if (t.selector() == null || !checked.selected(t.selector()).isEmpty()) {
                    out.add(transform(t, path));
                }
            }
        }
        return out;
    }

    /** A transform under its canonical name, its options typed, the absent ones at their defaults. */
    private Step transform(Stmt.Transform t, String path) {
        TransformSpec spec = catalog.transform(t.kind().text());
        List<String> columns = t.selector() != null ? checked.selected(t.selector()) : names(t.columns());
        return switch (spec.name()) {
            case "standardize" -> new Step.Scale(columns, Step.Scaling.STANDARDIZE);
            case "normalize" -> new Step.Scale(columns, Step.Scaling.NORMALIZE);
            case "log" -> new Step.Log(columns);
            case "clip" -> {
                Value.Rng to = (Value.Rng) option(t, "to").value();
                yield new Step.Clip(columns, num(to.range().lo(), path + ".lo"), num(to.range().hi(), path + ".hi"));
            }
            case "impute" -> new Step.Impute(columns, fill(option(t, "with").value(), path + ".fill"));
            case "onehot" -> new Step.OneHot(columns, count(t, "top", 0, path + ".top"),
                    count(t, "min", 1, path + ".min"));
            case "bin" -> new Step.Bin(columns, count(t, "into", 4, path + ".into"));
            case "tfidf", "bagofwords" -> {
                Stmt.Option ngrams = option(t, "ngrams");
                Range range = ngrams == null ? null : ((Value.Rng) ngrams.value()).range();
                Step.Weighting weighting = spec.name().equals("tfidf") ? Step.Weighting.TFIDF : Step.Weighting.COUNTS;
                yield new Step.TextVector(columns, weighting, count(t, "max", 1000, path + ".max"), count(t, "min", 1, path + ".min"),
                        range == null ? 1 : (int) num(range.lo(), path + ".ngramsFrom"),
                        range == null ? 1 : (int) num(range.hi(), path + ".ngramsTo"));
            }
            case "dateparts" -> new Step.DateParts(columns,
                    option(t, "->").names().stream().map(n -> DatePart.parse(n.text())).toList());
            default -> throw new IllegalStateException("a transform the planner does not know: " + spec.name());
        };
    }

    /** The option {@code key} of a transform statement; null when absent. */
    private static Stmt.Option option(Stmt.Transform t, String key) {
        for (Stmt.Option o : t.options()) {
            if (o.key().equals(key)) {
                return o;
            }
        }
        return null;
    }

    /** An integer option (the grammar makes it a number), or {@code dflt} when absent. */
    private int count(Stmt.Transform t, String key, int dflt, String path) {
        Stmt.Option o = option(t, key);
        return o == null ? dflt : (int) num(((Value.Num) o.value()).quantity(), path);
    }

    /**
     * {@code with}: a statistic word, a number, or a text. A quoted statistic ({@code "median"}) has
     * always meant the statistic, and still does; {@code true}/{@code false} fill a true/false column.
     */
    private Fill fill(Value v, String path) {
        if (v instanceof Value.Num n) {
            return new Fill.Number(num(n.quantity(), path + ".value"));
        } else if (v instanceof Value.Word w) {
            return new Fill.Statistic(ImputeStatistic.parse(w.name().text()));
        } else if (v instanceof Value.Bool b) {
            return new Fill.Text(String.valueOf(b.value()));
        }
        String text = ((Value.Str) v).value();
        ImputeStatistic statistic = ImputeStatistic.parse(text);
        return statistic != null ? new Fill.Statistic(statistic) : new Fill.Text(text);
    }

    private Inspect inspect() {
        if (ast.section(BlockKind.INSPECT) == null) {
            return new Inspect(true, false, false, null, null, 5);
        }
        List<Stmt.No> no = ast.all(BlockKind.INSPECT, Stmt.No.class);
        Stmt.Leakage l = ast.first(BlockKind.INSPECT, Stmt.Leakage.class);
        Stmt.Coverage c = ast.first(BlockKind.INSPECT, Stmt.Coverage.class);
        Stmt.Sample s = ast.first(BlockKind.INSPECT, Stmt.Sample.class);
        return new Inspect(no.stream().anyMatch(n -> n.what().equals("missing")),
                no.stream().anyMatch(n -> n.what().equals("constant")),
                no.stream().anyMatch(n -> n.what().equals("duplicates")),
                l == null ? null : share(l.below(), "inspect.leakageBelow"),
                c == null ? null : share(c.atLeast(), "inspect.coverage"),
                s == null ? 0 : (int) num(s.rows(), "inspect.sample"));
    }

    private List<Model> models() {
        List<Model> out = new ArrayList<>();
        List<Stmt.Model> declared = ast.all(BlockKind.MODELS, Stmt.Model.class);
        if (declared.isEmpty()) {
            return switch (task) {
                case CLASSIFICATION -> List.of(new Model("baseline", "baseline", Map.of()),
                        new Model("logistic", "logistic", Map.of()), new Model("forest", "forest", Map.of()));
                case REGRESSION -> List.of(new Model("baseline", "baseline", Map.of()),
                        new Model("linear", "linear", Map.of()), new Model("forest", "forest", Map.of()));
                case CLUSTERING -> List.of(new Model("kmeans", "kmeans", Map.of("k", List.of(2L, 8L))));
            };
        }
        for (Stmt.Model m : declared) {
            ModelSpec spec = catalog.model(m.kind().text());
            String path = "models[" + out.size() + "].params";
            Map<String, Object> ps = new LinkedHashMap<>();
            for (Stmt.HyperParam hp : m.params()) {
                ps.put(hp.name().text(), hyper(spec.param(hp.name().text()), hp.value(), path + "{" + hp.name().text() + "}"));
            }
            out.add(new Model(m.ref().text(), spec.kind(), ps));
        }
        return out;
    }

    private Object hyper(ParamSpec p, Value v, String path) {
        switch (p.type()) {
            case INT:
                return (long) num(((Value.Num) v).quantity(), path);
            case FLOAT:
                return num(((Value.Num) v).quantity(), path);
            case BOOL:
                return ((Value.Bool) v).value();
            case CHOICE:
                return v instanceof Value.Word w ? w.name().text() : ((Value.Str) v).value();
            case INT_LIST: {
                List<Long> items = new ArrayList<>();
                List<Value> vs = ((Value.ListOf) v).items();
                for (int i = 0; i < vs.size(); i++) {
                    items.add((long) num(((Value.Num) vs.get(i)).quantity(), path + "[" + i + "]"));
                }
                return items;
            }
            case INT_OR_RANGE:
                if (v instanceof Value.Rng r) {
                    return List.of((long) num(r.range().lo(), path + "[0]"), (long) num(r.range().hi(), path + "[1]"));
                }
                return (long) num(((Value.Num) v).quantity(), path);
            default:
                throw new IllegalStateException(p.type().toString());
        }
    }

    private List<Tune> tunes(Evaluate evaluate) {
        List<Tune> out = new ArrayList<>();
        for (Stmt.Tune t : ast.all(BlockKind.MODELS, Stmt.Tune.class)) {
            String path = "tunes[" + out.size() + "]";
            List<Tune.Param> ps = new ArrayList<>();
            for (Stmt.TuneParam tp : t.params()) {
                String pp = path + ".params[" + ps.size() + "]";
                if (tp.range() != null) {
                    ps.add(new Tune.Range(tp.name().text(), num(tp.range().lo(), pp + ".lo"),
                            num(tp.range().hi(), pp + ".hi"), tp.log()));
                } else {
                    List<Object> choices = new ArrayList<>();
                    for (Value v : tp.choices().items()) {
                        choices.add(v instanceof Value.Num n ? (Object) n.quantity().value() : positiveValue(v));
                    }
                    ps.add(new Tune.Choices(tp.name().text(), choices));
                }
            }
            int trials = t.trials() == null ? 20 : (int) num(t.trials(), path + ".trials");
            int folds = t.folds() != null ? (int) num(t.folds(), path + ".folds") : evaluate.folds() > 0 ? evaluate.folds() : 5;
            SearchMethod search = t.search() == null ? SearchMethod.RANDOM : SearchMethod.parse(t.search().text());
            out.add(new Tune(t.model().text(), ps, trials, search,
                    t.metric() == null ? evaluate.selectMetric() : t.metric().text(), folds));
        }
        return out;
    }

    private Evaluate evaluate(Scope scope) {
        Stmt.Cv cv = ast.first(BlockKind.EVALUATE, Stmt.Cv.class);
        boolean holdoutOnly = ast.first(BlockKind.EVALUATE, Stmt.HoldoutOnly.class) != null;
        int folds = holdoutOnly ? 0 : cv == null ? 5 : (int) num(cv.folds(), "evaluate.folds");
        boolean stratified = task == Task.CLASSIFICATION && (cv == null || cv.stratified());
        Stmt.Metrics m = ast.first(BlockKind.EVALUATE, Stmt.Metrics.class);
        List<String> metrics = new ArrayList<>(m == null ? catalog.defaultMetrics(task) : names(m.metrics()));
        if (!metrics.contains(scope.metric())) {
            metrics.add(scope.metric());
        }
        if (task == Task.CLUSTERING && scope.target() != null && m == null) {
            metrics.add("ami");
            metrics.add("ari");
        }
        Stmt.Select s = ast.first(BlockKind.EVALUATE, Stmt.Select.class);
        Stmt.Slices sl = ast.first(BlockKind.EVALUATE, Stmt.Slices.class);
        Evaluate.Rule rule = s != null && s.simplest() ? Evaluate.Rule.SIMPLEST : Evaluate.Rule.BEST;
        String selectMetric = s != null ? s.metric().text() : scope.metric();
        return new Evaluate(folds, stratified, metrics, rule,
                s != null && s.tolerance() != null ? share(s.tolerance(), "evaluate.tolerance") : 0.01,
                selectMetric, sl == null ? List.of() : names(sl.columns()), learningCurve(cv, folds, selectMetric));
    }

    /** Default sizes of a learning curve: enough points to see its shape, few enough to stay quick. */
    static final List<Double> CURVE_SIZES = List.of(0.1, 0.25, 0.5, 0.75, 1.0);

    /** The curve of the deciding metric over the evaluation's folds (5 when it runs none), or null. */
    private Evaluate.LearningCurve learningCurve(Stmt.Cv cv, int folds, String selectMetric) {
        Stmt.LearningCurve lc = ast.first(BlockKind.EVALUATE, Stmt.LearningCurve.class);
        if (lc == null || task == Task.CLUSTERING) {
            return null;
        }
        List<Double> sizes = new ArrayList<>();
        for (int k = 0; k < lc.sizes().size(); k++) {
            sizes.add(share(lc.sizes().get(k), "evaluate.learningCurve.sizes[" + k + "]"));
        }
        // the evaluation's folds, read from the same parameter when `cv $folds folds` names one
        int curveFolds = folds > 1 && cv != null ? (int) num(cv.folds(), "evaluate.learningCurve.folds") : folds > 1 ? folds : 5;
        return new Evaluate.LearningCurve(sizes.isEmpty() ? CURVE_SIZES : sizes,
                lc.metric() == null ? selectMetric : lc.metric().text(), curveFolds);
    }

    private Explain explain() {
        if (ast.section(BlockKind.EXPLAIN) == null) {
            // Without the block, only what costs nothing: the model's own ranking. Permutation importance
            // scores the holdout again for every column and repeat, so it runs only when asked for.
            return new Explain(task == Task.CLUSTERING ? null : ImportanceMethod.MODEL, 10, null, 0, List.of(),
                    List.of());
        }
        Stmt.Importance i = ast.first(BlockKind.EXPLAIN, Stmt.Importance.class);
        Stmt.Lime l = ast.first(BlockKind.EXPLAIN, Stmt.Lime.class);
        Stmt.Dependence d = ast.first(BlockKind.EXPLAIN, Stmt.Dependence.class);
        List<Integer> rows = new ArrayList<>();
        if (l != null) {
            for (int k = 0; k < l.rows().size(); k++) {
                rows.add((int) num(l.rows().get(k), "explain.limeRows[" + k + "]"));
            }
        }
        ImportanceMethod importance = i == null ? null
                : i.method() == null ? ImportanceMethod.PERMUTATION : ImportanceMethod.parse(i.method().text());
        return new Explain(importance,
                i == null || i.top() == null ? 10 : (int) num(i.top(), "explain.top"),
                l == null ? null : Explain.Lime.valueOf(l.mode().toUpperCase(Locale.ROOT)),
                l == null || l.count() == null ? 0 : (int) num(l.count(), "explain.limeCount"),
                rows, d == null ? List.of() : names(d.columns()));
    }

    private Deploy deploy() {
        List<Deploy.Export> exports = new ArrayList<>();
        for (Stmt.Export e : ast.all(BlockKind.DEPLOY, Stmt.Export.class)) {
            exports.add(new Deploy.Export(ExportFormat.parse(e.format().text()), e.path().value()));
        }
        Stmt.Serve s = ast.first(BlockKind.DEPLOY, Stmt.Serve.class);
        int port = s == null || s.port() == null ? 8080 : (int) num(s.port(), "deploy.port");
        return new Deploy(exports, port, s == null || s.unknownPolicy() == null ? UnknownPolicy.REJECT
                : UnknownPolicy.parse(s.unknownPolicy().text()));
    }

    private Feedback feedback(Scope scope) {
        Stmt.Store store = ast.first(BlockKind.FEEDBACK, Stmt.Store.class);
        Stmt.AbTest ab = ast.first(BlockKind.FEEDBACK, Stmt.AbTest.class);
        Stmt.Online online = ast.first(BlockKind.FEEDBACK, Stmt.Online.class);
        Stmt.RetrainMargin margin = ast.first(BlockKind.FEEDBACK, Stmt.RetrainMargin.class);
        Feedback.AbTest abtest = null;
        if (ab != null) {
            double challenger = ab.challengerShare() == null ? 0.5
                    : num(ab.challengerShare(), "feedback.abtest.challengerShare", 0.01);
            abtest = new Feedback.AbTest(ab.champion().text(), ab.challenger().text(), challenger,
                    ab.stickyBy() == null ? null : ab.stickyBy().text(), ab.shadow());
        }
        return new Feedback(store == null ? StoreKind.SQLITE : StoreKind.parse(store.kind().text()),
                store == null ? null : store.location().value(), abtest, // null: feedback.db in the output folder
                online == null ? scope.metric() : online.metric().text(),
                online == null ? 7 : days(online.window(), "feedback.windowDays"),
                margin == null ? 0 : share(margin.margin(), "feedback.retrainMargin"),
                online == null || online.kpi() == null ? null : new Feedback.Kpi(online.kpi().text(),
                        online.kpiGoal() == null || online.kpiGoal().text().equals("max")));
    }

    private String report() {
        Stmt.ReportPath r = ast.first(BlockKind.REPORT, Stmt.ReportPath.class);
        return r == null ? null : r.path().value();
    }
}
