package dev.mlx.runtime.features;

import dev.mlx.catalog.ImputeStatistic;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.result.FeaturesLearned;
import dev.mlx.runtime.result.Scalar;
import dev.mlx.runtime.spec.Fill;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code impute COLUMNS with mean|median|mode|VALUE}: the statistic is taken from the training
 * rows as they are at this step; missing values of any table get it. Works on numbers,
 * categories, text, dates, and on columns already one-hot or text encoded.
 */
final class Impute implements FittedStep {
    private static final long serialVersionUID = 1L;
    private final String with;
    private final String[] columns;
    private final Learned[] fills;

    private Impute(String with, String[] columns, Learned[] fills) {
        this.with = with;
        this.columns = columns;
        this.fills = fills;
    }

    /** The value a column's missing entries get, as learned for the kind of values it holds. */
    private sealed interface Learned extends Serializable {
    }

    private record Number(double value) implements Learned {
    }

    private record Text(String value) implements Learned {
    }

    private record Day(int day, int second) implements Learned {
    }

    private record Slot(String feature, int slot) implements Learned {
    }

    private record Vector(String text, int[] idx, double[] val) implements Learned {
    }

    /**
     * The step with fills learned elsewhere (another engine): per column a number or a text, as
     * run.json records them; {@code with} is the statistic's word or the constant.
     */
    static Impute learned(String with, List<String> columns, List<Object> values) {
        Learned[] fills = new Learned[columns.size()];
        for (int c = 0; c < fills.length; c++) {
            Object v = values.get(c);
            if (v instanceof java.lang.Number n) {
                fills[c] = new Number(n.doubleValue());
            } else if (v instanceof String t) {
                fills[c] = new Text(t);
            } else {
                throw new RunException("cannot rebuild the fill of `" + columns.get(c) + "`: " + v);
            }
        }
        return new Impute(with, columns.toArray(String[]::new), fills);
    }

    static Impute fit(List<String> columnList, Fill with, Frame frame) {
        String[] columns = columnList.toArray(String[]::new);
        Col[] cols = new Col[columns.length];
        for (int c = 0; c < columns.length; c++) {
            cols[c] = frame.get(columns[c], "impute");
        }
        Learned[] fills = new Learned[columns.length];
        ColumnMath.parallel(columns.length, (long) columns.length * frame.rows, c -> fills[c] = fit(columns[c], cols[c], with));
        return new Impute(text(with), columns, fills);
    }

    /** The fill as run.json shows it: the statistic's word, or the constant. */
    private static String text(Fill with) {
        if (with instanceof Fill.Statistic s) {
            return s.statistic().word();
        }
        return with instanceof Fill.Number n ? ColumnMath.text(n.value()) : ((Fill.Text) with).value();
    }

    private static Learned fit(String column, Col col, Fill with) {
        ImputeStatistic statistic = with instanceof Fill.Statistic s ? s.statistic() : null;
        if (col instanceof Col.Num num) {
            double value = statistic == null ? constantNumber(column, with) : switch (statistic) {
                case MEAN -> ColumnMath.mean(num.v());
                case MEDIAN -> ColumnMath.quantileOf(num.v(), 0.5);
                case MODE -> ColumnMath.mode(ColumnMath.sorted(num.v()));
            };
            if (Double.isNaN(value)) {
                throw noValues(column, statistic);
            }
            return new Number(value);
        }
        if (statistic != null && statistic != ImputeStatistic.MODE) {
            throw new RunException("cannot impute `" + column + "` with the " + statistic.word()
                    + ": it is not numeric (use `mode` or a value)");
        }
        String constant = statistic != null ? null : text(with);
        if (col instanceof Col.Cat cat) {
            if (constant == null) {
                int mode = ColumnMath.modeLevel(cat.counts(), cat.levels());
                if (mode < 0) {
                    throw noValues(column, statistic);
                }
                return new Text(cat.levels()[mode]);
            }
            if (cat.bool() && !constant.equals("true") && !constant.equals("false")) {
                throw new RunException("cannot impute true/false column `" + column + "` with `" + constant + "`");
            }
            return new Text(constant);
        }
        if (col instanceof Col.Time time) {
            if (constant != null) {
                Col.Time t = TableReader.parseDate(column, constant);
                return new Day(t.day()[0], t.second() == null ? 0 : t.second()[0]);
            }
            long[] keys = new long[time.day().length];
            int n = 0;
            for (int i = 0; i < keys.length; i++) {
                if (time.day()[i] != Col.Time.MISSING) {
                    keys[n++] = time.day()[i] * 86_400L + (time.second() == null ? 0 : time.second()[i]);
                }
            }
            if (n == 0) {
                throw noValues(column, statistic);
            }
            double[] sorted = new double[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = keys[i];
            }
            Arrays.sort(sorted);
            long mode = (long) ColumnMath.mode(sorted);
            return new Day((int) Math.floorDiv(mode, 86_400L), (int) Math.floorMod(mode, 86_400L));
        }
        if (col instanceof Col.OneHot hot) {
            int slot;
            if (constant == null) {
                int[] counts = new int[hot.names().length];
                for (int s : hot.slot()) {
                    if (s >= 0) {
                        counts[s]++;
                    }
                }
                slot = 0;
                for (int s = 1; s < counts.length; s++) {
                    if (counts[s] > counts[slot]) {
                        slot = s;
                    }
                }
                if (counts[slot] == 0) {
                    throw noValues(column, statistic);
                }
            } else {
                slot = Arrays.asList(hot.names()).indexOf(column + "@" + constant);
                slot = slot < 0 ? hot.names().length - 1 : slot; // not a kept category: other
            }
            return new Slot(hot.names()[slot], slot);
        }
        Col.Sparse text = (Col.Sparse) col;
        if (constant != null) {
            Col.Sparse one = text.source().encode(new Col.Cat(new int[] {0}, new String[] {constant}, false, false));
            return new Vector(constant, one.docIdx()[0], one.docVal()[0]);
        }
        int[] counts = new int[text.docIdx().length];
        for (int d : text.doc()) {
            if (d >= 0) {
                counts[d]++;
            }
        }
        int best = -1;
        for (int d = 0; d < counts.length; d++) {
            if (counts[d] > 0 && (best < 0 || counts[d] > counts[best])) {
                best = d;
            }
        }
        if (best < 0) {
            throw noValues(column, statistic);
        }
        return new Vector(null, text.docIdx()[best], text.docVal()[best]);
    }

