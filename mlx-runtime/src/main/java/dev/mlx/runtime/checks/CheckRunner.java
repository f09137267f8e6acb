package dev.mlx.runtime.checks;

import dev.mlx.catalog.Builtin;
import dev.mlx.runtime.checks.Conditions.Scalar;
import dev.mlx.runtime.checks.Conditions.Unanswerable;
import dev.mlx.runtime.checks.Conditions.Val;
import dev.mlx.runtime.checks.Conditions.Word;
import dev.mlx.runtime.spec.Check;
import dev.mlx.runtime.spec.Expr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Evaluates the checks block over the raw table, every check to the end (a failing check does not
 * hide the next one). Forms:
 * <ul>
 *   <li>a comparison of table values — {@code rows}, {@code missing(c)} (share 0..1),
 *       {@code share(cond)}, {@code count(cond)}, {@code distinct(c)}, {@code mean/median/std/sum/min/max(c)}
 *       over the non-missing values, and arithmetic on them: {@code observed 0.58%};</li>
 *   <li>a comparison involving a bare column ({@code age >= 0}, {@code temp_min <= temp_max}), and
 *       {@code c in lo..hi}, {@code c in {..}} and their {@code not in}: every row whose values are all
 *       present must satisfy it; missing values are skipped (a {@code missing(c)} check covers them);
 *       observed is how many fail, with up to three example values and their rows;</li>
 *   <li>{@code unique c, ...}: no two rows share the value, or the combination of values; a row with a
 *       missing key value is skipped, as SQL's UNIQUE does; observed is the number of duplicated keys.</li>
 * </ul>
 * Numbers compare with a relative tolerance of 1e-9, so a computed share equals the written
 * percentage. A check that cannot be answered on this table (a column is not there) fails with the
 * reason as its observed value; nothing about the data throws.
 */
public final class CheckRunner {
    private CheckRunner() {
    }

    /** One outcome per check, in order. */
    public static List<CheckOutcome> run(List<Check> checks, Table table) {
        Conditions ev = new Conditions(table);
        List<CheckOutcome> out = new ArrayList<>(checks.size());
        for (Check c : checks) {
            out.add(one(ev, c));
        }
        return List.copyOf(out);
    }

    private static CheckOutcome one(Conditions ev, Check c) {
        try {
            if (c instanceof Check.Unique u) {
                return unique(ev, u);
            }
            Expr e = ((Check.Condition) c).condition();
            if (e instanceof Expr.Compare cmp) {
                Val l = ev.value(cmp.left());
                Val r = ev.value(cmp.right());
                if (Conditions.perRow(l) || Conditions.perRow(r)) {
                    return perRow(ev, c, ev.compare(cmp.op(), l, r), l, r, Shape.COMPARE, null);
                }
                boolean ok = Conditions.numeric(l) && Conditions.numeric(r)
                        ? Conditions.compare(cmp.op(), Conditions.num(l, 0), Conditions.num(r, 0))
                        : Conditions.compare(cmp.op(), Conditions.str(l, 0), Conditions.str(r, 0));
                boolean showLeft = !literal(cmp.left()) || literal(cmp.right());
                return observed(ev, c, ok, showLeft ? cmp.left() : cmp.right(), showLeft ? l : r);
            }
            if (e instanceof Expr.InRange in) {
                Val v = ev.value(in.subject());
                String range = Format.number(in.lo()) + ".." + Format.number(in.hi());
                if (Conditions.perRow(v)) {
                    return perRow(ev, c, ev.inRange(v, in.lo(), in.hi(), in.negated()), v, null,
                            in.negated() ? Shape.OUTSIDE_RANGE : Shape.RANGE, range);
                }
                return observed(ev, c, ev.inRange(v, in.lo(), in.hi(), in.negated())[0] == Conditions.HOLDS,
                        in.subject(), v);
            }
            if (e instanceof Expr.InSet in) {
                Val v = ev.value(in.subject());
                if (Conditions.perRow(v)) {
                    return perRow(ev, c, ev.inSet(v, in.members(), in.negated()), v, null,
                            in.negated() ? Shape.OUTSIDE_SET : Shape.SET, null);
                }
                return observed(ev, c, ev.inSet(v, in.members(), in.negated())[0] == Conditions.HOLDS, in.subject(), v);
            }
            throw new IllegalStateException("a check is a comparison, a range, a set or `unique`: " + c.text());
        } catch (Unanswerable u) {
            return new CheckOutcome(c.text(), false, c.warn(), u.getMessage(), null);
        }
    }

