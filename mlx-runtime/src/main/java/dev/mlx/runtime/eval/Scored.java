package dev.mlx.runtime.eval;

import dev.mlx.catalog.Task;
import dev.mlx.runtime.features.FeatureMatrix;
import dev.mlx.runtime.models.Datasets;
import dev.mlx.runtime.models.Predictions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.clustering.ClusterID;
import org.tribuo.regression.Regressor;

/**
 * One model's predictions on the rows of a feature matrix, next to the truth: labels and class
 * probabilities (columns in {@code classes} order; null when the model gives none), regression
 * values, or cluster ids with the rows' features (for silhouette and WCSS).
 */
final class Scored {
    final Task task;
    final int n;
    final List<String> classes;
    final String[] actual;
    final String[] predicted;
    final double[][] probs;
    final double[] y;
    final double[] yhat;
    final int[] cluster;
    final int[][] indices;
    final double[][] values;

    private Scored(Task task, int n, List<String> classes, String[] actual, String[] predicted, double[][] probs,
                   double[] y, double[] yhat, int[] cluster, int[][] indices, double[][] values) {
        this.task = task;
        this.n = n;
        this.classes = classes;
        this.actual = actual;
        this.predicted = predicted;
        this.probs = probs;
        this.y = y;
        this.yhat = yhat;
        this.cluster = cluster;
        this.indices = indices;
        this.values = values;
    }

    /** Classification predictions given directly (tests, and callers that already hold the labels). */
    static Scored ofArrays(String[] actual, String[] predicted, double[][] probs, List<String> classes) {
        return new Scored(Task.CLASSIFICATION, actual.length, classes, actual, predicted, probs, null, null, null, null, null);
    }

    /** Examples to predict for every row of {@code m} (outputs unknown). */
    static List<Example<?>> examples(FeatureMatrix m, Task task) {
        Datasets.Encoder enc = Datasets.encoder(m.names());
        List<Example<?>> out = new ArrayList<>(m.rows());
        for (int i = 0; i < m.rows(); i++) {
            out.add(enc.example(m, i, task));
        }
        return out;
    }

    /** Predictions of {@code model} for the rows of {@code m}; {@code withProbs} false ignores any scores. */
    static Scored of(Model<?> model, FeatureMatrix m, List<Example<?>> examples, Task task, List<String> classes,
                     boolean withProbs) {
        List<? extends Prediction<?>> preds = predictAll(model, examples);
        int n = preds.size();
        switch (task) {
            case CLASSIFICATION: {
                String[] predicted = new String[n];
                double[][] probs = withProbs && model.generatesProbabilities() ? new double[n][classes.size()] : null;
                Map<String, Integer> column = new java.util.HashMap<>();
                for (int c = 0; c < classes.size(); c++) {
                    column.put(classes.get(c), c);
                }
                for (int i = 0; i < n; i++) {
                    Prediction<?> p = preds.get(i);
                    predicted[i] = ((Label) p.getOutput()).getLabel();
                    if (probs != null) {
                        for (Map.Entry<String, ? extends Output<?>> e : p.getOutputScores().entrySet()) {
                            Integer c = column.get(e.getKey());
                            if (c != null) {
                                probs[i][c] = ((Label) e.getValue()).getScore();
                            }
                        }
                    }
                }
                return new Scored(task, n, classes, m.labels(), predicted, probs, null, null, null, null, null);
            }
            case REGRESSION: {
                double[] yhat = new double[n];
                for (int i = 0; i < n; i++) {
                    yhat[i] = ((Regressor) preds.get(i).getOutput()).getValues()[0];
                }
                return new Scored(task, n, null, null, null, null, m.targets(), yhat, null, null, null);
            }
            default: {
                int[] cluster = new int[n];
                for (int i = 0; i < n; i++) {
                    cluster[i] = ((ClusterID) preds.get(i).getOutput()).getID();
                }
                return new Scored(task, n, null, m.labels(), null, null, null, null, cluster, m.indices(), m.values());
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<? extends Prediction<?>> predictAll(Model<?> model, List<Example<?>> examples) {
        return Predictions.of((Model) model, (List) examples);
    }

    /**
     * Out-of-fold predictions: {@code parts.get(f)} scored the rows {@code positions.get(f)} (each row
     * of the {@code n} in exactly one part), put back in row order. Classification or regression only;
     * null when the parts do not fit together (a row twice or never, classes that differ), so a caller
     * never reports a partial set as all rows. Probabilities only when every part has them.
     */
    static Scored outOfFold(List<Scored> parts, List<int[]> positions, int n) {
        if (parts.isEmpty() || parts.size() != positions.size()) {
            return null;
        }
        Task task = parts.get(0).task;
        if (task == Task.CLUSTERING) {
            return null; // cluster ids of different fits name different clusters
        }
        List<String> classes = parts.get(0).classes;
        boolean probs = true;
        boolean[] seen = new boolean[n];
        int count = 0;
        for (int f = 0; f < parts.size(); f++) {
            Scored p = parts.get(f);
            int[] at = positions.get(f);
            if (p == null || p.task != task || p.n != at.length || (task == Task.CLASSIFICATION && !p.classes.equals(classes))) {
                return null;
            }
            probs &= p.probs != null;
            for (int row : at) {
                if (row < 0 || row >= n || seen[row]) {
                    return null;
                }
                seen[row] = true;
                count++;
            }
        }
        if (count != n) {
            return null;
        }
        if (task == Task.CLASSIFICATION) {
            String[] actual = new String[n];
            String[] predicted = new String[n];
            double[][] p = probs ? new double[n][] : null;
            for (int f = 0; f < parts.size(); f++) {
                Scored part = parts.get(f);
                int[] at = positions.get(f);
                for (int i = 0; i < at.length; i++) {
                    actual[at[i]] = part.actual[i];
                    predicted[at[i]] = part.predicted[i];
                    if (p != null) {
                        p[at[i]] = part.probs[i];
                    }
                }
            }
            return new Scored(task, n, classes, actual, predicted, p, null, null, null, null, null);
        }
        double[] y = new double[n];
        double[] yhat = new double[n];
        for (int f = 0; f < parts.size(); f++) {
            Scored part = parts.get(f);
            int[] at = positions.get(f);
            for (int i = 0; i < at.length; i++) {
                y[at[i]] = part.y[i];
                yhat[at[i]] = part.yhat[i];
            }
        }
        return new Scored(task, n, null, null, null, null, y, yhat, null, null, null);
    }

    /** The same predictions restricted to {@code rows} (for slices). */
    Scored subset(int[] rows) {
        return new Scored(task, rows.length, classes, pick(actual, rows), pick(predicted, rows), pick(probs, rows),
                pick(y, rows), pick(yhat, rows), pick(cluster, rows), pick(indices, rows), pick(values, rows));
    }

    private static <T> T[] pick(T[] a, int[] rows) {
        if (a == null) {
            return null;
        }
        T[] out = java.util.Arrays.copyOf(a, rows.length);
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }

    private static double[] pick(double[] a, int[] rows) {
        if (a == null) {
            return null;
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }

    private static int[] pick(int[] a, int[] rows) {
        if (a == null) {
            return null;
        }
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }
}
