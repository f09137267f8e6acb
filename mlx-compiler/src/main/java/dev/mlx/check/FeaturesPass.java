package dev.mlx.check;

import dev.mlx.ast.Argument;
import dev.mlx.ast.BlockKind;
import dev.mlx.ast.Condition;
import dev.mlx.ast.ExprNode;
import dev.mlx.ast.Name;
import dev.mlx.ast.Section;
import dev.mlx.ast.Stmt;
import dev.mlx.ast.Value;
import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.ColumnType;
import dev.mlx.catalog.FunctionSpec;
import dev.mlx.catalog.TransformSpec;
import dev.mlx.check.data.ColumnProfile;
import dev.mlx.diag.Code;
import dev.mlx.diag.DidYouMean;
import dev.mlx.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The features block, statement by statement, over a running schema: which columns exist at each
 * point, their types, whether they still hold missing values, whether they are encoded. At the end,
 * every column that reaches the models must be numeric (or auto-encodable) and complete.
 */
final class FeaturesPass {
    /** A column as the models will see it. */
    static final class Col {
        final String name;
        ColumnType type;
        boolean missing;
        boolean encoded;
        Span lastMention;

        Col(String name, ColumnType type, boolean missing) {
            this.name = name;
            this.type = type;
            this.missing = missing;
        }
    }

    private final Context ctx;
    private final Map<String, Col> schema = new LinkedHashMap<>();
    private final boolean known;

    private FeaturesPass(Context ctx) {
        this.ctx = ctx;
        this.known = ctx.data != null;
        if (known) {
            for (ColumnProfile c : ctx.data.columns()) {
                // A declared type the data contradicts was reported; go on with what the data holds.
                schema.put(c.name(), new Col(c.name(), c.badValues() > 0 ? c.inferred() : c.type(), c.missing() > 0));
            }
        }
    }

    static Map<String, Col> run(Context ctx) {
        FeaturesPass pass = new FeaturesPass(ctx);
        int before = ctx.errorsReported();
        for (Section s : ctx.experiment.sections(BlockKind.FEATURES)) {
            for (Stmt st : s.statements()) {
                if (st instanceof Stmt.Drop d) {
                    pass.drop(d);
                } else if (st instanceof Stmt.Derive d) {
                    pass.derive(d);
                } else if (st instanceof Stmt.Transform t) {
                    pass.transform(t);
                }
            }
        }
        // A statement in error (a line still being typed) leaves the columns it names as they were; what
        // reaches the models is then judged on a pipeline the user has not finished writing: say nothing.
        if (ctx.errorsReported() == before) {
            pass.finish();
        }
        return pass.schema;
    }

    private boolean isTarget(Name n) {
        return ctx.target != null && ctx.target.text().equals(n.text());
    }

    /** The column at this point of the pipeline, reporting unknown or dropped names. */
    private Col resolve(Name n) {
        if (n.text().equals(ctx.idColumn)) {
            ctx.report(ctx.error(Code.MLX0513, "the id `" + n.text() + "` is not a feature")
                    .primary(n.span(), "the id column")
                    .note("`id " + Context.quoteIfNeeded(n.text()) + "` in `data` already keeps it out of the features;"
                            + " the run has no such column at this point")
                    .help("remove `" + n.text() + "` from this statement"));
            return null;
        }
        if (!known) {
            return null;
        }
        Col c = schema.get(n.text());
        if (c != null) {
            c.lastMention = n.span();
            return c;
        }
        Span droppedAt = ctx.dropped.get(n.text());
        if (droppedAt != null) {
            ctx.report(ctx.error(Code.MLX0404, "column `" + n.text() + "` is used after it was dropped")
                    .primary(n.span(), "used here")
                    .secondary(droppedAt, "dropped here")
                    .help("move the `drop` after this statement, or remove `" + n.text() + "` from it"));
            return null;
        }
        List<String> names = new ArrayList<>(schema.keySet());
        ctx.report(ctx.error(Code.MLX0403, "unknown column `" + n.text() + "`")
                .primary(n.span(), "no such column at this point")
                .note("columns here: " + Context.shortList(names))
                .suggest(n.span(), quote(DidYouMean.suggest(n.text(), names))));
        return null;
    }

