package dev.mlx.runtime.checks;

import dev.mlx.catalog.Builtin;
import dev.mlx.runtime.spec.ArithmeticOp;
import dev.mlx.runtime.spec.CompareOp;
import dev.mlx.runtime.spec.Expr;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Evaluates check expressions over one table, column-wise: a column becomes one primitive array
 * (NaN or null for a missing value), read once and shared by every check that names it. A value is
 * either one per row ({@link Numbers}, {@link Texts}) or one for the table ({@link Scalar},
 * {@link Word}); arithmetic and comparisons broadcast a table value over the rows. Missing values
 * propagate through arithmetic, and a condition on a missing value is neither true nor false
 * ({@link #NA}): {@code share} and {@code count} do not count it, a check skips it.
 */
final class Conditions {
    static final byte HOLDS = 0;
    static final byte FAILS = 1;
    static final byte NA = 2;
    /** Relative tolerance of numeric equality, so a computed 0.1 equals the written 10%. */
    static final double TOLERANCE = 1e-9;

    sealed interface Val {
    }

    record Scalar(double value) implements Val {
    }

    record Word(String value) implements Val {
    }

    /** One number per row; NaN is missing. */
    record Numbers(double[] values) implements Val {
    }

    /** One text per row; null is missing. */
    record Texts(String[] values) implements Val {
    }

    /** A check that cannot be answered on this table (a column is not there, a type does not fit). */
    static final class Unanswerable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unanswerable(String message) {
            super(message, null, false, false);
        }
    }

    private final Table table;
    private final int rows;
    private final Map<String, Val> columns = new HashMap<>();

    Conditions(Table table) {
        this.table = table;
        this.rows = table.rowCount();
    }

    int rows() {
        return rows;
    }

    static boolean perRow(Val v) {
        return v instanceof Numbers || v instanceof Texts;
    }

    // ------------------------------------------------------------------ values

    Val value(Expr e) {
        if (e instanceof Expr.Num n) {
            return new Scalar(n.value());
        } else if (e instanceof Expr.Str s) {
            return new Word(s.value());
        } else if (e instanceof Expr.Rows) {
            return new Scalar(rows);
        } else if (e instanceof Expr.Col c) {
            return column(c.name());
        } else if (e instanceof Expr.Neg n) {
            return arithmetic(ArithmeticOp.MINUS, new Scalar(0), value(n.operand()));
        } else if (e instanceof Expr.Arithmetic a) {
            return arithmetic(a.op(), value(a.left()), value(a.right()));
        } else if (e instanceof Expr.Call call) {
            return call(call);
        }
        // A condition used as a value: 1 where it holds, 0 where it fails.
        byte[] s = status(e);
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = s[i] == NA ? Double.NaN : s[i] == HOLDS ? 1 : 0;
        }
        return new Numbers(out);
    }

    Val column(String name) {
        Val v = columns.get(name);
        if (v != null) {
            return v;
        }
        if (!table.containsColumn(name)) {
            throw new Unanswerable("no column `" + name + "` in the data");
        }
        Column<?> col = table.column(name);
        if (col instanceof NumericColumn<?> n) {
            double[] out = new double[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = n.isMissing(i) ? Double.NaN : n.getDouble(i);
            }
            v = new Numbers(out);
        } else {
            String[] out = new String[rows];
            boolean date = col instanceof DateColumn;
            for (int i = 0; i < rows; i++) {
                if (!col.isMissing(i)) {
                    out[i] = date ? ((DateColumn) col).get(i).toString() : col.getUnformattedString(i);
                }
            }
            v = new Texts(out);
        }
        columns.put(name, v);
        return v;
    }

    private Val arithmetic(ArithmeticOp op, Val l, Val r) {
        if (!numeric(l) || !numeric(r)) {
            throw new Unanswerable("`" + op.symbol() + "` needs numbers, not text");
        }
        if (!perRow(l) && !perRow(r)) {
            return new Scalar(apply(op, num(l, 0), num(r, 0)));
        }
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = apply(op, num(l, i), num(r, i));
        }
        return new Numbers(out);
    }

    private static double apply(ArithmeticOp op, double a, double b) {
        double x = op.apply(a, b);
        return Double.isFinite(x) ? x : Double.NaN; // x/0 is missing, like a failed parse
    }

    // ------------------------------------------------------------------ functions

    private Val call(Expr.Call call) {
        Builtin f = call.function();
        List<Expr> args = call.args();
        if ((f == Builtin.MIN || f == Builtin.MAX || f == Builtin.POW) && args.size() > 1) {
            return elementwise(f, args);
        }
        if (args.size() != 1) {
            throw new IllegalArgumentException("`" + f.word() + "` takes one argument in a check, got " + args.size());
        }
        Expr a = args.get(0);
        return switch (f) {
            case MISSING -> new Scalar(rows == 0 ? Double.NaN : (double) missing(value(a)) / rows);
            case SHARE -> new Scalar(rows == 0 ? Double.NaN : (double) holds(status(a)) / rows);
            case COUNT -> new Scalar(holds(status(a)));
            case DISTINCT -> new Scalar(distinct(value(a)));
            case MEAN, MEDIAN, STD, SUM, MIN, MAX -> new Scalar(aggregate(f, present(numbers(value(a), f))));
            case LOG, EXP, SQRT, ABS, ROUND, FLOOR, CEIL, POW -> elementwise(f, args);
            case LENGTH, DAYS_BETWEEN ->
                    throw new IllegalStateException("`" + f.word() + "` is a function of derive, not of checks");
        };
    }

    private Val elementwise(Builtin f, List<Expr> args) {
        Val[] vals = new Val[args.size()];
        boolean anyRow = false;
        for (int k = 0; k < vals.length; k++) {
            vals[k] = value(args.get(k));
            if (!numeric(vals[k])) {
                throw new Unanswerable("`" + f.word() + "` needs numbers, not text");
            }
            anyRow |= perRow(vals[k]);
        }
        int n = anyRow ? rows : 1;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double x = num(vals[0], i);
            double y = switch (f) {
                case LOG -> Math.log(x);
                case EXP -> Math.exp(x);
                case SQRT -> Math.sqrt(x);
                case ABS -> Math.abs(x);
                case ROUND -> Math.floor(x + 0.5);
                case FLOOR -> Math.floor(x);
                case CEIL -> Math.ceil(x);
                case POW -> Math.pow(x, num(vals[1], i));
                default -> { // min, max of several values
                    double m = x;
                    for (int k = 1; k < vals.length; k++) {
                        double z = num(vals[k], i);
                        m = Double.isNaN(m) || Double.isNaN(z) ? Double.NaN : f == Builtin.MIN ? Math.min(m, z) : Math.max(m, z);
                    }
                    yield m;
                }
            };
            out[i] = Double.isFinite(y) ? y : Double.NaN;
        }
        return anyRow ? new Numbers(out) : new Scalar(out[0]);
    }

    /** The numbers of a per-row value, for statistics; text is an error of the check. */
    double[] numbers(Val v, Builtin f) {
        if (v instanceof Numbers n) {
            return n.values();
        } else if (v instanceof Scalar s) {
            return new double[] {s.value()};
        }
        throw new Unanswerable("`" + f.word() + "` needs a numeric column");
    }

    /** The non-missing values. */
    static double[] present(double[] xs) {
        int n = 0;
        for (double x : xs) {
            if (!Double.isNaN(x)) {
                n++;
            }
        }
        if (n == xs.length) {
            return xs;
        }
        double[] out = new double[n];
        int k = 0;
        for (double x : xs) {
            if (!Double.isNaN(x)) {
                out[k++] = x;
            }
        }
        return out;
    }

    /**
     * Statistics of the non-missing values: NaN when there are none (std: fewer than two). The
     * median interpolates between the two middle values; std is the sample standard deviation (n - 1).
     */
    static double aggregate(Builtin f, double[] xs) {
        int n = xs.length;
        if (f == Builtin.SUM) {
            double s = 0;
            for (double x : xs) {
                s += x;
            }
            return s;
        }
        if (n == 0) {
            return Double.NaN;
        }
        switch (f) {
            case MIN: {
                double m = xs[0];
                for (double x : xs) {
                    m = Math.min(m, x);
                }
                return m;
            }
            case MAX: {
                double m = xs[0];
                for (double x : xs) {
                    m = Math.max(m, x);
                }
                return m;
            }
            case MEDIAN: {
                double[] s = xs.clone();
                Arrays.sort(s);
                return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
            }
            default: {
                double mean = 0;
                for (double x : xs) {
                    mean += x;
                }
                mean /= n;
                if (f == Builtin.MEAN) {
                    return mean;
                }
                if (n < 2) {
                    return Double.NaN;
                }
                double ss = 0;
                for (double x : xs) {
                    ss += (x - mean) * (x - mean);
                }
                return Math.sqrt(ss / (n - 1));
            }
        }
    }

    long missing(Val v) {
        long m = 0;
        for (int i = 0; i < rows; i++) {
            if (missingAt(v, i)) {
                m++;
            }
        }
        return m;
    }

    private static long distinct(Val v) {
        if (v instanceof Numbers n) {
            double[] s = present(n.values()).clone();
            Arrays.sort(s);
            long d = 0;
            for (int i = 0; i < s.length; i++) {
                if (i == 0 || s[i] != s[i - 1]) {
                    d++;
                }
            }
            return d;
        } else if (v instanceof Texts t) {
            Set<String> seen = new HashSet<>();
            for (String s : t.values()) {
                if (s != null) {
                    seen.add(s);
                }
            }
            return seen.size();
        }
        return 1;
    }

    static long holds(byte[] status) {
        long n = 0;
        for (byte b : status) {
            if (b == HOLDS) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ conditions

    /** Per row: {@link #HOLDS}, {@link #FAILS} or {@link #NA} (a value it needs is missing). */
    byte[] status(Expr cond) {
        byte[] s;
        if (cond instanceof Expr.Compare c) {
            s = compare(c.op(), value(c.left()), value(c.right()));
        } else if (cond instanceof Expr.InRange r) {
            s = inRange(value(r.subject()), r.lo(), r.hi(), r.negated());
        } else if (cond instanceof Expr.InSet in) {
            s = inSet(value(in.subject()), in.members(), in.negated());
        } else {
            throw new IllegalArgumentException("not a condition: " + cond);
        }
        if (s.length != rows) { // a condition on table values holds for every row or none
            byte one = s[0];
            s = new byte[rows];
            Arrays.fill(s, one);
        }
        return s;
    }

    /** The length of a condition's status: one per row, or one when no operand varies by row. */
    private int length(Val... operands) {
        for (Val v : operands) {
            if (perRow(v)) {
                return rows;
            }
        }
        return 1;
    }

    byte[] compare(CompareOp op, Val l, Val r) {
        int n = length(l, r);
        byte[] out = new byte[n];
        boolean numbers = numeric(l) && numeric(r);
        for (int i = 0; i < n; i++) {
            if (missingAt(l, i) || missingAt(r, i)) {
                out[i] = NA;
            } else {
                boolean ok = numbers ? compare(op, num(l, i), num(r, i)) : compare(op, str(l, i), str(r, i));
                out[i] = ok ? HOLDS : FAILS;
            }
        }
        return out;
    }

    byte[] inRange(Val v, double lo, double hi, boolean negated) {
        int n = length(v);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            if (missingAt(v, i)) {
                out[i] = NA;
                continue;
            }
            double x = numeric(v) ? num(v, i) : parse(str(v, i));
            boolean in = x >= lo && x <= hi;
            out[i] = in != negated ? HOLDS : FAILS;
        }
        return out;
    }

    byte[] inSet(Val v, List<Object> members, boolean negated) {
        int n = length(v);
        byte[] out = new byte[n];
        if (numeric(v)) {
            double[] set = new double[members.size()];
            for (int k = 0; k < set.length; k++) {
                Object m = members.get(k);
                set[k] = m instanceof Number d ? d.doubleValue() : parse(String.valueOf(m));
            }
            for (int i = 0; i < n; i++) {
                if (missingAt(v, i)) {
                    out[i] = NA;
                    continue;
                }
                double x = num(v, i);
                boolean in = false;
                for (double m : set) {
                    in |= compare(CompareOp.EQ, x, m);
                }
                out[i] = in != negated ? HOLDS : FAILS;
            }
        } else {
            Set<String> set = new HashSet<>();
            for (Object m : members) {
                set.add(m instanceof Number d ? Format.number(d.doubleValue()) : String.valueOf(m));
            }
            for (int i = 0; i < n; i++) {
                if (missingAt(v, i)) {
                    out[i] = NA;
                    continue;
                }
                out[i] = set.contains(str(v, i)) != negated ? HOLDS : FAILS;
            }
        }
        return out;
    }

    /** Numeric comparison; values within {@link #TOLERANCE} (relative) are equal; NaN compares false. */
    static boolean compare(CompareOp op, double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return false;
        }
        boolean eq = Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
        return switch (op) {
            case EQ -> eq;
            case NE -> !eq;
            case LT -> !eq && a < b;
            case LE -> eq || a < b;
            case GT -> !eq && a > b;
            case GE -> eq || a > b;
        };
    }

    /** Text comparison (ISO dates order correctly as text). */
    static boolean compare(CompareOp op, String a, String b) {
        int c = a.compareTo(b);
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
        };
    }

    // ------------------------------------------------------------------ access

    static boolean numeric(Val v) {
        return v instanceof Scalar || v instanceof Numbers;
    }

    static boolean missingAt(Val v, int i) {
        if (v instanceof Numbers n) {
            return Double.isNaN(n.values()[i]);
        } else if (v instanceof Texts t) {
            return t.values()[i] == null;
        } else if (v instanceof Scalar s) {
            return Double.isNaN(s.value());
        }
        return false;
    }

    static double num(Val v, int i) {
        if (v instanceof Numbers n) {
            return n.values()[i];
        } else if (v instanceof Scalar s) {
            return s.value();
        }
        throw new IllegalStateException("not a number: " + v);
    }

    static String str(Val v, int i) {
        if (v instanceof Texts t) {
            return t.values()[i];
        } else if (v instanceof Word w) {
            return w.value();
        }
        return Format.number(num(v, i));
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
