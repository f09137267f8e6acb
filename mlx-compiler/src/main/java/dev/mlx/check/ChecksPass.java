package dev.mlx.check;

import dev.mlx.ast.Argument;
import dev.mlx.ast.BlockKind;
import dev.mlx.ast.Condition;
import dev.mlx.ast.ExprNode;
import dev.mlx.ast.Name;
import dev.mlx.ast.Stmt;
import dev.mlx.ast.Value;
import dev.mlx.catalog.ColumnType;
import dev.mlx.catalog.FunctionSpec;
import dev.mlx.check.data.ColumnProfile;
import dev.mlx.diag.Code;
import dev.mlx.diag.DidYouMean;
import java.util.List;

/** The review and checks blocks: columns exist, functions exist, comparisons fit the types. */
final class ChecksPass {
    private ChecksPass() {
    }

    static void run(Context ctx) {
        review(ctx);
        for (Stmt.UniqueCheck u : ctx.experiment.all(BlockKind.CHECKS, Stmt.UniqueCheck.class)) {
            u.columns().forEach(c -> ctx.requireColumn(c, "in a check"));
        }
        for (Stmt.ConditionCheck c : ctx.experiment.all(BlockKind.CHECKS, Stmt.ConditionCheck.class)) {
            condition(ctx, c.condition());
        }
    }

    private static void review(Context ctx) {
        for (Stmt.Outliers o : ctx.experiment.all(BlockKind.REVIEW, Stmt.Outliers.class)) {
            choice(ctx, "outliers", o.method(), "outlier method");
            if (o.threshold() != null && !(ctx.number(o.threshold()) > 0)) {
                ctx.report(ctx.error(Code.MLX0512, "an outlier threshold must be positive")
                        .primary(o.threshold().span(), "not positive")
                        .help(o.method().text().equals("zscore") ? "3 is usual for z-scores" : "1.5 is usual for IQR fences"));
            }
        }
        for (Stmt.Plot p : ctx.experiment.all(BlockKind.REVIEW, Stmt.Plot.class)) {
            choice(ctx, "plot", p.kind(), "plot kind");
            p.columns().forEach(c -> ctx.requireColumn(c, "to plot"));
        }
        for (Stmt.Correlations c : ctx.experiment.all(BlockKind.REVIEW, Stmt.Correlations.class)) {
            if (c.method() != null) {
                choice(ctx, "correlations", c.method(), "correlation method");
            }
        }
        for (Stmt.Quantiles q : ctx.experiment.all(BlockKind.REVIEW, Stmt.Quantiles.class)) {
            for (dev.mlx.ast.Quantity level : q.levels()) {
                double v = ctx.fraction(level);
                if (!(v >= 0 && v <= 1)) {
                    ctx.report(ctx.error(Code.MLX0512, "a quantile lies between 0 and 1")
                            .primary(level.span(), "out of range")
                            .help("write the median as `0.5` or `50%`"));
                }
            }
        }
        for (Stmt.Sample s : ctx.experiment.all(BlockKind.REVIEW, Stmt.Sample.class)) {
            positiveInteger(ctx, s.rows(), "a sample size");
        }
    }

    static boolean choice(Context ctx, String setting, Name word, String what) {
        List<String> words = ctx.catalog.choices(setting);
        if (words.contains(word.text())) {
            return true;
        }
        ctx.report(ctx.error(Code.MLX0307, "unknown " + what + " `" + word.text() + "`")
                .primary(word.span(), "not a " + what)
                .note("choose " + DidYouMean.list(words))
                .suggest(word.span(), KnownWords.suggest(word.text(), words)));
        return false;
    }

    static void positiveInteger(Context ctx, dev.mlx.ast.Quantity q, String what) {
        double v = ctx.number(q);
        if (!Double.isNaN(v) && (v < 1 || v != Math.rint(v))) {
            ctx.report(ctx.error(Code.MLX0512, what + " must be a whole number of at least 1")
                    .primary(q.span(), "not allowed here"));
        }
    }

    /** What an expression yields in a check, as far as the checker can tell. */
    enum Kind { NUMBER, SHARE, STRING, COLUMN_NUMBER, COLUMN_OTHER, UNKNOWN }

