import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.strings.DictionaryMap;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The hand-written contender of the pipeline benchmark (bench/pipeline.sh): the steps of
 * bench/pipeline/bench.mlx written directly against Tablesaw and Tribuo, as fast as we know how, and
 * using nothing from dev.mlx. Explicit column types; the review, median imputation and scaling are
 * column-wise over primitive arrays (columns in parallel); one-hot codes come from Tablesaw's
 * dictionary keys; examples are built with their feature names already in Tribuo's (lexicographic)
 * order, sharing one String per feature. The split is the same as mlx's (per class, sorted by class,
 * shuffled like Collections.shuffle with new Random(seed), round(20 %) to the holdout), so the
 * metrics can be compared row for row.
 *
 * <p>usage: java -cp mlx.jar bench/handwritten/HandWritten.java DATA.csv [EPOCHS]
 * <br>Prints one JSON line: metrics and per-stage seconds.
 */
public final class HandWritten {
    static final long SEED = 42;
    static final double HOLDOUT = 0.2;
    static final int BATCH = 16;
    static final double LEARNING_RATE = 0.1;
    static final String POSITIVE = "1";
    static final String[] NUMERIC = new String[16];
    static final String[] CATEGORIES = {"c5", "c20", "c100"};

    static {
        for (int j = 0; j < NUMERIC.length; j++) {
            NUMERIC[j] = String.format(Locale.ROOT, "x%02d", j);
        }
    }

    private static final Map<String, Double> TIMINGS = new java.util.LinkedHashMap<>();
    private static long t0 = System.nanoTime();

    static void lap(String stage) {
        long now = System.nanoTime();
        TIMINGS.put(stage, (now - t0) / 1e9);
        t0 = now;
    }

