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
                out.add(unique(u, table, rows));
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
            aggs.add(counted(showLeft(cmp) ? cmp.left() : cmp.right()));
            return;
        }
        if (e instanceof Expr.InRange in) {
            aggs.add(tableValue(in.subject()));
            aggs.add(counted(in.subject()));
            return;
        }
        throw new Unsupported();
    }

    /** As the local engine shows a comparison of table values: the left side, unless only it is a literal. */
    private static boolean showLeft(Expr.Compare cmp) {
        return !literal(cmp.left()) || literal(cmp.right());
    }

    private static boolean literal(Expr e) {
        return e instanceof Expr.Num || e instanceof Expr.Str;
    }

    /** The count behind a function's value that the local engine's detail names (0 when it names none). */
    private static Column counted(Expr e) throws Unsupported {
        if (!(e instanceof Expr.Call call) || call.args().size() != 1) {
            return lit(0L);
        }
        Expr a = call.args().get(0);
        return switch (call.function()) {
            case MISSING -> a instanceof Expr.Col c ? count(when(col(SparkData.quote(c.name())).isNull(), lit(1))) : lit(0L);
            case SHARE -> rowCondition(a) ? count(when(present(a).and(condition(a)), lit(1))) : lit(0L);
            case DISTINCT, MEAN, STD, SUM, MIN, MAX -> a instanceof Expr.Col c
                    ? count(col(SparkData.quote(c.name())).cast(call.function() == dev.mlx.catalog.Builtin.DISTINCT
                            ? DataTypes.StringType : DataTypes.DoubleType)) : lit(0L);
            default -> lit(0L);
        };
    }

    /** The local engine's detail of a table value: the counts behind it. */
    private static String detail(Expr e, long counted, long rows) {
        if (!(e instanceof Expr.Call call) || call.args().size() != 1) {
            return null;
        }
        return switch (call.function()) {
            case MISSING -> counted + " of " + plural(rows, "value") + " missing";
            case SHARE -> counted + " of " + plural(rows, "row");
            case COUNT -> "of " + plural(rows, "row");
            case DISTINCT -> "among " + plural(counted, "non-missing value");
            case MEAN, MEDIAN, STD, SUM, MIN, MAX -> "over " + plural(counted, "non-missing value");
            default -> null;
        };
    }

    private static RunResult.Check read(Check c, Expr e, Row r, int at, long rows) {
        if (rowCondition(e)) {
            long checked = r.getLong(at);
            long failed = r.getLong(at + 1);
            boolean both = e instanceof Expr.Compare cmp && columns(cmp.left()) && columns(cmp.right());
            String noun = both ? "row" : "value";
            String range = e instanceof Expr.InRange in ? Format.number(in.lo()) + ".." + Format.number(in.hi()) : null;
            boolean negated = e instanceof Expr.InRange in ? in.negated() : e instanceof Expr.InSet set && set.negated();
            String observed;
            // as the local engine words it, without the example rows (Spark's rows have no file position)
            if (failed > 0) {
                String what = e instanceof Expr.Compare ? (failed == 1 ? " fails" : " fail")
                        : e instanceof Expr.InRange ? (negated ? " in the excluded range " + range : " out of range")
                        : negated ? " in the excluded set" : " not in the set";
                observed = plural(failed, noun) + what;
            } else if (checked == 0) {
                observed = "no values to check (all missing)";
            } else {
                String all = "all " + plural(checked, noun);
                observed = e instanceof Expr.Compare ? all + " pass"
                        : e instanceof Expr.InRange ? (negated ? "no value in " + range : all + " in " + range)
                        : negated ? "no value in the set" : all + " in the set";
            }
            long skipped = rows - checked;
            String detail = plural(checked, noun) + " checked"
                    + (skipped > 0 ? ", " + plural(skipped, both ? "row" : "missing value") + " skipped"
                            + (both ? " (a value missing)" : "") : "");
            return outcome(c, failed == 0, observed, detail);
        }
        if (e instanceof Expr.Compare cmp) {
            double left = number(r, at);
            double right = number(r, at + 1);
            boolean ok = compare(cmp.op(), left, right);
            Expr shownExpr = showLeft(cmp) ? cmp.left() : cmp.right();
            double shown = showLeft(cmp) ? left : right;
            return outcome(c, ok, "observed " + show(shown, shownExpr), detail(shownExpr, r.getLong(at + 2), rows));
        }
        Expr.InRange in = (Expr.InRange) e;
        double v = number(r, at);
        boolean inside = v >= in.lo() - tol(in.lo()) && v <= in.hi() + tol(in.hi());
        return outcome(c, inside != in.negated(), "observed " + show(v, in.subject()), detail(in.subject(), r.getLong(at + 1), rows));
    }

    private static RunResult.Check unique(Check.Unique u, Dataset<Row> table, long rows) {
        Column[] keys = u.columns().stream().map(c -> col(SparkData.quote(c))).toArray(Column[]::new);
        Column present = lit(true);
        for (Column k : keys) {
            present = present.and(k.isNotNull());
        }
        Column n = col("count");
        Row r = table.where(present).groupBy(keys).count().agg(org.apache.spark.sql.functions.sum(n),
                count(when(n.gt(1), lit(1))), org.apache.spark.sql.functions.sum(when(n.gt(1), n.minus(lit(1))))).first();
        long checked = r.isNullAt(0) ? 0 : r.getLong(0);
        long duplicated = r.getLong(1);
        long repeats = r.isNullAt(2) ? 0 : r.getLong(2);
        long skipped = rows - checked;
        String detail = plural(checked, "row") + " checked" + (repeats > 0 ? ", " + repeats + " repeat an earlier key" : "")
                + (skipped > 0 ? ", " + plural(skipped, "row") + " with a missing key value skipped" : "");
        return outcome(u, duplicated == 0, duplicated == 0 ? "no duplicated keys" : plural(duplicated, "duplicated key"), detail);
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
