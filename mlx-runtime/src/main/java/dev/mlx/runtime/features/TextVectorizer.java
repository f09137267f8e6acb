package dev.mlx.runtime.features;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mlx.runtime.spec.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tfidf} and {@code bagofwords} for one text column. Tokens are lowercase runs of letters
 * and digits; terms are the n-grams of tokens joined by a space. The vocabulary is the {@code max}
 * terms found in the most training documents (at least {@code min}), ties by term; features
 * {@code column@term} in term order. bagofwords gives counts; tfidf gives
 * {@code count * (ln((1 + n) / (1 + df)) + 1)}, scaled to unit length per row. A missing text is
 * an empty document. Each distinct text is encoded once and rows share its vector.
 */
final class TextVectorizer implements FittedStep {
    private static final long serialVersionUID = 1L;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int[] NO_INDICES = new int[0];
    private static final double[] NO_VALUES = new double[0];

    private final String kind;
    private final String column;
    private final int lo;
    private final int hi;
    private final int max;
    private final int min;
    private final int documents;
    private final String[] vocabulary;
    private final int[] df;
    private final double[] idf;
    private transient volatile Map<String, Integer> index;
    private transient volatile String[] names;

    private TextVectorizer(String kind, String column, int lo, int hi, int max, int min, int documents,
                           String[] vocabulary, int[] df) {
        this.kind = kind;
        this.column = column;
        this.lo = lo;
        this.hi = hi;
        this.max = max;
        this.min = min;
        this.documents = documents;
        this.vocabulary = vocabulary;
        this.df = df;
        this.idf = new double[df.length];
        for (int t = 0; t < df.length; t++) {
            idf[t] = Math.log((1.0 + documents) / (1.0 + df[t])) + 1;
        }
    }

    String column() {
        return column;
    }

