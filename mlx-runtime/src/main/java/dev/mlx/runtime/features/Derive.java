package dev.mlx.runtime.features;

import com.google.gson.JsonObject;
import dev.mlx.catalog.Builtin;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.spec.ArithmeticOp;
import dev.mlx.runtime.spec.Expr;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * {@code derive NAME = EXPRESSION}: a new numeric column, computed a whole column at a time. A
 * missing input gives a missing result, and so does a result that is not a finite number (log of
 * 0, division by 0): impute it afterwards. Booleans count as 0/1. {@code round} rounds halves away
 * from zero. The expression is copied into serialisable nodes at fit time.
 */
final class Derive implements FittedStep {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final Node expr;

    private Derive(String name, Node expr) {
        this.name = name;
        this.expr = expr;
    }

    static Derive fit(String name, Expr expr) {
        return new Derive(name, Node.of(expr, name));
    }

    /** Adds the columns the expression reads. */
    void references(java.util.Set<String> out) {
        references(expr, out);
    }

    private static void references(Node node, java.util.Set<String> out) {
        if (node instanceof Ref r) {
            out.add(r.column());
        } else if (node instanceof Neg n) {
            references(n.operand(), out);
        } else if (node instanceof Arith a) {
            references(a.left(), out);
            references(a.right(), out);
        } else if (node instanceof Fn f) {
            for (Node arg : f.args()) {
                references(arg, out);
            }
        }
    }

    /** The expression as the runtime keeps it. */
    sealed interface Node extends Serializable {
        static Node of(Expr e, String derived) {
            if (e instanceof Expr.Num n) {
                return new Const(n.value());
            } else if (e instanceof Expr.Col c) {
                return new Ref(c.name());
            } else if (e instanceof Expr.Neg n) {
                return new Neg(of(n.operand(), derived));
            } else if (e instanceof Expr.Arithmetic a) {
                return new Arith(a.op(), of(a.left(), derived), of(a.right(), derived));
            } else if (e instanceof Expr.Call c) {
                List<Node> args = new ArrayList<>();
                for (Expr a : c.args()) {
                    args.add(of(a, derived));
                }
                return new Fn(c.function(), args.toArray(Node[]::new));
            }
            // the checker lets `rows` through; strings and conditions it rejects
            throw new RunException("`derive " + derived + "` uses an expression a derived column cannot compute: "
                    + e.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        }
    }

    record Const(double value) implements Node {
        @Override
        public String toString() {
            return ColumnMath.text(value);
        }
    }

    record Ref(String column) implements Node {
        @Override
        public String toString() {
            return column;
        }
    }

    record Neg(Node operand) implements Node {
        @Override
        public String toString() {
            return "-" + operand;
        }
    }

    record Arith(ArithmeticOp op, Node left, Node right) implements Node {
        @Override
        public String toString() {
            return "(" + left + " " + op.symbol() + " " + right + ")";
        }
    }

    record Fn(Builtin function, Node[] args) implements Node {
        @Override
        public String toString() {
            List<String> a = new ArrayList<>();
            for (Node n : args) {
                a.add(n.toString());
            }
            return function.word() + "(" + String.join(", ", a) + ")";
        }
    }

    /** A value while evaluating: a whole column, or one number for every row. */
    private record Val(double[] column, double scalar) {
        double at(int i) {
            return column == null ? scalar : column[i];
        }
    }

    @Override
    public void apply(Frame frame) {
        Val v = eval(expr, frame);
        double[] out = new double[frame.rows];
        for (int i = 0; i < out.length; i++) {
            double x = v.at(i);
            out[i] = Double.isFinite(x) ? x : Double.NaN;
        }
        frame.add(name, new Col.Num(out));
    }

