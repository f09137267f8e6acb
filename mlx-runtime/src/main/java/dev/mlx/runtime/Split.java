package dev.mlx.runtime;

import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.spec.Data;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The holdout split: random, stratified by the target's classes, or the latest rows by a column;
 * with {@code split none} every row trains and none is held out. Seeded and deterministic: the same data and seed give the same rows.
 */
public final class Split {
    /** Training and holdout rows (indices into the table, increasing). */
    public record Rows(int[] train, int[] test) {
    }

    private Split() {
    }

    public static Rows rows(Table table, Data.Split spec, String target, boolean classification) {
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
        } else if (spec.stratified() && classification && target != null) {
            Column<?> y = table.column(target);
            Map<String, List<Integer>> byClass = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                byClass.computeIfAbsent(y.getString(i), k -> new ArrayList<>()).add(i);
            }
            Random random = new Random(spec.seed());
            List<String> classes = new ArrayList<>(byClass.keySet());
            classes.sort(null);
            for (String c : classes) {
                List<Integer> members = byClass.get(c);
                java.util.Collections.shuffle(members, random);
                int take = (int) Math.round(members.size() * spec.holdout());
                if (members.size() >= 2) {
                    take = Math.max(1, Math.min(members.size() - 1, take));
                }
                for (int i = 0; i < take; i++) {
                    isTest[members.get(i)] = true;
                }
            }
        } else {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            java.util.Collections.shuffle(all, new Random(spec.seed()));
            for (int i = 0; i < testSize; i++) {
                isTest[all.get(i)] = true;
            }
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
