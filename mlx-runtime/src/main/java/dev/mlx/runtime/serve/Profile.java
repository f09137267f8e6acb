package dev.mlx.runtime.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.catalog.ColumnType;
import dev.mlx.catalog.Task;
import dev.mlx.catalog.UnknownPolicy;
import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.spec.Data;
import dev.mlx.runtime.spec.Experiment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * What serving needs to know about training, written by every run as {@code serving.json} beside
 * the model: the input schema (types, which columns the pipeline requires, missing markers), the
 * training distribution of every input column (numeric range, moments and a quantile sample;
 * category counts) for validation and drift, the classes, and the served variants with their model
 * files. A model folder with this file and its models is self-sufficient: the embedding API and
 * the server read nothing else.
 */
public final class Profile {
    public static final String FILE = "serving.json";
    public static final String VARIANTS_DIR = "variants";
    /** Quantiles kept per numeric column: enough for KS and decile PSI, small enough to read fast. */
    static final int SAMPLE = 1000;
    static final int MAX_CATEGORIES = 1000;

    /**
     * One column of the request schema; {@code description} and {@code unit} as the experiment's
     * {@code describe} gave them (null: not described).
     */
    public record Col(String name, ColumnType type, String dateFormat, boolean required, Numeric numeric,
                      Map<String, Long> categories, long rows, long missing, String description, String unit) {
        public boolean isNumeric() {
            return type.isNumeric();
        }

        public boolean isCategorical() {
            return type == ColumnType.CATEGORY || type == ColumnType.BOOLEAN;
        }
    }

    /** Training range and moments of a numeric column, and quantiles of its values (sorted). */
    public record Numeric(double min, double max, double mean, double sd, double[] sample) {
    }

    /**
     * A served model: its ladder name, its file relative to the model folder, and the SHA-256 of
     * the model file and of its pipeline file as the run wrote them (checked before either is read).
     */
    public record Variant(String name, String file, String sha256, String pipelineSha256) {
        /** What the files must hash to. */
        public dev.mlx.runtime.models.Export.Expected expected() {
            return new dev.mlx.runtime.models.Export.Expected(sha256, pipelineSha256);
        }
    }

    public final String experiment;
    public final Task task;
    public final String target;
    public final String id;
    public final String positive;
    public final String metric;
    /** What the scope says the model is for; null when it does not say. */
    public final String intendedUse;
    /** The scope's known limitations, in the file's order (empty when none). */
    public final List<String> limitations;
    public final UnknownPolicy unknownPolicy;
    public final List<String> missing;
    public final List<Col> columns;
    public final List<String> classes;
    public final String selected;
    public final List<Variant> variants;
    public final JsonObject metrics;

