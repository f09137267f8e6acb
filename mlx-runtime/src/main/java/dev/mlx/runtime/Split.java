package dev.mlx.runtime;

import dev.mlx.runtime.base.RowHash;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.data.RowKeys;
import dev.mlx.runtime.spec.Data;
import java.util.Arrays;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The holdout split: by the rows' hashes ({@link RowHash}, the rule the Spark engine shares), stratified
 * by the target's classes, or the latest rows by a column; with {@code split none} every row trains and
 * none is held out. Seeded and deterministic: the same rows and seed give the same holdout, wherever the
 * rows sit in the file.
 */
public final class Split {
    /** Training and holdout rows (indices into the table, increasing). */
    public record Rows(int[] train, int[] test) {
    }

    private Split() {
    }

    public static Rows rows(Table table, Data data, String target, boolean classification) {
        Data.Split spec = data.split();
        int n = table.rowCount();
        if (!spec.holdsOut()) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return new Rows(all, new int[0]);
        }
        int testSize = (int) Math.round(n * spec.holdout());
        testSize = Math.max(1, Math.min(n - 1, testSize));
        if (n < 2) {
            throw new RunException("the data has " + n + " row" + (n == 1 ? "" : "s") + ": nothing to split into training and holdout");
        }
        boolean[] isTest = new boolean[n];
        if (spec.orderedBy() != null) {
            Column<?> order = table.column(spec.orderedBy());
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, (a, b) -> compare(order, a, b));
            for (int i = n - testSize; i < n; i++) {
                isTest[idx[i]] = true;
            }
        } else {
            // the rule every engine shares: the rows whose key hashes first, per class when stratified
            RowKeys.Hashes h = RowKeys.of(table, data.id(), spec.seed());
            String[] strata = null;
            if (spec.stratified() && classification && target != null) {
                Column<?> y = table.column(target);
                strata = new String[n];
                for (int i = 0; i < n; i++) {
                    strata[i] = y.isMissing(i) ? null : y.getString(i);
                }
            }
            isTest = RowHash.holdout(h.key(), h.tie(), strata, spec.holdout());
        }
        int t = 0;
        for (boolean b : isTest) {
            t += b ? 1 : 0;
        }
        int[] train = new int[n - t];
        int[] test = new int[t];
        for (int i = 0, a = 0, b = 0; i < n; i++) {
            if (isTest[i]) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        return new Rows(train, test);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Column<?> c, int a, int b) {
        boolean ma = c.isMissing(a);
        boolean mb = c.isMissing(b);
        if (ma || mb) {
            return ma == mb ? Integer.compare(a, b) : ma ? -1 : 1;
        }
        int cmp = ((Comparable) c.get(a)).compareTo(c.get(b));
        return cmp != 0 ? cmp : Integer.compare(a, b);
    }
}