    private static String quote(String s) {
        return s == null ? null : Context.quoteIfNeeded(s);
    }

    private void drop(Stmt.Drop d) {
        for (Name n : d.columns()) {
            if (isTarget(n)) {
                ctx.report(ctx.error(Code.MLX0510, "the target `" + n.text() + "` cannot be dropped")
                        .primary(n.span(), "the target")
                        .note("the target is never a feature; it is set aside automatically"));
                continue;
            }
            if (resolve(n) != null) {
                schema.remove(n.text());
                ctx.dropped.put(n.text(), n.span());
            } else if (!known && !n.text().equals(ctx.idColumn)) {
                ctx.dropped.put(n.text(), n.span());
            }
        }
    }

    private void derive(Stmt.Derive d) {
        if (known && schema.containsKey(d.name().text())) {
            ctx.report(ctx.error(Code.MLX0407, "column `" + d.name().text() + "` already exists")
                    .primary(d.name().span(), "name taken")
                    .help("choose another name, or `drop " + Context.quoteIfNeeded(d.name().text()) + "` first"));
            return;
        }
        boolean[] missing = {false};
        boolean ok = deriveExpr(d.expr(), missing);
        if (known && ok) {
            Col c = new Col(d.name().text(), ColumnType.NUMBER, missing[0]);
            c.lastMention = d.name().span();
            schema.put(c.name, c);
        }
    }

    private boolean deriveExpr(ExprNode e, boolean[] missing) {
        if (e instanceof ExprNode.Column col) {
            if (isTarget(col.name())) {
                ctx.report(ctx.error(Code.MLX0510, "a derived feature uses the target `" + col.name().text() + "`")
                        .primary(col.span(), "the target")
                        .note("a feature computed from the target leaks the answer into the model"));
                return false;
            }
            Col c = resolve(col.name());
            if (c == null) {
                return !known;
            }
            missing[0] |= c.missing;
            if (!c.type.isNumeric() && c.type != ColumnType.BOOLEAN) {
                ctx.report(ctx.error(Code.MLX0405, "arithmetic on `" + c.name + "`, which is " + c.type.description())
                        .primary(col.span(), "not a number"));
                return false;
            }
            return true;
        } else if (e instanceof ExprNode.Binary b) {
            return deriveExpr(b.left(), missing) & deriveExpr(b.right(), missing);
        } else if (e instanceof ExprNode.Neg n) {
            return deriveExpr(n.operand(), missing);
        } else if (e instanceof ExprNode.Paren p) {
            return deriveExpr(p.inner(), missing);
        } else if (e instanceof ExprNode.Call call) {
            FunctionSpec f = ctx.catalog.function(call.function().text());
            if (f == null || !f.inDerive()) {
                List<String> names = ctx.catalog.functions().values().stream().filter(FunctionSpec::inDerive)
                        .map(FunctionSpec::name).toList();
                ctx.report(ctx.error(Code.MLX0306, "unknown function `" + call.function().text() + "` in `derive`")
                        .primary(call.function().span(), f == null ? "no such function" : "only usable in checks")
                        .note("derive uses " + DidYouMean.list(names))
                        .suggest(call.function().span(), DidYouMean.suggest(call.function().text(), names)));
                return false;
            }
            if (f.arity() > 0 && call.args().size() != f.arity()) {
                ctx.report(ctx.error(Code.MLX0306, "`" + f.name() + "` takes " + f.arity() + " argument"
                                + (f.arity() == 1 ? "" : "s") + ", not " + call.args().size())
                        .primary(call.span(), "wrong number of arguments"));
                return false;
            }
            boolean ok = true;
            for (Argument a : call.args()) {
                if (a instanceof Condition) {
                    ctx.report(ctx.error(Code.MLX0306, "`" + f.name() + "` takes numbers, not a condition")
                            .primary(a.span(), "a condition"));
                    ok = false;
                } else if (f.argument().equals("number") || f.argument().startsWith("numeric")) {
                    ok &= deriveExpr((ExprNode) a, missing);
                } else {
                    ok &= anyColumn((ExprNode) a, f, missing);
                }
            }
            return ok;
        } else if (e instanceof ExprNode.Str s) {
            ctx.report(ctx.error(Code.MLX0405, "a derived feature is a number; a string cannot take part")
                    .primary(s.span(), "a string"));
            return false;
        }
        return true;
    }