    private Profile(JsonObject o) {
        experiment = o.get("experiment").getAsString();
        task = Task.parse(o.get("task").getAsString());
        target = str(o, "target");
        id = str(o, "id");
        positive = str(o, "positive");
        metric = str(o, "metric");
        intendedUse = o.has("intended_use") ? str(o, "intended_use") : null;
        limitations = o.has("limitations") && o.get("limitations").isJsonArray() ? strings(o.getAsJsonArray("limitations"))
                : List.of();
        UnknownPolicy policy = UnknownPolicy.parse(str(o, "unknown"));
        unknownPolicy = policy == null ? UnknownPolicy.REJECT : policy;
        missing = strings(o.getAsJsonArray("missing"));
        classes = o.get("classes").isJsonNull() ? null : strings(o.getAsJsonArray("classes"));
        selected = o.get("selected").getAsString();
        metrics = o.has("metrics") && o.get("metrics").isJsonObject() ? o.getAsJsonObject("metrics") : new JsonObject();
        List<Col> cols = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("columns")) {
            JsonObject c = e.getAsJsonObject();
            Numeric num = null;
            if (c.has("numeric") && !c.get("numeric").isJsonNull()) {
                JsonObject n = c.getAsJsonObject("numeric");
                JsonArray s = n.getAsJsonArray("sample");
                double[] sample = new double[s.size()];
                for (int i = 0; i < sample.length; i++) {
                    sample[i] = s.get(i).getAsDouble();
                }
                num = new Numeric(n.get("min").getAsDouble(), n.get("max").getAsDouble(), n.get("mean").getAsDouble(),
                        n.get("sd").getAsDouble(), sample);
            }
            Map<String, Long> cats = null;
            if (c.has("categories") && !c.get("categories").isJsonNull()) {
                cats = new LinkedHashMap<>();
                for (Map.Entry<String, JsonElement> k : c.getAsJsonObject("categories").entrySet()) {
                    cats.put(k.getKey(), k.getValue().getAsLong());
                }
            }
            cols.add(new Col(c.get("name").getAsString(), ColumnType.parse(c.get("type").getAsString()), str(c, "dateFormat"),
                    c.get("required").getAsBoolean(), num, cats, c.get("rows").getAsLong(), c.get("missing").getAsLong(),
                    str(c, "description"), str(c, "unit")));
        }
        columns = List.copyOf(cols);
        List<Variant> vs = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("variants")) {
            JsonObject v = e.getAsJsonObject();
            vs.add(new Variant(v.get("name").getAsString(), v.get("file").getAsString(), str(v, "sha256"),
                    str(v, "pipeline_sha256")));
        }
        variants = List.copyOf(vs);
    }

    public Col column(String name) {
        for (Col c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The schema as the data loader takes it. */
    public List<Data.Column> dataColumns() {
        List<Data.Column> out = new ArrayList<>();
        for (Col c : columns) {
            out.add(new Data.Column(c.name(), c.type(), c.dateFormat(), c.description(), c.unit()));
        }
        return out;
    }

    /** Reads {@code serving.json} of a model folder. */
    public static Profile read(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            return new Profile(JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject());
        } catch (NoSuchFileException ex) {
            throw new RunException("no " + FILE + " in " + dir + ": run the experiment first (it writes the model and "
                    + FILE + " there)");
        } catch (IOException ex) {
            throw new RunException("cannot read " + file + ": " + ex.getMessage(), ex);
        } catch (RuntimeException ex) {
            throw new RunException(file + " is damaged: " + ex.getMessage(), ex);
        }
    }

    /**
     * The profile of a run: every column but the target, with its training distribution on the
     * training rows only; {@code required} are the pipeline's input columns.
     */
    public static JsonObject build(Experiment e, JsonArray columns, List<String> classes, String selected,
                                   List<Variant> variants, JsonObject metrics) {
        JsonObject o = new JsonObject();
        o.addProperty("experiment", e.name());
        o.addProperty("task", e.scope().task().word());
        o.addProperty("target", e.scope().target());
        o.addProperty("id", e.data().id());
        o.addProperty("positive", e.scope().positive());
        o.addProperty("metric", e.scope().metric());
        if (e.scope().intendedUse() != null) {
            o.addProperty("intended_use", e.scope().intendedUse());
        }
        if (!e.scope().limitations().isEmpty()) {
            JsonArray lim = new JsonArray();
            e.scope().limitations().forEach(lim::add);
            o.add("limitations", lim);
        }
        o.addProperty("unknown", (e.deploy() == null ? UnknownPolicy.REJECT : e.deploy().unknownPolicy()).word());
        JsonArray miss = new JsonArray();
        e.data().missing().forEach(miss::add);
        o.add("missing", miss);
        if (classes == null) {
            o.add("classes", com.google.gson.JsonNull.INSTANCE);
        } else {
            JsonArray cl = new JsonArray();
            classes.forEach(cl::add);
            o.add("classes", cl);
        }
        o.addProperty("selected", selected);
        JsonArray vs = new JsonArray();
        for (Variant v : variants) {
            JsonObject x = new JsonObject();
            x.addProperty("name", v.name());
            x.addProperty("file", v.file());
            x.addProperty("sha256", v.sha256());
            x.addProperty("pipeline_sha256", v.pipelineSha256());
            vs.add(x);
        }
        o.add("variants", vs);
        o.add("metrics", metrics);
        o.add("columns", columns);
        return o;
    }

    /**
     * The "columns" part of the profile: each input column's type and training statistics, columns in
     * parallel. It depends only on the training table and the pipeline's inputs, so a run computes it
     * while the models train.
     */
    public static JsonArray columns(Experiment e, Table train, List<String> required) {
        List<Data.Column> inputs = new ArrayList<>();
        for (Data.Column c : e.data().columns()) {
            if (!c.name().equals(e.scope().target()) && train.containsColumn(c.name())) {
                inputs.add(c);
            }
        }
        JsonObject[] out = new JsonObject[inputs.size()];
        IntStream.range(0, out.length).parallel().forEach(i -> {
            Data.Column c = inputs.get(i);
            out[i] = column(c, train.column(c.name()), required.contains(c.name()));
        });
        JsonArray cols = new JsonArray();
        for (JsonObject col : out) {
            cols.add(col);
        }
        return cols;
    }

    private static JsonObject column(Data.Column c, Column<?> col, boolean required) {
        JsonObject o = new JsonObject();
        o.addProperty("name", c.name());
        o.addProperty("type", c.type().word());
        o.addProperty("dateFormat", c.dateFormat());
        if (c.description() != null) {
            o.addProperty("description", c.description());
        }
        if (c.unit() != null) {
            o.addProperty("unit", c.unit());
        }
        o.addProperty("required", required);
        o.addProperty("rows", col.size());
        o.addProperty("missing", col.countMissing());
        if (c.type().isNumeric()) {
            double[] v = new double[col.size()];
            int n = 0;
            for (int i = 0; i < col.size(); i++) {
                if (!col.isMissing(i)) {
                    v[n++] = ((Number) col.get(i)).doubleValue();
                }
            }
            if (n > 0) {
                double mean = 0;
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    mean += v[i];
                    min = Math.min(min, v[i]);
                    max = Math.max(max, v[i]);
                }
                mean /= n;
                double ss = 0;
                for (int i = 0; i < n; i++) {
                    ss += (v[i] - mean) * (v[i] - mean);
                }
                // The quantile sample comes from every value, or from a seeded draw of SORTED_AT_MOST of them
                // on a large table (sorting 800,000 values per column cost a second per run); ends exact.
                double[] sorted = n <= SORTED_AT_MOST ? Arrays.copyOf(v, n) : draw(v, n, SORTED_AT_MOST);
                Arrays.sort(sorted);
                int m = sorted.length;
                sorted[0] = min;
                sorted[m - 1] = max;
                JsonObject num = new JsonObject();
                num.addProperty("min", min);
                num.addProperty("max", max);
                num.addProperty("mean", mean);
                num.addProperty("sd", n > 1 ? Math.sqrt(ss / (n - 1)) : 0);
                JsonArray sample = new JsonArray();
                int k = Math.min(SAMPLE, m);
                for (int i = 0; i < k; i++) {
                    // evenly spaced order statistics: the sample has the training distribution's shape
                    sample.add(sorted[k == 1 ? 0 : (int) Math.round((double) i * (m - 1) / (k - 1))]);
                }
                num.add("sample", sample);
                o.add("numeric", num);
            }
        } else if (c.type() == ColumnType.CATEGORY || c.type() == ColumnType.BOOLEAN) {
            Map<String, Long> counts = new TreeMap<>();
            for (int i = 0; i < col.size(); i++) {
                if (!col.isMissing(i)) {
                    counts.merge(col.getString(i), 1L, Long::sum);
                }
            }
            JsonObject cats = new JsonObject();
            counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(MAX_CATEGORIES)
                    .sorted(Map.Entry.comparingByKey()).forEach(en -> cats.addProperty(en.getKey(), en.getValue()));
            o.add("categories", cats);
        }
        return o;
    }

    /** Values sorted for the quantile sample at most; a larger column is sampled first. */
    static final int SORTED_AT_MOST = 100_000;

    /** {@code k} of the first {@code n} values, drawn without replacement with a fixed seed. */
    private static double[] draw(double[] v, int n, int k) {
        int[] picked = dev.mlx.runtime.base.Sample.indices(n, k, 42);
        double[] out = new double[k];
        for (int i = 0; i < k; i++) {
            out[i] = v[picked[i]];
        }
        return out;
    }

    private static String str(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : null;
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.getAsString()));
        return out;
    }
}
