package dev.mlx.runtime.features;

import dev.mlx.runtime.base.RunException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the final frame into sparse rows: features in frame order (an encoded column's features
 * where the column was), zeros left out, indices increasing. Row chunks run in parallel.
 */
final class Assembler {
    private Assembler() {
    }

    static List<String> names(Frame frame) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < frame.size(); c++) {
            Col col = frame.col(c);
            if (col instanceof Col.Num) {
                names.add(frame.name(c));
            } else if (col instanceof Col.OneHot hot) {
                names.addAll(Arrays.asList(hot.names()));
            } else if (col instanceof Col.Sparse text) {
                names.addAll(Arrays.asList(text.names()));
            } else if (col instanceof Col.Time) {
                throw new RunException("column `" + frame.name(c) + "` holds dates, which a model cannot use: "
                        + "encode it with `dateparts` or drop it");
            } else {
                throw new IllegalStateException("category column left unencoded: " + frame.name(c));
            }
        }
        return names;
    }

    record Rows(int[][] indices, double[][] values) {
    }

    /** The sparse rows; {@code rowIds} only name rows in messages. */
    static Rows rows(Frame frame, int[] rowIds, int expectedWidth) {
        int blocks = frame.size();
        double[][] num = new double[blocks][];
        int[][] slot = new int[blocks][];
        Col.Sparse[] text = new Col.Sparse[blocks];
        int[] base = new int[blocks];
        int width = 0; // running feature count: the base index of each block
        for (int b = 0; b < blocks; b++) {
            base[b] = width;
            Col col = frame.col(b);
            if (col instanceof Col.Num n) {
                num[b] = n.v();
                width += 1;
            } else if (col instanceof Col.OneHot hot) {
                slot[b] = hot.slot();
                width += hot.names().length;
            } else if (col instanceof Col.Sparse s) {
                text[b] = s;
                width += s.names().length;
            } else {
                names(frame); // throws the user-facing message
            }
        }
        if (width != expectedWidth) {
            throw new IllegalStateException("transformed features differ from the fitted ones");
        }
        int[] bad = new int[blocks];
        int[] first = new int[blocks];
        ColumnMath.parallel(blocks, (long) blocks * frame.rows, b -> {
            if (num[b] != null) {
                countMissing(num[b], b, bad, first);
            }
        });
        for (int b = 0; b < blocks; b++) {
            if (bad[b] > 0) {
                int row = rowIds == null ? first[b] : rowIds[first[b]];
                throw new MissingFeatureValues(frame.name(b), bad[b], row);
            }
        }
        int rows = frame.rows;
        int[][] indices = new int[rows][];
        double[][] values = new double[rows][];
        ColumnMath.parallel(ColumnMath.chunks(rows), (long) blocks * rows, chunk -> {
            int[] idx = new int[Math.max(16, blocks)];
            double[] val = new double[idx.length];
            for (int r = chunk * ColumnMath.CHUNK, end = Math.min(rows, r + ColumnMath.CHUNK); r < end; r++) {
                int k = 0;
                for (int b = 0; b < blocks; b++) {
                    double[] v = num[b];
                    if (v != null) {
                        double x = v[r];
                        if (x != 0) {
                            idx[k] = base[b];
                            val[k++] = x;
                        }
                        continue;
                    }
                    int[] s = slot[b];
                    if (s != null) {
                        if (s[r] >= 0) {
                            idx[k] = base[b] + s[r];
                            val[k++] = 1;
                        }
                        continue;
                    }
                    Col.Sparse t = text[b];
                    int d = t.doc()[r];
                    if (d < 0) {
                        continue;
                    }
                    int[] ti = t.docIdx()[d];
                    double[] tv = t.docVal()[d];
                    if (k + ti.length + blocks > idx.length) {
                        idx = Arrays.copyOf(idx, 2 * (k + ti.length + blocks));
                        val = Arrays.copyOf(val, idx.length);
                    }
                    for (int j = 0; j < ti.length; j++) {
                        if (tv[j] != 0) {
                            idx[k] = base[b] + ti[j];
                            val[k++] = tv[j];
                        }
                    }
                }
                indices[r] = Arrays.copyOf(idx, k);
                values[r] = Arrays.copyOf(val, k);
            }
        });
        return new Rows(indices, values);
    }

    private static void countMissing(double[] v, int b, int[] bad, int[] first) {
        for (int i = v.length - 1; i >= 0; i--) {
            if (!Double.isFinite(v[i])) {
                bad[b]++;
                first[b] = i;
            }
        }
    }
}