    public static void main(String[] args) {
        Logger.getLogger("").setLevel(Level.WARNING);
        Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
        String path = args[0];
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 5;

        // ---- load: explicit types, no sampling
        ColumnType[] types = new ColumnType[NUMERIC.length + CATEGORIES.length + 1];
        Arrays.fill(types, ColumnType.DOUBLE);
        for (int c = 0; c <= CATEGORIES.length; c++) {
            types[NUMERIC.length + c] = ColumnType.STRING;
        }
        Table table = Table.read().usingOptions(CsvReadOptions.builder(path).header(true).columnTypes(types)
                .missingValueIndicator("").sample(false));
        int n = table.rowCount();
        double[][] x = new double[NUMERIC.length][];
        IntStream.range(0, NUMERIC.length).parallel().forEach(j -> x[j] = ((DoubleColumn) table.column(NUMERIC[j])).asDoubleArray());
        StringColumn label = table.stringColumn("y");
        lap("load");

        // ---- review: count, missing, mean, sd, min, quantiles, max, distinct, 20-bin histogram; category counts
        StringBuilder review = new StringBuilder();
        String[] numericSummaries = new String[NUMERIC.length];
        IntStream.range(0, NUMERIC.length).parallel().forEach(j -> numericSummaries[j] = summarize(NUMERIC[j], x[j]));
        for (String s : numericSummaries) {
            review.append(s).append('\n');
        }
        for (String c : CATEGORIES) {
            review.append(c).append(": ").append(table.stringColumn(c).countUnique()).append(" levels\n");
        }
        review.append("y: ").append(label.countByCategory().rowCount()).append(" classes\n");
        lap("review");

        // ---- split: stratified, seeded, identical to mlx's
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            y[i] = label.get(i);
        }
        boolean[] isTest = new boolean[n];
        TreeMap<String, int[]> byClass = new TreeMap<>();
        {
            Map<String, Integer> counts = new TreeMap<>();
            for (String v : y) {
                counts.merge(v, 1, Integer::sum);
            }
            Map<String, Integer> fill = new TreeMap<>();
            counts.forEach((k, v) -> {
                byClass.put(k, new int[v]);
                fill.put(k, 0);
            });
            for (int i = 0; i < n; i++) {
                int at = fill.merge(y[i], 1, Integer::sum) - 1;
                byClass.get(y[i])[at] = i;
            }
        }
        Random random = new Random(SEED);
        for (int[] members : byClass.values()) {
            for (int i = members.length; i > 1; i--) { // Collections.shuffle on a RandomAccess list
                int k = random.nextInt(i);
                int tmp = members[i - 1];
                members[i - 1] = members[k];
                members[k] = tmp;
            }
            int take = (int) Math.round(members.length * HOLDOUT);
            for (int i = 0; i < take; i++) {
                isTest[members[i]] = true;
            }
        }
        int nTest = 0;
        for (boolean b : isTest) {
            nTest += b ? 1 : 0;
        }
        int[] train = new int[n - nTest];
        int[] test = new int[nTest];
        for (int i = 0, a = 0, b = 0; i < n; i++) {
            if (isTest[i]) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        lap("split");

        // ---- features: median imputation and standardisation fitted on training rows, in place
        IntStream.range(0, NUMERIC.length).parallel().forEach(j -> imputeAndScale(x[j], train));
        // one-hot: levels seen in training, sorted; an unseen level sets no feature
        int[][] level = new int[CATEGORIES.length][];
        String[][] levelNames = new String[CATEGORIES.length][];
        for (int c = 0; c < CATEGORIES.length; c++) {
            DictionaryMap dict = table.stringColumn(CATEGORIES[c]).getDictionary();
            int[] keys = new int[n];
            for (int i = 0; i < n; i++) {
                keys[i] = dict.getKeyForIndex(i);
            }
            TreeMap<String, Integer> seen = new TreeMap<>();
            Int2IntOpenHashMap keyOf = new Int2IntOpenHashMap();
            for (int i : train) {
                if (!keyOf.containsKey(keys[i])) {
                    keyOf.put(keys[i], 0);
                    String v = dict.getValueForKey(keys[i]);
                    if (!v.isEmpty()) {
                        seen.put(v, keys[i]);
                    }
                }
            }
            Int2IntOpenHashMap toLevel = new Int2IntOpenHashMap();
            toLevel.defaultReturnValue(-1);
            levelNames[c] = new String[seen.size()];
            int l = 0;
            for (Map.Entry<String, Integer> e : seen.entrySet()) {
                toLevel.put((int) e.getValue(), l);
                levelNames[c][l++] = CATEGORIES[c] + "=" + e.getKey();
            }
            level[c] = new int[n];
            for (int i = 0; i < n; i++) {
                level[c][i] = toLevel.get(keys[i]);
            }
        }
        // Tribuo orders features by name: "c100=…" < "c20=…" < "c5=…" < "x00" < … < "x15"
        int[] catOrder = IntStream.range(0, CATEGORIES.length).boxed()
                .sorted((a, b) -> (CATEGORIES[a] + "=").compareTo(CATEGORIES[b] + "=")).mapToInt(i -> i).toArray();
        Label[] labels = {new Label("0"), new Label("1")};
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> trainData = new MutableDataset<>(new SimpleDataSourceProvenance("bench rows", factory), factory);
        for (int i : train) {
            trainData.add(example(i, y[i].equals("1") ? labels[1] : labels[0], x, level, levelNames, catOrder));
        }
        List<Example<Label>> testExamples = new ArrayList<>(test.length);
        for (int i : test) {
            testExamples.add(example(i, y[i].equals("1") ? labels[1] : labels[0], x, level, levelNames, catOrder));
        }
        lap("features");

        // ---- train
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(LEARNING_RATE), epochs, -1, BATCH, SEED);
        Model<Label> model = trainer.train(trainData);
        lap("train");