    static TextVectorizer fit(Step.TextVector step, String column, Frame frame) {
        String kind = switch (step.weighting()) {
            case TFIDF -> "tfidf";
            case COUNTS -> "bagofwords";
        };
        int max = step.max();
        int min = step.min();
        // `--set` can move a parameter past what the checker saw: n-grams of fewer than one word mean one
        int lo = Math.max(1, step.ngramsFrom());
        int hi = Math.max(lo, step.ngramsTo());
        Col.Cat cat = FittedStep.categories(frame, column, kind);
        String[] levels = cat.levels();
        int[] counts = cat.counts();
        String[][] terms = new String[levels.length][];
        int gramLo = lo;
        int gramHi = hi;
        forChunks(levels.length, l -> {
            if (counts[l] > 0) {
                Set<String> distinct = new LinkedHashSet<>();
                grams(levels[l], gramLo, gramHi, distinct);
                terms[l] = distinct.toArray(String[]::new);
            }
        });
        Map<String, int[]> frequency = new HashMap<>();
        for (int l = 0; l < levels.length; l++) {
            if (terms[l] != null) {
                for (String t : terms[l]) {
                    frequency.computeIfAbsent(t, k -> new int[1])[0] += counts[l];
                }
            }
        }
        List<Map.Entry<String, int[]>> kept = new ArrayList<>();
        for (Map.Entry<String, int[]> e : frequency.entrySet()) {
            if (e.getValue()[0] >= min) {
                kept.add(e);
            }
        }
        kept.sort(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> -e.getValue()[0])
                .thenComparing(Map.Entry::getKey));
        if (kept.size() > max) {
            kept = new ArrayList<>(kept.subList(0, max));
        }
        kept.sort(Map.Entry.comparingByKey());
        String[] vocabulary = new String[kept.size()];
        int[] df = new int[kept.size()];
        for (int t = 0; t < vocabulary.length; t++) {
            vocabulary[t] = kept.get(t).getKey();
            df[t] = kept.get(t).getValue()[0];
        }
        return new TextVectorizer(kind, column, lo, hi, max, min, cat.codes().length, vocabulary, df);
    }

    /** Adds the n-grams (lo..hi tokens) of a text to {@code out}. */
    static void grams(String text, int lo, int hi, java.util.Collection<String> out) {
        List<String> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            tokens.add(m.group());
        }
        for (int n = lo; n <= hi; n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                out.add(n == 1 ? tokens.get(i) : String.join(" ", tokens.subList(i, i + n)));
            }
        }
    }

    private static void forChunks(int n, java.util.function.IntConsumer body) {
        int size = 512;
        ColumnMath.parallel((n + size - 1) / size, n * 100L, chunk -> {
            for (int i = chunk * size, end = Math.min(n, i + size); i < end; i++) {
                body.accept(i);
            }
        });
    }

    private Map<String, Integer> index() {
        Map<String, Integer> m = index;
        if (m == null) {
            m = new HashMap<>();
            for (int t = 0; t < vocabulary.length; t++) {
                m.put(vocabulary[t], t);
            }
            index = m;
        }
        return m;
    }

    String[] names() {
        String[] n = names;
        if (n == null) {
            n = new String[vocabulary.length];
            for (int t = 0; t < n.length; t++) {
                n[t] = column + "@" + vocabulary[t];
            }
            names = n;
        }
        return n;
    }

    /** Encodes every distinct text of the column once; rows point at their text's vector. */
    Col.Sparse encode(Col.Cat cat) {
        Map<String, Integer> index = index();
        String[] levels = cat.levels();
        int[][] docIdx = new int[levels.length][];
        double[][] docVal = new double[levels.length][];
        forChunks(levels.length, l -> {
            List<String> grams = new ArrayList<>();
            grams(levels[l], lo, hi, grams);
            int[] hits = new int[grams.size()];
            int n = 0;
            for (String g : grams) {
                Integer t = index.get(g);
                if (t != null) {
                    hits[n++] = t;
                }
            }
            if (n == 0) {
                docIdx[l] = NO_INDICES;
                docVal[l] = NO_VALUES;
                return;
            }
            Arrays.sort(hits, 0, n);
            int[] idx = new int[n];
            double[] val = new double[n];
            int k = 0;
            for (int i = 0; i < n; ) {
                int j = i;
                while (j < n && hits[j] == hits[i]) {
                    j++;
                }
                idx[k] = hits[i];
                val[k] = j - i;
                k++;
                i = j;
            }
            idx = Arrays.copyOf(idx, k);
            val = Arrays.copyOf(val, k);
            if (kind.equals("tfidf")) {
                double norm = 0;
                for (int i = 0; i < k; i++) {
                    val[i] *= idf[idx[i]];
                    norm += val[i] * val[i];
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < k; i++) {
                    val[i] /= norm;
                }
            }
            docIdx[l] = idx;
            docVal[l] = val;
        });
        return new Col.Sparse(names(), cat.codes(), docIdx, docVal, this);
    }

    @Override
    public void apply(Frame frame) {
        frame.set(column, encode(FittedStep.categories(frame, column, kind)));
    }

    @Override
    public JsonObject describe() {
        JsonObject o = new JsonObject();
        o.addProperty("step", kind);
        o.addProperty("column", column);
        o.addProperty("documents", documents);
        o.addProperty("vocabulary", vocabulary.length);
        o.addProperty("max", max);
        o.addProperty("min", min);
        JsonArray ngrams = new JsonArray();
        ngrams.add(lo);
        ngrams.add(hi);
        o.add("ngrams", ngrams);
        Integer[] order = new Integer[vocabulary.length];
        for (int t = 0; t < order.length; t++) {
            order[t] = t;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(t -> -df[t]).thenComparing(t -> vocabulary[t]));
        JsonArray top = new JsonArray();
        for (int i = 0; i < Math.min(20, order.length); i++) {
            JsonObject term = new JsonObject();
            term.addProperty("term", vocabulary[order[i]]);
            term.addProperty("documents", df[order[i]]);
            if (kind.equals("tfidf")) {
                term.add("idf", ColumnMath.json(idf[order[i]]));
            }
            top.add(term);
        }
        o.add("topTerms", top);
        return o;
    }
}
