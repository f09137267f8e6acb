package dev.mlx.runtime.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.Builtin;
import dev.mlx.runtime.spec.ArithmeticOp;
import dev.mlx.runtime.spec.Check;
import dev.mlx.runtime.spec.CompareOp;
import dev.mlx.runtime.spec.Expr;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every check form, passing and failing, on a six-row table:
 * x = 1, 2, 3, 4, 100, (missing); y = 2, 4, 6, 8, 10, 12; id = 1..6; cat = a, b, a, (missing), c, a.
 */
class CheckRunnerTest {
    static Table table() {
        DoubleColumn x = DoubleColumn.create("x", 1, 2, 3, 4, 100);
        x.appendMissing();
        DateColumn day = DateColumn.create("day", LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 2),
                LocalDate.of(2020, 1, 3), LocalDate.of(2020, 1, 4), LocalDate.of(2020, 1, 5), LocalDate.of(2020, 1, 5));
        return Table.create("t", x, LongColumn.create("y", 2, 4, 6, 8, 10, 12), LongColumn.create("id", 1, 2, 3, 4, 5, 6),
                StringColumn.create("cat", "a", "b", "a", "", "c", "a"), day, DoubleColumn.create("gone", 6));
    }

    static Expr col(String name) {
        return new Expr.Col(name);
    }

    static Expr num(double v) {
        return new Expr.Num(v);
    }

    static Expr call(String f, Expr arg) {
        return new Expr.Call(Builtin.parse(f), List.of(arg));
    }

    static Expr cmp(Expr l, String op, Expr r) {
        return new Expr.Compare(CompareOp.parse(op), l, r);
    }

    static Expr arithmetic(String op, Expr l, Expr r) {
        return new Expr.Arithmetic(ArithmeticOp.parse(op), l, r);
    }

    static CheckOutcome one(Expr condition) {
        return CheckRunner.run(List.of(new Check.Condition("the check", condition, false)), table()).get(0);
    }

    static void passes(String observed, Expr condition) {
        CheckOutcome o = one(condition);
        assertTrue(o.passed(), o.toString());
        assertEquals(observed, o.observed());
    }

    static void fails(String observed, Expr condition) {
        CheckOutcome o = one(condition);
        assertFalse(o.passed(), o.toString());
        assertEquals(observed, o.observed());
    }

    @Test
    void rows() {
        passes("observed 6", cmp(new Expr.Rows(), ">=", num(5)));
        fails("observed 6", cmp(new Expr.Rows(), ">=", num(10)));
        passes("observed 6", cmp(num(10), ">", new Expr.Rows()));
    }

    @Test
    void missingShareIsAPercentage() {
        CheckOutcome o = one(cmp(call("missing", col("x")), "<=", num(0.2)));
        assertTrue(o.passed());
        assertEquals("observed 16.7%", o.observed());
        assertEquals("1 of 6 values missing", o.detail());
        fails("observed 16.7%", cmp(call("missing", col("x")), "==", num(0)));
        passes("observed 16.7%", cmp(call("missing", col("cat")), "<=", num(1.0 / 6)));
        passes("observed 0%", cmp(call("missing", col("y")), "==", num(0)));
        fails("observed 100%", cmp(call("missing", col("gone")), "<", num(0.5)));
    }

    @Test
    void shareAndCountOfConditions() {
        Expr isA = cmp(col("cat"), "==", new Expr.Str("a"));
        CheckOutcome o = one(cmp(call("share", isA), ">=", num(0.5)));
        assertTrue(o.passed(), "3 of 6 is 50%: equal passes >=");
        assertEquals("observed 50%", o.observed());
        assertEquals("3 of 6 rows", o.detail());
        fails("observed 50%", cmp(call("share", isA), ">", num(0.5)));
        passes("observed 2", cmp(call("count", cmp(col("x"), ">", num(3))), "==", num(2)));
        fails("observed 2", cmp(call("count", cmp(col("x"), ">", num(3))), "==", num(0)));
        // missing values are neither in nor out of a set
        passes("observed 2", cmp(call("count", new Expr.InSet(col("cat"), List.of("a"), true)), "==", num(2)));
        passes("observed 4", cmp(call("count", new Expr.InRange(col("x"), 1, 4, false)), "==", num(4)));
        passes("observed 1", cmp(call("count", cmp(col("x"), ">", col("y"))), "==", num(1)));
    }

    @Test
    void distinctAndStatistics() {
        passes("observed 3", cmp(call("distinct", col("cat")), "==", num(3)));
        fails("observed 5", cmp(call("distinct", col("x")), "<", num(5)));
        passes("observed 22", cmp(call("mean", col("x")), "==", num(22)));
        passes("observed 3", cmp(call("median", col("x")), "==", num(3)));
        passes("observed 7", cmp(call("median", col("y")), "==", num(7)));
        CheckOutcome std = one(cmp(call("std", col("x")), "<", num(40)));
        assertFalse(std.passed());
        assertEquals("observed 43.6177", std.observed(), "sqrt(7610 / 4), the sample standard deviation");
        assertEquals("over 5 non-missing values", std.detail());
        passes("observed 110", cmp(call("sum", col("x")), "==", num(110)));
        passes("observed 1", cmp(call("min", col("x")), ">=", num(0)));
        fails("observed 100", cmp(call("max", col("x")), "<=", num(50)));
        passes("observed 11", cmp(arithmetic("/", call("mean", col("x")), num(2)), ">", num(10)));
        passes("observed 3", new Expr.InRange(call("median", col("x")), 0, 10, false));
        fails("observed 3", new Expr.InRange(call("median", col("x")), 5, 10, false));
        passes("observed 3", new Expr.InSet(call("distinct", col("cat")), List.of(3.0, 4.0), false));
        fails("observed no value (every value is missing)", cmp(call("mean", col("gone")), ">", num(0)));
    }

    @Test
    void everyValueInARange() {
        CheckOutcome ok = one(new Expr.InRange(col("x"), 0, 100, false));
        assertTrue(ok.passed());
        assertEquals("all 5 values in 0..100", ok.observed());
        assertEquals("5 values checked, 1 missing value skipped", ok.detail());
        fails("1 value out of range: 100 (row 5)", new Expr.InRange(col("x"), 0, 10, false));
        fails("3 values out of range: 1 (row 1), 2 (row 2), 100 (row 5)", new Expr.InRange(col("x"), 2.5, 4.5, false));
        fails("4 values out of range: 1 (row 1), 2 (row 2), 3 (row 3), …", new Expr.InRange(col("x"), 4, 4, false));
        passes("no value in 200..300", new Expr.InRange(col("x"), 200, 300, true));
        fails("1 value in the excluded range 50..200: 100 (row 5)", new Expr.InRange(col("x"), 50, 200, true));
        passes("no values to check (all missing)", new Expr.InRange(col("gone"), 0, 1, false));
    }

    @Test
    void everyValueInASet() {
        passes("all 5 values in the set", new Expr.InSet(col("cat"), List.of("a", "b", "c"), false));
        fails("1 value not in the set: \"c\" (row 5)", new Expr.InSet(col("cat"), List.of("a", "b"), false));
        fails("4 values not in the set: \"a\" (row 1), \"b\" (row 2), …", new Expr.InSet(col("cat"), List.of("c"), false));
        passes("no value in the set", new Expr.InSet(col("cat"), List.of("z"), true));
        fails("1 value in the excluded set: \"c\" (row 5)", new Expr.InSet(col("cat"), List.of("c"), true));
        passes("all 6 values in the set", new Expr.InSet(col("y"), List.of(2.0, 4.0, 6.0, 8.0, 10.0, 12.0), false));
        fails("1 value not in the set: 12 (row 6)", new Expr.InSet(col("y"), List.of(2.0, 4.0, 6.0, 8.0, 10.0), false));
        passes("all 6 values in the set", new Expr.InSet(col("day"), List.of("2020-01-01", "2020-01-02", "2020-01-03",
                "2020-01-04", "2020-01-05"), false));
    }

    @Test
    void bareColumnComparedWithANumberOrAColumn() {
        CheckOutcome ok = one(cmp(col("x"), ">=", num(0)));
        assertTrue(ok.passed());
        assertEquals("all 5 values pass", ok.observed());
        fails("1 value fails: 100 (row 5)", cmp(col("x"), "<", num(50)));
        fails("1 value fails: 100 (row 5)", cmp(num(50), ">", col("x")));
        fails("1 value fails: \"c\" (row 5)", cmp(col("cat"), "!=", new Expr.Str("c")));
        CheckOutcome two = one(cmp(col("x"), "<=", col("y")));
        assertFalse(two.passed());
        assertEquals("1 row fails: 100 vs 10 (row 5)", two.observed());
        assertEquals("5 rows checked, 1 row skipped (a value missing)", two.detail());
        passes("all 5 values pass", cmp(arithmetic("-", col("y"), col("x")), ">=", new Expr.Neg(num(90))));
        passes("all 6 values pass", cmp(col("day"), ">=", new Expr.Str("2020-01-01")));
    }

    @Test
    void uniqueKeys() {
        CheckOutcome ok = CheckRunner.run(List.of(new Check.Unique("unique id", List.of("id"), false)), table()).get(0);
        assertTrue(ok.passed());
        assertEquals("no duplicated keys", ok.observed());
        assertEquals("6 rows checked", ok.detail());
        CheckOutcome cat = CheckRunner.run(List.of(new Check.Unique("unique cat", List.of("cat"), false)), table()).get(0);
        assertFalse(cat.passed());
        assertEquals("1 duplicated key: \"a\" (rows 1 and 3, 1 more)", cat.observed());
        assertEquals("5 rows checked, 2 repeat an earlier key, 1 row with a missing key value skipped", cat.detail());
        CheckOutcome pair = CheckRunner.run(List.of(new Check.Unique("unique cat, day", List.of("cat", "day"), false)),
                table()).get(0);
        assertTrue(pair.passed(), pair.toString());
        CheckOutcome days = CheckRunner.run(List.of(new Check.Unique("unique day, x", List.of("day", "x"), false)),
                table()).get(0);
        assertTrue(days.passed(), "row 6 repeats the day but its x is missing: skipped");
        CheckOutcome dayOnly = CheckRunner.run(List.of(new Check.Unique("unique day", List.of("day"), false)), table()).get(0);
        assertEquals("1 duplicated key: \"2020-01-05\" (rows 5 and 6)", dayOnly.observed());
    }

    @Test
    void outcomesKeepTextOrderAndWarn() {
        List<CheckOutcome> out = CheckRunner.run(List.of(
                new Check.Condition("rows >= 100 warn", cmp(new Expr.Rows(), ">=", num(100)), true),
                new Check.Condition("rows >= 100", cmp(new Expr.Rows(), ">=", num(100)), false),
                new Check.Condition("rows >= 1", cmp(new Expr.Rows(), ">=", num(1)), false)), table());
        assertEquals(List.of("rows >= 100 warn", "rows >= 100", "rows >= 1"), out.stream().map(CheckOutcome::text).toList());
        assertTrue(out.get(0).warn());
        assertFalse(out.get(0).fails(), "a failed warning does not stop the run");
        assertTrue(out.get(1).fails());
        assertTrue(out.get(2).passed());
        assertNull(out.get(2).detail());
    }

    @Test
    void aColumnThatIsNotThereFailsTheCheckWithoutThrowing() {
        fails("no column `nope` in the data", cmp(call("missing", col("nope")), "==", num(0)));
        CheckOutcome u = CheckRunner.run(List.of(new Check.Unique("unique nope", List.of("nope"), true)), table()).get(0);
        assertFalse(u.passed());
        assertEquals("no column `nope` in the data", u.observed());
        fails("`mean` needs a numeric column", cmp(call("mean", col("cat")), ">", num(0)));
    }

    @Test
    void sharesCompareWithATolerance() {
        // 1/3 written as 33.333333333% still equals the computed share of 2 in 6
        Expr bOrC = new Expr.InSet(col("cat"), List.of("b", "c"), false);
        passes("observed 33.3%", cmp(call("share", bOrC), "==", num(0.33333333333)));
        fails("observed 33.3%", cmp(call("share", bOrC), "==", num(0.3333)));
        passes("observed 0.3", cmp(arithmetic("+", num(0.1), num(0.2)), "==", num(0.3)));
    }

    @Test
    void notACheckIsABug() {
        assertThrows(IllegalStateException.class, () -> one(col("x")));
    }

    @Test
    void formatting() {
        assertEquals("0.58%", Format.percent(0.0058));
        assertEquals("0.291%", Format.percent(1.0 / 344));
        assertEquals("100%", Format.percent(1));
        assertEquals("4201.75", Format.number(4201.754385964912));
        assertEquals("-3", Format.number(-3.0));
        assertEquals("1.23457E-7", Format.number(1.234567e-7));
    }
}