    /** Arguments of length() and days_between(): a text or date column respectively. */
    private boolean anyColumn(ExprNode e, FunctionSpec f, boolean[] missing) {
        if (!(e instanceof ExprNode.Column col)) {
            return deriveExpr(e, missing);
        }
        Col c = resolve(col.name());
        if (c == null) {
            return !known;
        }
        missing[0] |= c.missing;
        ColumnType need = f.argument().startsWith("text") ? ColumnType.TEXT : ColumnType.DATE;
        if (c.type != need && !(need == ColumnType.TEXT && c.type == ColumnType.CATEGORY)) {
            ctx.report(ctx.error(Code.MLX0405, "`" + f.name() + "` needs " + need.description() + ", and `" + c.name
                            + "` is " + c.type.description())
                    .primary(col.span(), "wrong type"));
            return false;
        }
        return true;
    }

    private void transform(Stmt.Transform t) {
        TransformSpec spec = ctx.catalog.transform(t.kind().text());
        if (spec == null) {
            List<String> names = new ArrayList<>(ctx.catalog.transforms().keySet());
            List<String> all = new ArrayList<>(names);
            ctx.catalog.transforms().values().forEach(s -> all.addAll(s.aliases()));
            String suggestion = DidYouMean.suggest(t.kind().text(), all);
            TransformSpec target = suggestion == null ? null : ctx.catalog.transform(suggestion);
            ctx.report(ctx.error(Code.MLX0304, "unknown transform `" + t.kind().text() + "`")
                    .primary(t.kind().span(), "not a transform")
                    .note("transforms are `drop`, `derive`, " + DidYouMean.list(names))
                    .suggest(t.kind().span(), target == null ? null : target.name()));
            return;
        }
        options(t, spec);
        if (t.selector() != null) {
            select(t, spec);
            return;
        }
        for (Name n : t.columns()) {
            if (isTarget(n)) {
                ctx.report(ctx.error(Code.MLX0510, "`" + spec.name() + "` applied to the target `" + n.text() + "`")
                        .primary(n.span(), "the target")
                        .note("features are transformed; the target is predicted as it is"));
                continue;
            }
            Col c = resolve(n);
            if (c == null) {
                continue;
            }
            ColumnProfile raw = ctx.column(c.name);
            if (raw != null && raw.count() == 0 && !ctx.dropped.containsKey(c.name)) {
                ctx.report(ctx.error(Code.MLX0405, "`" + spec.name() + "` does not apply to `" + c.name
                                + "`, which has no values")
                        .primary(n.span(), "missing in every row")
                        .note("the run fits `" + spec.name() + "` on the training rows, and they hold nothing in this column")
                        .help("`drop " + Context.quoteIfNeeded(c.name) + "`"));
                continue;
            }
            if (!spec.accepts().contains(c.type) || (c.encoded && !spec.name().equals("impute"))) {
                ctx.report(ctx.error(Code.MLX0405, "`" + spec.name() + "` does not apply to `" + c.name + "`, which is "
                                + (c.encoded ? "already encoded" : c.type.description()))
                        .primary(n.span(), c.type.word() + " column")
                        .secondary(t.kind().span(), "expects " + accepts(spec))
                        .help(alternative(c)));
                continue;
            }
            apply(spec, t, c);
        }
    }

