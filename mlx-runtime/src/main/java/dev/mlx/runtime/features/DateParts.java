package dev.mlx.runtime.features;

import com.google.gson.JsonObject;
import dev.mlx.catalog.DatePart;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dateparts COLUMN -> PARTS}: the date column becomes numeric columns {@code column_part}
 * in its place. weekday counts from 1 = Monday, week is the ISO-8601 week, weekend is 1 on
 * Saturday and Sunday, hour is 0 for plain dates. A missing date gives missing parts. Calendar
 * arithmetic on the epoch day, no date object per row.
 */
final class DateParts implements FittedStep {
    private static final long serialVersionUID = 1L;
    private static final int[] DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    private final String[] columns;
    private final DatePart[] parts;

    private DateParts(String[] columns, DatePart[] parts) {
        this.columns = columns;
        this.parts = parts;
    }

    static DateParts fit(List<String> columns, List<DatePart> parts) {
        return new DateParts(columns.toArray(String[]::new), parts.toArray(DatePart[]::new));
    }

    @Override
    public void apply(Frame frame) {
        for (String column : columns) {
            Col col = frame.get(column, "dateparts");
            if (!(col instanceof Col.Time time)) {
                throw FittedStep.wrongType(column, col, "dateparts", "dates");
            }
            double[][] out = new double[parts.length][time.day().length];
            ColumnMath.parallel(parts.length == 0 ? 0 : ColumnMath.chunks(time.day().length),
                    (long) parts.length * time.day().length, chunk -> fill(time, out, chunk));
            List<String> names = new ArrayList<>();
            List<Col> cols = new ArrayList<>();
            for (int p = 0; p < parts.length; p++) {
                names.add(column + "_" + parts[p].word());
                cols.add(new Col.Num(out[p]));
            }
            frame.replace(column, names, cols);
        }
    }

    private void fill(Col.Time time, double[][] out, int chunk) {
        int[] days = time.day();
        int[] seconds = time.second();
        int[] ymd = new int[3];
        for (int i = chunk * ColumnMath.CHUNK, end = Math.min(days.length, i + ColumnMath.CHUNK); i < end; i++) {
            int day = days[i];
            if (day == Col.Time.MISSING) {
                for (double[] o : out) {
                    o[i] = Double.NaN;
                }
                continue;
            }
            civil(day, ymd);
            int weekday = Math.floorMod(day + 3, 7) + 1; // 1970-01-01 was a Thursday
            int dayOfYear = dayOfYear(ymd[0], ymd[1], ymd[2]);
            for (int p = 0; p < parts.length; p++) {
                out[p][i] = switch (parts[p]) {
                    case YEAR -> ymd[0];
                    case QUARTER -> (ymd[1] - 1) / 3 + 1;
                    case MONTH -> ymd[1];
                    case WEEK -> isoWeek(ymd[0], dayOfYear, weekday);
                    case DAY -> ymd[2];
                    case WEEKDAY -> weekday;
                    case DAYOFYEAR -> dayOfYear;
                    case HOUR -> seconds == null ? 0 : seconds[i] / 3600;
                    case WEEKEND -> weekday >= 6 ? 1 : 0;
                };
            }
        }
    }

    /** Year, month, day of an epoch day (Howard Hinnant's civil_from_days). */
    static void civil(int epochDay, int[] ymd) {
        long z = epochDay + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097L;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        ymd[0] = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        ymd[1] = month;
        ymd[2] = (int) (doy - (153 * mp + 2) / 5 + 1);
    }

    private static boolean leap(int y) {
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    }

    private static int dayOfYear(int y, int m, int d) {
        return DAYS_BEFORE_MONTH[m - 1] + d + (m > 2 && leap(y) ? 1 : 0);
    }

    static int isoWeek(int year, int dayOfYear, int weekday) {
        int w = (dayOfYear - weekday + 10) / 7;
        if (w < 1) {
            return weeksInYear(year - 1);
        }
        return w > weeksInYear(year) ? 1 : w;
    }

    private static int weeksInYear(int y) {
        return p(y) == 4 || p(y - 1) == 3 ? 53 : 52;
    }

    private static int p(int y) {
        return Math.floorMod(y + Math.floorDiv(y, 4) - Math.floorDiv(y, 100) + Math.floorDiv(y, 400), 7);
    }

    @Override
    public JsonObject describe() {
        JsonObject o = new JsonObject();
        o.addProperty("step", "dateparts");
        o.add("columns", ColumnMath.json(columns));
        String[] words = new String[parts.length];
        for (int p = 0; p < parts.length; p++) {
            words[p] = parts[p].word();
        }
        o.add("parts", ColumnMath.json(words));
        return o;
    }
}