    /** A constant for a numeric column: a number, or a text that reads as one. */
    private static double constantNumber(String column, Fill with) {
        if (with instanceof Fill.Number n) {
            return n.value();
        }
        String text = ((Fill.Text) with).value();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new RunException("cannot impute numeric column `" + column + "` with `" + text + "`");
        }
    }

    private static RunException noValues(String column, ImputeStatistic statistic) {
        return new RunException("cannot impute `" + column + "` with the " + (statistic == null ? "value" : statistic.word())
                + ": the training rows have no values in it");
    }

    @Override
    public void apply(Frame frame) {
        Col[] cols = new Col[columns.length];
        for (int c = 0; c < columns.length; c++) {
            cols[c] = frame.get(columns[c], "impute");
        }
        Col[] out = new Col[columns.length];
        ColumnMath.parallel(columns.length, (long) columns.length * frame.rows, c -> out[c] = fill(columns[c], cols[c], fills[c]));
        for (int c = 0; c < columns.length; c++) {
            frame.set(columns[c], out[c]);
        }
    }

    private static Col fill(String column, Col col, Learned fill) {
        if (col instanceof Col.Num num && fill instanceof Number f) {
            double[] v = num.v();
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(v[i])) {
                    v[i] = f.value();
                }
            }
            return num;
        }
        if (col instanceof Col.Cat cat && fill instanceof Text f) {
            String[] levels = cat.levels();
            int level = Arrays.asList(levels).indexOf(f.value());
            if (level < 0) {
                levels = Arrays.copyOf(levels, levels.length + 1);
                level = levels.length - 1;
                levels[level] = f.value();
            }
            int[] codes = cat.codes();
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] < 0) {
                    codes[i] = level;
                }
            }
            return new Col.Cat(codes, levels, cat.ordered(), cat.bool());
        }
        if (col instanceof Col.Time time && fill instanceof Day f) {
            for (int i = 0; i < time.day().length; i++) {
                if (time.day()[i] == Col.Time.MISSING) {
                    time.day()[i] = f.day();
                    if (time.second() != null) {
                        time.second()[i] = f.second();
                    }
                }
            }
            return time;
        }
        if (col instanceof Col.OneHot hot && fill instanceof Slot f) {
            int[] slot = hot.slot();
            for (int i = 0; i < slot.length; i++) {
                if (slot[i] < 0) {
                    slot[i] = f.slot();
                }
            }
            return hot;
        }
        if (col instanceof Col.Sparse text && fill instanceof Vector f) {
            int d = text.docIdx().length;
            int[][] idx = Arrays.copyOf(text.docIdx(), d + 1);
            double[][] val = Arrays.copyOf(text.docVal(), d + 1);
            idx[d] = f.idx();
            val[d] = f.val();
            int[] doc = text.doc();
            for (int i = 0; i < doc.length; i++) {
                if (doc[i] < 0) {
                    doc[i] = d;
                }
            }
            return new Col.Sparse(text.names(), doc, idx, val, text.source());
        }
        throw FittedStep.wrongType(column, col, "impute", "the kind of values it was fitted on");
    }

    @Override
    public FeaturesLearned.Step describe() {
        List<FeaturesLearned.Imputed> cols = new ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            Learned f = fills[c];
            Object value = null;
            Integer terms = null;
            if (f instanceof Number n) {
                value = n.value();
            } else if (f instanceof Text t) {
                value = t.value();
            } else if (f instanceof Day d) {
                java.time.LocalDate date = java.time.LocalDate.ofEpochDay(d.day());
                value = d.second() == 0 ? date.toString() : date.atTime(java.time.LocalTime.ofSecondOfDay(d.second())).toString();
            } else if (f instanceof Slot s) {
                value = s.feature();
            } else if (f instanceof Vector v) {
                value = v.text() == null ? "the most frequent training text" : v.text();
                terms = v.idx().length;
            }
            cols.add(new FeaturesLearned.Imputed(columns[c], Scalar.of(value), terms));
        }
        return new FeaturesLearned.Impute("impute", with, cols);
    }
}