    /**
     * A selector: every column of its kind at this point but the id, the target, the ones already
     * encoded (except for {@code impute}) and the ones after {@code except}; an empty selection is
     * a warning, since the statement then does nothing.
     */
    private void select(Stmt.Transform t, TransformSpec spec) {
        Stmt.Selector sel = t.selector();
        String kind = sel.kind().text();
        java.util.Set<ColumnType> types = Selectors.types(kind);
        if (types == null) {
            ctx.report(ctx.error(Code.MLX0413, "unknown column kind `" + kind + "`")
                    .primary(sel.kind().span(), "not a column kind")
                    .note("a selector picks " + DidYouMean.list(Selectors.names()) + " columns")
                    .suggest(sel.kind().span(), DidYouMean.suggest(kind, Selectors.names())));
            return;
        }
        if (types.stream().noneMatch(spec.accepts()::contains)) {
            ctx.report(ctx.error(Code.MLX0405, "`" + spec.name() + "` does not apply to " + Selectors.describe(kind))
                    .primary(sel.kind().span(), kind + " columns")
                    .secondary(t.kind().span(), "expects " + accepts(spec)));
            return;
        }
        if (!known) {
            return;
        }
        List<Col> picked = new ArrayList<>();
        for (Col c : schema.values()) {
            boolean target = ctx.target != null && c.name.equals(ctx.target.text());
            if (!target && !c.name.equals(ctx.idColumn) && types.contains(c.type)
                    && (!c.encoded || spec.name().equals("impute"))) {
                picked.add(c);
            }
        }
        java.util.Set<String> except = new java.util.LinkedHashSet<>();
        boolean bad = false;
        for (Name n : sel.except()) {
            Col c = schema.get(n.text());
            if (picked.stream().anyMatch(p -> p.name.equals(n.text()))) {
                except.add(n.text());
                c.lastMention = n.span();
                continue;
            }
            bad = true;
            String why = c == null ? (ctx.dropped.containsKey(n.text()) ? "it was dropped before this statement"
                    : "there is no such column at this point")
                    : c.name.equals(ctx.idColumn) ? "it is the id, which a selector never picks"
                    : ctx.target != null && c.name.equals(ctx.target.text()) ? "it is the target, which a selector never picks"
                    : c.encoded ? "it is already encoded" : "it is " + c.type.description();
            List<String> names = picked.stream().map(p -> p.name).toList();
            ctx.report(ctx.error(Code.MLX0414, "`except` names `" + n.text() + "`, which `all " + kind
                            + "` does not pick")
                    .primary(n.span(), "not picked")
                    .note(why)
                    .note("`all " + kind + "` picks " + (names.isEmpty() ? "nothing here" : Context.shortList(names)))
                    .suggest(n.span(), quote(DidYouMean.suggest(n.text(), names))));
        }
        if (bad) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (Col c : picked) {
            if (!except.contains(c.name)) {
                names.add(c.name);
                c.lastMention = sel.kind().span();
                apply(spec, t, c);
            }
        }
        ctx.selections.put(sel, names);
        if (names.isEmpty()) {
            ctx.report(ctx.error(Code.MLX0606, "`all " + kind + "` picks no columns")
                    .primary(sel.span(), "nothing to " + spec.name())
                    .note("no " + Selectors.describe(kind) + " reach this point" + (except.isEmpty() ? ""
                            : " besides the ones after `except`"))
                    .help("remove the statement, or name the columns"));
        }
    }

    private static String accepts(TransformSpec spec) {
        List<String> words = new ArrayList<>();
        for (ColumnType ct : ColumnType.values()) {
            if (spec.accepts().contains(ct)) {
                words.add(ct.word());
            }
        }
        return String.join(" or ", words) + " columns";
    }

