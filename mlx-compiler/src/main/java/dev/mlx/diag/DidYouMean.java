package dev.mlx.diag;

import java.util.Collection;
import java.util.Locale;

/** Picks the closest known word to a misspelling, or nothing when none is close enough. */
public final class DidYouMean {
    private DidYouMean() {
    }

    public static String suggest(String typed, Collection<String> candidates) {
        if (typed == null || typed.isEmpty()) {
            return null;
        }
        String t = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            String lc = c.toLowerCase(Locale.ROOT);
            if (lc.equals(t)) {
                return c;
            }
            int d = distance(t, lc);
            if (lc.replace("_", "").equals(t.replace("_", "").replace("-", "").replace(" ", ""))) {
                d = 0;
            }
            if (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0)) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(1, Math.min(3, (t.length() + 2) / 4));
        return best != null && bestDistance <= allowed ? best : null;
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }

    /** "`a`, `b` and `c`" for notes listing accepted words. */
    public static String list(Collection<String> words) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (String w : words) {
            if (i > 0) {
                sb.append(i == words.size() - 1 ? " and " : ", ");
            }
            sb.append('`').append(w).append('`');
            i++;
        }
        return sb.toString();
    }
}