        // ---- evaluate on the holdout: accuracy, F1 and AUC of the positive class
        List<Prediction<Label>> predictions = model.predict(testExamples);
        double[] score = new double[test.length];
        boolean[] truth = new boolean[test.length];
        int correct = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int k = 0; k < test.length; k++) {
            Prediction<Label> p = predictions.get(k);
            score[k] = p.getOutputScores().get(POSITIVE).getScore();
            truth[k] = y[test[k]].equals(POSITIVE);
            boolean said = p.getOutput().getLabel().equals(POSITIVE);
            correct += said == truth[k] ? 1 : 0;
            tp += said && truth[k] ? 1 : 0;
            fp += said && !truth[k] ? 1 : 0;
            fn += !said && truth[k] ? 1 : 0;
        }
        double accuracy = (double) correct / test.length;
        double f1 = 2.0 * tp / (2.0 * tp + fp + fn);
        double auc = auc(score, truth);
        lap("evaluate");

        StringBuilder json = new StringBuilder();
        json.append(String.format(Locale.ROOT, "{\"contender\": \"handwritten\", \"accuracy\": %s, \"f1\": %s, \"auc\": %s, "
                        + "\"features\": %d, \"train_rows\": %d, \"test_rows\": %d, \"review_chars\": %d, \"timings\": {",
                accuracy, f1, auc, trainData.getFeatureMap().size(), train.length, test.length, review.length()));
        String sep = "";
        for (Map.Entry<String, Double> e : TIMINGS.entrySet()) {
            json.append(sep).append(String.format(Locale.ROOT, "\"%s\": %.3f", e.getKey(), e.getValue()));
            sep = ", ";
        }
        System.out.println(json.append("}}"));
    }

    /** One row as an example, its features already in Tribuo's name order. */
    static ArrayExample<Label> example(int i, Label output, double[][] x, int[][] level, String[][] levelNames, int[] catOrder) {
        String[] names = new String[catOrder.length + NUMERIC.length];
        double[] values = new double[names.length];
        int k = 0;
        for (int c : catOrder) {
            int l = level[c][i];
            if (l >= 0) {
                names[k] = levelNames[c][l];
                values[k++] = 1.0;
            }
        }
        for (int j = 0; j < NUMERIC.length; j++) {
            names[k] = NUMERIC[j];
            values[k++] = x[j][i];
        }
        if (k < names.length) {
            names = Arrays.copyOf(names, k);
            values = Arrays.copyOf(values, k);
        }
        return new ArrayExample<>(output, names, values);
    }

    /** Replaces NaN by the training median, then standardises with the training mean and sd (after imputation). */
    static void imputeAndScale(double[] v, int[] train) {
        double[] present = new double[train.length];
        int m = 0;
        for (int i : train) {
            if (!Double.isNaN(v[i])) {
                present[m++] = v[i];
            }
        }
        present = Arrays.copyOf(present, m);
        Arrays.sort(present);
        double median = m % 2 == 1 ? present[m / 2] : (present[m / 2 - 1] + present[m / 2]) / 2;
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                v[i] = median;
            }
        }
        double sum = 0;
        for (int i : train) {
            sum += v[i];
        }
        double mean = sum / train.length;
        double ss = 0;
        for (int i : train) {
            ss += (v[i] - mean) * (v[i] - mean);
        }
        double sd = Math.sqrt(ss / (train.length - 1));
        double scale = sd > 0 ? 1 / sd : 1;
        for (int i = 0; i < v.length; i++) {
            v[i] = (v[i] - mean) * scale;
        }
    }

    /** What pandas' describe() gives, plus distinct values and a 20-bin histogram. */
    static String summarize(String name, double[] v) {
        double[] s = new double[v.length];
        int m = 0;
        double sum = 0;
        for (double d : v) {
            if (!Double.isNaN(d)) {
                s[m++] = d;
                sum += d;
            }
        }
        s = Arrays.copyOf(s, m);
        Arrays.sort(s);
        double mean = sum / m;
        double ss = 0;
        int distinct = m > 0 ? 1 : 0;
        for (int i = 0; i < m; i++) {
            ss += (s[i] - mean) * (s[i] - mean);
            if (i > 0 && s[i] != s[i - 1]) {
                distinct++;
            }
        }
        double min = s[0];
        double max = s[m - 1];
        int[] histogram = new int[20];
        double width = (max - min) / 20;
        for (int i = 0; i < m; i++) {
            int b = width > 0 ? (int) ((s[i] - min) / width) : 0;
            histogram[Math.min(19, b)]++;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%s: count %d missing %d distinct %d mean %.6g sd %.6g min %.6g max %.6g", name, m, v.length - m, distinct,
                mean, Math.sqrt(ss / (m - 1)), min, max));
        for (double q : new double[] {0.05, 0.25, 0.5, 0.75, 0.95}) {
            double h = (m - 1) * q; // type 7, as NumPy and R
            int lo = (int) Math.floor(h);
            double value = s[lo] + (h - lo) * (s[Math.min(m - 1, lo + 1)] - s[lo]);
            sb.append(String.format(Locale.ROOT, " q%.2f %.6g", q, value));
        }
        return sb.append(" histogram ").append(Arrays.toString(histogram)).toString();
    }

    /** Area under the ROC curve by ranks (ties share their average rank). */
    static double auc(double[] score, boolean[] truth) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSum = 0;
        long positives = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (truth[order[k]]) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