    private Val eval(Node node, Frame frame) {
        if (node instanceof Const c) {
            return new Val(null, c.value());
        } else if (node instanceof Ref r) {
            return new Val(numbers(r.column(), frame), 0);
        } else if (node instanceof Neg n) {
            return map(eval(n.operand(), frame), x -> -x, frame.rows);
        } else if (node instanceof Arith a) {
            ArithmeticOp op = a.op();
            return zip(eval(a.left(), frame), eval(a.right(), frame), op::apply, frame.rows);
        }
        // The checker admits only derive's functions, those of a fixed arity with their number of arguments.
        Fn f = (Fn) node;
        return switch (f.function()) {
            case LENGTH -> length(f, frame);
            case DAYS_BETWEEN -> daysBetween(f, frame);
            case MIN, MAX -> {
                if (f.args().length == 0) {
                    throw new RunException("`derive " + name + "`: `" + f.function().word() + "` needs an argument");
                }
                Val acc = eval(f.args()[0], frame);
                DoubleBinaryOperator op = f.function() == Builtin.MIN ? Math::min : Math::max;
                for (int k = 1; k < f.args().length; k++) {
                    acc = zip(acc, eval(f.args()[k], frame), op, frame.rows);
                }
                yield acc;
            }
            case POW -> zip(eval(f.args()[0], frame), eval(f.args()[1], frame), Math::pow, frame.rows);
            case LOG -> map(eval(f.args()[0], frame), Math::log, frame.rows);
            case EXP -> map(eval(f.args()[0], frame), Math::exp, frame.rows);
            case SQRT -> map(eval(f.args()[0], frame), Math::sqrt, frame.rows);
            case ABS -> map(eval(f.args()[0], frame), Math::abs, frame.rows);
            case ROUND -> map(eval(f.args()[0], frame), x -> Math.signum(x) * Math.floor(Math.abs(x) + 0.5), frame.rows);
            case FLOOR -> map(eval(f.args()[0], frame), Math::floor, frame.rows);
            case CEIL -> map(eval(f.args()[0], frame), Math::ceil, frame.rows);
            case MISSING, SHARE, COUNT, DISTINCT, MEAN, MEDIAN, STD, SUM ->
                    throw new IllegalStateException("`" + f.function().word() + "` is a function of checks, not of derive");
        };
    }

    private double[] numbers(String column, Frame frame) {
        Col col = frame.get(column, "derive " + name);
        if (col instanceof Col.Num num) {
            return num.v();
        }
        if (col instanceof Col.Cat cat && cat.bool()) {
            double[] v = new double[frame.rows];
            for (int i = 0; i < v.length; i++) {
                v[i] = cat.codes()[i] < 0 ? Double.NaN : cat.codes()[i];
            }
            return v;
        }
        throw FittedStep.wrongType(column, col, "derive " + name, "numbers or true/false values");
    }

    private Val length(Fn f, Frame frame) {
        if (f.args().length != 1 || !(f.args()[0] instanceof Ref r)) {
            throw new RunException("`derive " + name + "`: `length` takes one text column");
        }
        Col col = frame.get(r.column(), "derive " + name);
        if (!(col instanceof Col.Cat cat)) {
            throw FittedStep.wrongType(r.column(), col, "derive " + name, "text");
        }
        double[] perLevel = new double[cat.levels().length];
        for (int l = 0; l < perLevel.length; l++) {
            perLevel[l] = cat.levels()[l].codePointCount(0, cat.levels()[l].length());
        }
        double[] v = new double[frame.rows];
        for (int i = 0; i < v.length; i++) {
            v[i] = cat.codes()[i] < 0 ? Double.NaN : perLevel[cat.codes()[i]];
        }
        return new Val(v, 0);
    }

    private Val daysBetween(Fn f, Frame frame) {
        if (f.args().length != 2 || !(f.args()[0] instanceof Ref a) || !(f.args()[1] instanceof Ref b)) {
            throw new RunException("`derive " + name + "`: `days_between` takes two date columns");
        }
        Col.Time from = time(a.column(), frame);
        Col.Time to = time(b.column(), frame);
        double[] v = new double[frame.rows];
        for (int i = 0; i < v.length; i++) {
            if (from.day()[i] == Col.Time.MISSING || to.day()[i] == Col.Time.MISSING) {
                v[i] = Double.NaN;
            } else {
                long seconds = (to.day()[i] - (long) from.day()[i]) * 86_400L
                        + (to.second() == null ? 0 : to.second()[i]) - (from.second() == null ? 0 : from.second()[i]);
                v[i] = seconds / 86_400L; // whole days, truncated toward zero
            }
        }
        return new Val(v, 0);
    }

    private Col.Time time(String column, Frame frame) {
        Col col = frame.get(column, "derive " + name);
        if (col instanceof Col.Time t) {
            return t;
        }
        throw FittedStep.wrongType(column, col, "derive " + name, "dates");
    }

    private static Val map(Val a, DoubleUnaryOperator op, int rows) {
        if (a.column() == null) {
            return new Val(null, op.applyAsDouble(a.scalar()));
        }
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = op.applyAsDouble(a.column()[i]);
        }
        return new Val(out, 0);
    }

    private static Val zip(Val a, Val b, DoubleBinaryOperator op, int rows) {
        if (a.column() == null && b.column() == null) {
            return new Val(null, op.applyAsDouble(a.scalar(), b.scalar()));
        }
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = op.applyAsDouble(a.at(i), b.at(i));
        }
        return new Val(out, 0);
    }

    @Override
    public JsonObject describe() {
        JsonObject o = new JsonObject();
        o.addProperty("step", "derive");
        o.addProperty("name", name);
        o.addProperty("expression", expr.toString());
        return o;
    }
}