    private static String alternative(Col c) {
        return switch (c.type) {
            case TEXT -> "text is turned into numbers with `tfidf " + Context.quoteIfNeeded(c.name) + "` or `bagofwords`";
            case CATEGORY, BOOLEAN -> "categories are turned into numbers with `onehot " + Context.quoteIfNeeded(c.name) + "`";
            case DATE -> "dates are turned into numbers with `dateparts " + Context.quoteIfNeeded(c.name) + " -> year, month`";
            default -> "numeric columns take `standardize`, `normalize`, `log`, `clip`, `bin` and `impute`";
        };
    }

    private void apply(TransformSpec spec, Stmt.Transform t, Col c) {
        switch (spec.name()) {
            case "impute" -> c.missing = false;
            case "standardize", "normalize" -> ctx.scaled.add(c.name);
            case "onehot", "tfidf", "bagofwords" -> {
                c.encoded = true;
                c.missing = false;
            }
            case "bin" -> {
                c.type = ColumnType.CATEGORY;
                c.missing = false;
            }
            case "dateparts" -> {
                schema.remove(c.name);
                for (Stmt.Option o : t.options()) {
                    for (Name part : o.names()) {
                        Col p = new Col(c.name + "_" + part.text(), ColumnType.INTEGER, c.missing);
                        p.lastMention = part.span();
                        schema.put(p.name, p);
                    }
                }
            }
            default -> { }
        }
    }

    private void options(Stmt.Transform t, TransformSpec spec) {
        for (Stmt.Option o : t.options()) {
            if (!spec.options().containsKey(o.key())) {
                ctx.report(ctx.error(Code.MLX0305, "`" + spec.name() + "` takes no `" + o.key() + "` option")
                        .primary(o.keySpan(), "not an option of `" + spec.name() + "`")
                        .note(spec.options().isEmpty() ? "`" + spec.name() + "` takes no options"
                                : "`" + spec.name() + "` takes " + DidYouMean.list(spec.options().keySet())));
                continue;
            }
            optionValue(spec, o);
        }
        for (String required : spec.required()) {
            if (t.options().stream().noneMatch(o -> o.key().equals(required))) {
                ctx.report(ctx.error(Code.MLX0305, "`" + spec.name() + "` needs `" + required + "`")
                        .primary(t.span(), "missing `" + required + "`")
                        .note("`" + required + "`: " + spec.options().get(required))
                        .help(example(spec.name())));
            }
        }
    }

    private static String example(String transform) {
        return switch (transform) {
            case "clip" -> "for example `clip income to 0..250000`";
            case "impute" -> "for example `impute income with median`";
            case "bin" -> "for example `bin age into 5`";
            case "dateparts" -> "for example `dateparts signup -> year, month, weekday`";
            default -> "see `mlx explain MLX0305`";
        };
    }

