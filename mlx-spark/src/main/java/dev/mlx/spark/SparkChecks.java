package dev.mlx.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.mlx.runtime.checks.Format;
import dev.mlx.runtime.result.RunResult;
import dev.mlx.runtime.spec.CompareOp;
import dev.mlx.runtime.spec.Check;
import dev.mlx.runtime.spec.Expr;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The checks block as one aggregate query over the raw rows: a row condition counts the rows it checks
 * and the rows that fail (rows with a value missing are skipped, as on the local engine); a table value
 * ({@code rows}, {@code missing(c)}, {@code mean(c)}, ...) is one aggregate compared on the driver;
 * {@code unique} counts duplicated keys in a second query. A form this engine does not answer fails
 * with that reason, never silently.
 */
final class SparkChecks {
    private SparkChecks() {
    }

    /** One outcome per check, in order, as run.json writes it. */
    static List<RunResult.Check> run(List<Check> checks, Dataset<Row> table) {
        List<Column> aggs = new ArrayList<>();
        aggs.add(count(lit(1)));
        List<int[]> slots = new ArrayList<>();
        for (Check c : checks) {
            int first = aggs.size();
            if (c instanceof Check.Condition cond) {
                try {
                    plan(cond.condition(), aggs);
                } catch (Unsupported u) {
                    aggs.subList(first, aggs.size()).clear();
                    slots.add(null);
                    continue;
                }
            }
            slots.add(new int[] {first, aggs.size()});
        }
        Row r = table.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
        long rows = r.getLong(0);
        List<RunResult.Check> out = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            int[] slot = slots.get(i);
            if (slot == null) {
                out.add(outcome(c, false, "the Spark engine cannot answer this form of check", null));
            } else if (c instanceof Check.Unique u) {
                out.add(unique(u, table));
            } else {
                out.add(read(c, ((Check.Condition) c).condition(), r, slot[0], rows));
            }
        }
        return out;
    }

    /** Unanswered on this engine. */
    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static void plan(Expr e, List<Column> aggs) throws Unsupported {
        if (rowCondition(e)) {
            Column holds = condition(e);
            Column checked = present(e);
            aggs.add(count(when(checked, lit(1))));
            aggs.add(count(when(checked.and(org.apache.spark.sql.functions.not(holds)), lit(1))));
            return;
        }
        if (e instanceof Expr.Compare cmp) {
            aggs.add(tableValue(cmp.left()));
            aggs.add(tableValue(cmp.right()));
            return;
        }
        if (e instanceof Expr.InRange in) {
            aggs.add(tableValue(in.subject()));
            return;
        }
        throw new Unsupported();
    }

    private static RunResult.Check read(Check c, Expr e, Row r, int at, long rows) {
        if (rowCondition(e)) {
            long checked = r.getLong(at);
            long failed = r.getLong(at + 1);
            String noun = e instanceof Expr.Compare cmp && columns(cmp.left()) && columns(cmp.right()) ? "row" : "value";
            String observed = failed > 0 ? plural(failed, noun) + (failed == 1 ? " fails" : " fail")
                    : checked == 0 ? "no values to check (all missing)" : "all " + plural(checked, noun) + " pass";
            return outcome(c, failed == 0, observed, plural(checked, noun) + " checked");
        }
        if (e instanceof Expr.Compare cmp) {
            double left = number(r, at);
            double right = number(r, at + 1);
            boolean ok = compare(cmp.op(), left, right);
            double shown = cmp.left() instanceof Expr.Num ? right : left;
            return outcome(c, ok, "observed " + show(shown, cmp.left() instanceof Expr.Num ? cmp.right() : cmp.left()), null);
        }
        Expr.InRange in = (Expr.InRange) e;
        double v = number(r, at);
        boolean inside = v >= in.lo() - tol(in.lo()) && v <= in.hi() + tol(in.hi());
        return outcome(c, inside != in.negated(), "observed " + show(v, in.subject()), null);
    }

    private static RunResult.Check unique(Check.Unique u, Dataset<Row> table) {
        Column[] keys = u.columns().stream().map(c -> col(SparkData.quote(c))).toArray(Column[]::new);
        Column present = lit(true);
        for (Column k : keys) {
            present = present.and(k.isNotNull());
        }
        long duplicated = table.where(present).groupBy(keys).count().where(col("count").gt(1)).count();
        return outcome(u, duplicated == 0, duplicated == 0 ? "no duplicates"
                : plural(duplicated, "duplicated key"), null);
    }

    private static boolean rowCondition(Expr e) {
        return e instanceof Expr.Compare cmp ? columns(cmp.left()) || columns(cmp.right())
                : e instanceof Expr.InRange in ? columns(in.subject())
                : e instanceof Expr.InSet set && columns(set.subject());
    }

    /** Whether {@code e} reads a column row by row. */
    private static boolean columns(Expr e) {
        if (e instanceof Expr.Neg n) {
            return columns(n.operand());
        }
        if (e instanceof Expr.Arithmetic a) {
            return columns(a.left()) || columns(a.right());
        }
        return e instanceof Expr.Col;
    }

    private static Column condition(Expr e) throws Unsupported {
        if (e instanceof Expr.Compare cmp) {
            Column l = value(cmp.left());
            Column r = value(cmp.right());
            return switch (cmp.op()) {
                case EQ -> l.equalTo(r);
                case NE -> l.notEqual(r);
                case LT -> l.lt(r);
                case LE -> l.leq(r);
                case GT -> l.gt(r);
                case GE -> l.geq(r);
            };
        }
        if (e instanceof Expr.InRange in) {
            Column v = value(in.subject());
            Column inside = v.geq(lit(in.lo())).and(v.leq(lit(in.hi())));
            return in.negated() ? org.apache.spark.sql.functions.not(inside) : inside;
        }
        Expr.InSet in = (Expr.InSet) e;
        Column v = value(in.subject()).cast(DataTypes.StringType);
        Object[] members = in.members().stream().map(m -> m instanceof Double d ? text(d) : m.toString()).toArray();
        Column inside = v.isin(members);
        return in.negated() ? org.apache.spark.sql.functions.not(inside) : inside;
    }

    /** The rows where every column {@code e} reads is present. */
    private static Column present(Expr e) {
        if (e instanceof Expr.Col c) {
            return col(SparkData.quote(c.name())).isNotNull();
        }
        if (e instanceof Expr.Neg n) {
            return present(n.operand());
        }
        if (e instanceof Expr.Arithmetic a) {
            return present(a.left()).and(present(a.right()));
        }
        if (e instanceof Expr.Compare cmp) {
            return present(cmp.left()).and(present(cmp.right()));
        }
        if (e instanceof Expr.InRange in) {
            return present(in.subject());
        }
        if (e instanceof Expr.InSet in) {
            return present(in.subject());
        }
        return lit(true);
    }

    private static Column value(Expr e) throws Unsupported {
        if (e instanceof Expr.Col c) {
            return col(SparkData.quote(c.name()));
        }
        if (e instanceof Expr.Num n) {
            return lit(n.value());
        }
        if (e instanceof Expr.Str text) {
            return lit(text.value());
        }
        if (e instanceof Expr.Neg n) {
            return value(n.operand()).multiply(lit(-1.0));
        }
        if (e instanceof Expr.Arithmetic a) {
            Column l = value(a.left());
            Column r = value(a.right());
            return switch (a.op()) {
                case PLUS -> l.plus(r);
                case MINUS -> l.minus(r);
                case TIMES -> l.multiply(r);
                // ANSI mode makes x / 0 an error: null instead, as the local engine skips it
                case DIVIDE -> org.apache.spark.sql.functions.try_divide(l, r);
            };
        }
        throw new Unsupported();
    }

    /** A table value: {@code rows}, a number, or a function of one column over the table. */
    private static Column tableValue(Expr e) throws Unsupported {
        if (e instanceof Expr.Rows) {
            return count(lit(1)).cast(DataTypes.DoubleType);
        }
        if (e instanceof Expr.Num n) {
            return lit(n.value());
        }
        if (e instanceof Expr.Call call && call.args().size() == 1
                && (call.function() == dev.mlx.catalog.Builtin.SHARE || call.function() == dev.mlx.catalog.Builtin.COUNT)
                && rowCondition(call.args().get(0))) {
            Column holds = count(when(present(call.args().get(0)).and(condition(call.args().get(0))), lit(1)))
                    .cast(DataTypes.DoubleType);
            return call.function() == dev.mlx.catalog.Builtin.SHARE ? holds.divide(count(lit(1))) : holds;
        }
        if (e instanceof Expr.Call call && call.args().size() == 1 && call.args().get(0) instanceof Expr.Col c) {
            Column v = col(SparkData.quote(c.name()));
            Column x = v.cast(DataTypes.DoubleType);
            return switch (call.function()) {
                case MISSING -> count(when(v.isNull(), lit(1))).cast(DataTypes.DoubleType).divide(count(lit(1)));
                case DISTINCT -> count_distinct(v).cast(DataTypes.DoubleType);
                case MEAN -> avg(x);
                case STD -> stddev_pop(x);
                case SUM -> sum(x);
                case MIN -> min(x);
                case MAX -> max(x);
                default -> throw new Unsupported();
            };
        }
        throw new Unsupported();
    }

    private static double number(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
    }

    /** As the local engine compares: a relative tolerance of 1e-9. */
    private static boolean compare(CompareOp op, double a, double b) {
        boolean eq = Math.abs(a - b) <= tol(Math.max(Math.abs(a), Math.abs(b)));
        return switch (op) {
            case EQ -> eq;
            case NE -> !eq;
            case LT -> a < b && !eq;
            case LE -> a < b || eq;
            case GT -> a > b && !eq;
            case GE -> a > b || eq;
        };
    }

    private static double tol(double scale) {
        return 1e-9 * Math.max(1, Math.abs(scale));
    }

    private static String show(double v, Expr shown) {
        if (Double.isNaN(v)) {
            return "no value (every value is missing)";
        }
        boolean share = shown instanceof Expr.Call call && (call.function() == dev.mlx.catalog.Builtin.MISSING
                || call.function() == dev.mlx.catalog.Builtin.SHARE);
        return share ? Format.percent(v) : Format.number(v);
    }

    private static String text(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String plural(long n, String noun) {
        return Format.plural(n, noun);
    }

    private static RunResult.Check outcome(Check c, boolean ok, String observed, String detail) {
        return new RunResult.Check(c.text(), ok ? "pass" : c.warn() ? "warn" : "fail", observed, detail);
    }
}