    // ------------------------------------------------------------------ one value for the table

    private static CheckOutcome observed(Conditions ev, Check c, boolean ok, Expr shown, Val v) {
        String value;
        if (v instanceof Word w) {
            value = Format.quoted(w.value());
        } else {
            double x = ((Scalar) v).value();
            value = Double.isNaN(x) ? "no value (every value is missing)" : share(shown) ? Format.percent(x) : Format.number(x);
        }
        return new CheckOutcome(c.text(), ok, c.warn(), "observed " + value, describe(ev, shown));
    }

    private static boolean literal(Expr e) {
        return e instanceof Expr.Num || e instanceof Expr.Str;
    }

    private static boolean share(Expr e) {
        return e instanceof Expr.Call call && (call.function() == Builtin.MISSING || call.function() == Builtin.SHARE);
    }

    /** The counts behind a function's value. */
    private static String describe(Conditions ev, Expr e) {
        if (!(e instanceof Expr.Call call) || call.args().size() != 1) {
            return null;
        }
        Expr a = call.args().get(0);
        long rows = ev.rows();
        return switch (call.function()) {
            case MISSING -> ev.missing(ev.value(a)) + " of " + Format.plural(rows, "value") + " missing";
            case SHARE -> Conditions.holds(ev.status(a)) + " of " + Format.plural(rows, "row");
            case COUNT -> "of " + Format.plural(rows, "row");
            case DISTINCT -> "among " + Format.plural(rows - ev.missing(ev.value(a)), "non-missing value");
            case MEAN, MEDIAN, STD, SUM, MIN, MAX ->
                    "over " + Format.plural(Conditions.present(ev.numbers(ev.value(a), call.function())).length,
                            "non-missing value");
            case LENGTH, LOG, EXP, SQRT, ABS, ROUND, FLOOR, CEIL, POW, DAYS_BETWEEN -> null;
        };
    }

    // ------------------------------------------------------------------ every row

    private enum Shape {
        COMPARE, RANGE, OUTSIDE_RANGE, SET, OUTSIDE_SET
    }

    private static CheckOutcome perRow(Conditions ev, Check c, byte[] status, Val l, Val r, Shape shape, String range) {
        boolean both = r != null && Conditions.perRow(l) && Conditions.perRow(r);
        Val shown = Conditions.perRow(l) ? l : r;
        String noun = both ? "row" : "value";
        long checked = 0;
        long failed = 0;
        // Examples show different values (the first row of each): three rows of the same bad
        // category say less than three bad categories.
        List<String> shownValues = new ArrayList<>();
        StringBuilder examples = new StringBuilder();
        for (int i = 0; i < status.length; i++) {
            if (status[i] == Conditions.NA) {
                continue;
            }
            checked++;
            if (status[i] == Conditions.FAILS) {
                failed++;
                if (shownValues.size() < Format.EXAMPLES) {
                    String value = both ? show(shown, i) + " vs " + show(r, i) : show(shown, i);
                    if (!shownValues.contains(value)) {
                        shownValues.add(value);
                        examples.append(shownValues.size() > 1 ? ", " : "").append(value)
                                .append(" (row ").append(i + 1).append(')');
                    }
                }
            }
        }
        if (failed > shownValues.size()) {
            examples.append(", …");
        }
        String observed;
        if (failed > 0) {
            String what = switch (shape) {
                case COMPARE -> failed == 1 ? " fails" : " fail";
                case RANGE -> " out of range";
                case OUTSIDE_RANGE -> " in the excluded range " + range;
                case SET -> " not in the set";
                case OUTSIDE_SET -> " in the excluded set";
            };
            observed = Format.plural(failed, noun) + what + ": " + examples;
        } else if (checked == 0) {
            observed = "no values to check (all missing)";
        } else {
            String all = "all " + Format.plural(checked, noun);
            observed = switch (shape) {
                case COMPARE -> all + " pass";
                case RANGE -> all + " in " + range;
                case OUTSIDE_RANGE -> "no value in " + range;
                case SET -> all + " in the set";
                case OUTSIDE_SET -> "no value in the set";
            };
        }
        long skipped = status.length - checked;
        String detail = Format.plural(checked, noun) + " checked"
                + (skipped > 0 ? ", " + Format.plural(skipped, both ? "row" : "missing value") + " skipped"
                        + (both ? " (a value missing)" : "") : "");
        return new CheckOutcome(c.text(), failed == 0, c.warn(), observed, detail);
    }