    private void optionValue(TransformSpec spec, Stmt.Option o) {
        switch (o.key()) {
            case "with" -> {
                if (o.value() instanceof Value.Rng || o.value() instanceof Value.ListOf) {
                    String what = o.value() instanceof Value.Rng ? "a range" : "a list";
                    ctx.report(ctx.error(Code.MLX0305, "`impute` fills gaps with one value, not " + what)
                            .primary(o.value().span(), "not one value")
                            .note("impute with " + DidYouMean.list(ctx.catalog.choices("impute"))
                                    + ", or a constant such as `0` or \"unknown\""));
                } else if (o.value() instanceof Value.Word w && !ctx.catalog.choices("impute").contains(w.name().text())) {
                    List<String> words = ctx.catalog.choices("impute");
                    ctx.report(ctx.error(Code.MLX0307, "unknown way to impute `" + w.name().text() + "`")
                            .primary(w.span(), "not a statistic")
                            .note("impute with " + DidYouMean.list(words) + ", or a constant such as `0` or \"unknown\"")
                            .suggest(w.span(), KnownWords.suggest(w.name().text(), words)));
                }
            }
            case "to", "ngrams" -> {
                if (o.value() instanceof Value.Rng r) {
                    double lo = ctx.number(r.range().lo());
                    double hi = ctx.number(r.range().hi());
                    if (lo > hi || (o.key().equals("ngrams") && (lo < 1 || hi > 5 || lo != Math.rint(lo) || hi != Math.rint(hi)))) {
                        ctx.report(ctx.error(Code.MLX0512, o.key().equals("ngrams")
                                        ? "n-gram lengths are whole numbers with 1 <= low <= high <= 5"
                                        : "range " + r.range().lo().text() + ".." + r.range().hi().text() + " is empty")
                                .primary(r.span(), "out of range"));
                    }
                }
            }
            default -> {
                if (o.value() instanceof Value.Num n) {
                    ChecksPass.positiveInteger(ctx, n.quantity(), "`" + o.key() + "`");
                }
                if (o.key().equals("->")) {
                    for (Name part : o.names()) {
                        if (!Catalog.DATE_PARTS.contains(part.text())) {
                            ctx.report(ctx.error(Code.MLX0307, "unknown date part `" + part.text() + "`")
                                    .primary(part.span(), "not a date part")
                                    .note("date parts are " + DidYouMean.list(Catalog.DATE_PARTS))
                                    .suggest(part.span(), DidYouMean.suggest(part.text(), Catalog.DATE_PARTS)));
                        }
                    }
                }
            }
        }
    }

    private Span declared(String column, Span fallback) {
        for (Stmt.Types t : ctx.experiment.all(BlockKind.DATA, Stmt.Types.class)) {
            for (Stmt.TypeDecl d : t.decls()) {
                if (d.column().text().equals(column)) {
                    return d.column().span();
                }
            }
        }
        return fallback;
    }

    /** What reaches the models must be numbers without gaps. */
    private void finish() {
        if (!known) {
            return;
        }
        Section features = ctx.experiment.section(BlockKind.FEATURES);
        Section data = ctx.experiment.section(BlockKind.DATA);
        Span fallback = features != null ? features.name().span() : data != null ? data.name().span() : null;
        for (Col c : schema.values()) {
            if (c.name.equals(ctx.idColumn) || (ctx.target != null && c.name.equals(ctx.target.text()))) {
                continue;
            }
            Span at = c.lastMention != null ? c.lastMention : declared(c.name, fallback);
            String q = Context.quoteIfNeeded(c.name);
            if ((c.type == ColumnType.TEXT || c.type == ColumnType.DATE) && !c.encoded) {
                ctx.report(ctx.error(Code.MLX0410, (c.type == ColumnType.TEXT ? "text" : "date") + " column `" + c.name
                                + "` reaches the models unencoded")
                        .primary(at, c.lastMention != null ? "last transformed here" : "`" + c.name + "` is never encoded")
                        .note("models take numbers; categories are one-hot encoded automatically, text and dates are not")
                        .help(c.type == ColumnType.TEXT ? "add `tfidf " + q + "` or `drop " + q + "`"
                                : "add `dateparts " + q + " -> year, month` or `drop " + q + "`"));
            } else if (c.missing && (c.type.isNumeric()) && !c.encoded) {
                ColumnProfile p = ctx.column(c.name);
                ctx.report(ctx.error(Code.MLX0409, "column `" + c.name + "` has missing values that reach the models")
                        .primary(at, c.lastMention != null ? "still has gaps after this" : "never imputed")
                        .note(p != null ? p.missing() + " of " + (p.count() + p.missing()) + " values are missing"
                                : "it is computed from columns with missing values")
                        .note("models reject missing numbers, and silently reading them as 0 would bias them")
                        .help("add `impute " + q + " with median` before it is used, or `drop " + q + "`"));
            }
        }
    }
}