    private static void condition(Context ctx, Condition c) {
        if (c instanceof Condition.Compare cmp) {
            Kind l = expr(ctx, cmp.left());
            Kind r = expr(ctx, cmp.right());
            if (l == Kind.COLUMN_NUMBER && r == Kind.STRING || l == Kind.COLUMN_OTHER && r == Kind.NUMBER
                    && !cmp.op().equals("==") && !cmp.op().equals("!=")) {
                ColumnProfile col = columnOf(ctx, cmp.left());
                ctx.report(ctx.error(Code.MLX0408, "cannot compare " + (col == null ? "this column" : "`" + col.name() + "`")
                                + " with " + (r == Kind.STRING ? "a string" : "a number"))
                        .primary(cmp.right().span(), r == Kind.STRING ? "a string" : "a number")
                        .secondary(cmp.left().span(), col == null ? "" : "`" + col.name() + "` is " + col.type().description()));
            }
        } else if (c instanceof Condition.InRange in) {
            Kind k = expr(ctx, in.subject());
            if (k == Kind.COLUMN_OTHER) {
                ColumnProfile col = columnOf(ctx, in.subject());
                ctx.report(ctx.error(Code.MLX0408, "a range check needs a numeric column, and `" + col.name() + "` is "
                                + col.type().description())
                        .primary(in.range().span(), "a numeric range")
                        .secondary(in.subject().span(), "not numeric")
                        .help("list the allowed values instead: `" + Context.quoteIfNeeded(col.name()) + " in {"
                                + exampleSet(col) + "}`"));
            }
            if (ctx.number(in.range().lo()) > ctx.number(in.range().hi())) {
                ctx.report(ctx.error(Code.MLX0512, "range " + in.range().lo().text() + ".." + in.range().hi().text() + " is empty")
                        .primary(in.range().span(), "the low end is above the high end")
                        .help("write `" + in.range().hi().text() + ".." + in.range().lo().text() + "`"));
            }
        } else if (c instanceof Condition.InSet in) {
            Kind k = expr(ctx, in.subject());
            ColumnProfile col = columnOf(ctx, in.subject());
            if (col == null) {
                return;
            }
            for (Value v : in.members()) {
                boolean numberMember = v instanceof Value.Num;
                if (k == Kind.COLUMN_NUMBER && !numberMember) {
                    ctx.report(ctx.error(Code.MLX0408, "`" + col.name() + "` is numeric; its allowed values are numbers")
                            .primary(v.span(), Value.describe(v))
                            .help("use a range: `" + Context.quoteIfNeeded(col.name()) + " in " + fmt(col.min()) + ".."
                                    + fmt(col.max()) + "`"));
                    return;
                }
                if (k == Kind.COLUMN_OTHER && numberMember && col.type() == ColumnType.CATEGORY) {
                    ctx.report(ctx.error(Code.MLX0408, "`" + col.name() + "` holds categories; write its values as strings")
                            .primary(v.span(), "a number")
                            .help("write \"" + ((Value.Num) v).quantity().text() + "\""));
                    return;
                }
            }
        }
    }

    private static String fmt(Double d) {
        if (d == null) {
            return "0";
        }
        return d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d);
    }

    private static String exampleSet(ColumnProfile col) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (ColumnProfile.ValueCount vc : col.top()) {
            if (n++ == 3) {
                break;
            }
            sb.append(n > 1 ? ", " : "").append('"').append(vc.value()).append('"');
        }
        return sb.toString();
    }

    private static ColumnProfile columnOf(Context ctx, ExprNode e) {
        return e instanceof ExprNode.Column c ? ctx.column(c.name().text()) : null;
    }

    static Kind expr(Context ctx, ExprNode e) {
        if (e instanceof ExprNode.Rows || e instanceof ExprNode.Num) {
            return Kind.NUMBER;
        } else if (e instanceof ExprNode.Str) {
            return Kind.STRING;
        } else if (e instanceof ExprNode.Paren p) {
            return expr(ctx, p.inner());
        } else if (e instanceof ExprNode.Neg n) {
            expr(ctx, n.operand());
            return Kind.NUMBER;
        } else if (e instanceof ExprNode.Binary b) {
            expr(ctx, b.left());
            expr(ctx, b.right());
            return Kind.NUMBER;
        } else if (e instanceof ExprNode.Column c) {
            ColumnProfile col = ctx.requireColumn(c.name(), "in a check");
            if (col == null) {
                return Kind.UNKNOWN;
            }
            return col.type().isNumeric() ? Kind.COLUMN_NUMBER : Kind.COLUMN_OTHER;
        } else if (e instanceof ExprNode.Call call) {
            return call(ctx, call);
        }
        return Kind.UNKNOWN;
    }

    private static Kind call(Context ctx, ExprNode.Call call) {
        String fname = call.function().text();
        FunctionSpec f = ctx.catalog.function(fname);
        if (f == null || !f.inChecks()) {
            List<String> names = ctx.catalog.functions().values().stream().filter(FunctionSpec::inChecks)
                    .map(FunctionSpec::name).toList();
            ctx.report(ctx.error(Code.MLX0306, "unknown function `" + fname + "` in a check")
                    .primary(call.function().span(), f == null ? "no such function" : "only usable in `derive`")
                    .note("checks use " + DidYouMean.list(names))
                    .suggest(call.function().span(), DidYouMean.suggest(fname, names)));
            return Kind.UNKNOWN;
        }
        if (call.args().size() != 1) {
            ctx.report(ctx.error(Code.MLX0306, "`" + fname + "` takes one argument in a check")
                    .primary(call.span(), call.args().size() + " given")
                    .help("write `" + fname + "(" + (f.argument().equals("condition") ? "COLUMN == \"value\"" : "COLUMN") + ")`"));
            return Kind.UNKNOWN;
        }
        Argument a = call.args().get(0);
        if (f.argument().equals("condition")) {
            if (a instanceof Condition cond) {
                condition(ctx, cond);
            } else {
                ctx.report(ctx.error(Code.MLX0306, "`" + fname + "` counts rows where a condition holds")
                        .primary(a.span(), "not a condition")
                        .help("write `" + fname + "(COLUMN == \"value\")`"));
            }
            return fname.equals("share") ? Kind.SHARE : Kind.NUMBER;
        }
        if (!(a instanceof ExprNode.Column col)) {
            ctx.report(ctx.error(Code.MLX0306, "`" + fname + "` takes a column")
                    .primary(a.span(), "not a column name"));
            return Kind.UNKNOWN;
        }
        ColumnProfile p = ctx.requireColumn(col.name(), "in a check");
        if (p != null && f.argument().startsWith("numeric") && !p.type().isNumeric()) {
            ctx.report(ctx.error(Code.MLX0408, "`" + fname + "` needs a numeric column, and `" + p.name() + "` is "
                            + p.type().description())
                    .primary(col.span(), "not numeric"));
        }
        return fname.equals("missing") ? Kind.SHARE : Kind.NUMBER;
    }
}