    private static String show(Val v, int i) {
        return Conditions.numeric(v) ? Format.number(Conditions.num(v, i)) : Format.quoted(Conditions.str(v, i));
    }

    // ------------------------------------------------------------------ unique

    private static CheckOutcome unique(Conditions ev, Check.Unique c) {
        List<String> names = c.columns();
        Val[] keys = new Val[names.size()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = ev.column(names.get(k));
        }
        int rows = ev.rows();
        // key -> {first row, second row, occurrences}
        Map<Object, int[]> seen = new HashMap<>();
        List<Object> duplicated = new ArrayList<>();
        long skipped = 0;
        long repeats = 0;
        for (int i = 0; i < rows; i++) {
            Object key = key(keys, i);
            if (key == null) {
                skipped++;
                continue;
            }
            int[] e = seen.get(key);
            if (e == null) {
                seen.put(key, new int[] {i, -1, 1});
            } else {
                repeats++;
                if (e[2]++ == 1) {
                    e[1] = i;
                    duplicated.add(key);
                }
            }
        }
        String observed;
        if (duplicated.isEmpty()) {
            observed = "no duplicated keys";
        } else {
            StringBuilder sb = new StringBuilder(Format.plural(duplicated.size(), "duplicated key")).append(": ");
            for (int k = 0; k < Math.min(Format.EXAMPLES, duplicated.size()); k++) {
                int[] e = seen.get(duplicated.get(k));
                int first = e[0];
                sb.append(k > 0 ? ", " : "").append(showKey(keys, first)).append(" (rows ").append(first + 1)
                        .append(" and ").append(e[1] + 1).append(e[2] > 2 ? ", " + (e[2] - 2) + " more" : "").append(')');
            }
            if (duplicated.size() > Format.EXAMPLES) {
                sb.append(", …");
            }
            observed = sb.toString();
        }
        String detail = Format.plural(rows - skipped, "row") + " checked"
                + (repeats > 0 ? ", " + repeats + " repeat an earlier key" : "")
                + (skipped > 0 ? ", " + Format.plural(skipped, "row") + " with a missing key value skipped" : "");
        return new CheckOutcome(c.text(), duplicated.isEmpty(), c.warn(), observed, detail);
    }

    private static Object key(Val[] keys, int i) {
        if (keys.length == 1) {
            if (Conditions.missingAt(keys[0], i)) {
                return null;
            }
            return part(keys[0], i);
        }
        List<Object> parts = new ArrayList<>(keys.length);
        for (Val v : keys) {
            if (Conditions.missingAt(v, i)) {
                return null;
            }
            parts.add(part(v, i));
        }
        return parts;
    }

    /** A key value; -0.0 and 0.0 are the same key. */
    private static Object part(Val v, int i) {
        if (Conditions.numeric(v)) {
            double x = Conditions.num(v, i);
            return x == 0 ? 0.0 : x;
        }
        return Conditions.str(v, i);
    }

    private static String showKey(Val[] keys, int i) {
        if (keys.length == 1) {
            return show(keys[0], i);
        }
        StringBuilder sb = new StringBuilder("(");
        for (int k = 0; k < keys.length; k++) {
            sb.append(k > 0 ? ", " : "").append(show(keys[k], i));
        }
        return sb.append(')').toString();
    }
}
