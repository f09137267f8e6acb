package dev.mlx.runtime.features;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.ReflectionAccessFilter;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.base.RunException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fitted pipeline's file: JSON, versioned, read with limits, never Java serialisation. Reading
 * a file can only build the step classes of this package with the values the file holds: there
 * is no class name in it to instantiate, a file larger than {@link #MAX_BYTES} is refused before
 * it is read, and JSON nested deeper than {@link #MAX_DEPTH} stops the reader.
 *
 * <pre>{"format": "mlx-pipeline", "version": 1, "steps": [{"type": "Impute", "value": {...}}, ...],
 *  "featureNames": [...], "inputColumns": [...], "inputKinds": [...], "target": ..., "id": ..., "task": ...}</pre>
 *
 * Each step is stored as its fields ({@code type} is one of {@link #STEPS}); the derived
 * expressions and the imputed values are tagged the same way.
 */
public final class PipelineFile {
    public static final String FORMAT = "mlx-pipeline";
    public static final int VERSION = 1;
    /** The largest pipeline file read: a vocabulary of millions of terms still fits. */
    public static final long MAX_BYTES = 256L << 20;
    /** The deepest JSON nesting read (derived expressions nest one level per operator). */
    public static final int MAX_DEPTH = 500;

    /** The only classes a file can name, by their simple names. */
    static final List<Class<? extends FittedStep>> STEPS = List.of(Bin.class, DateParts.class, Derive.class, Drop.class,
            Impute.class, NumericStep.class, OneHot.class, TextVectorizer.class);

    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapterFactory(new Tagged())
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .serializeNulls()
            // reflection only on mlx's own classes: the JDK's types go through Gson's built-in adapters
            .addReflectionAccessFilter(ReflectionAccessFilter.BLOCK_ALL_PLATFORM)
            .create();

    private PipelineFile() {
    }

    /** The file's top level. */
    private record Stored(String format, int version, List<FittedStep> steps, List<String> featureNames,
                          List<String> inputColumns, List<TableReader.Kind> inputKinds, String target, String id, Task task) {
    }

    /** Writes the pipeline as JSON. */
    public static void write(FittedFeatures pipeline, Writer out) throws IOException {
        JsonWriter w = new JsonWriter(out);
        GSON.toJson(new Stored(FORMAT, VERSION, pipeline.steps(), pipeline.featureNames(), pipeline.inputColumns(),
                List.of(pipeline.inputKinds()), pipeline.target(), pipeline.id(), pipeline.task()), Stored.class, w);
        w.flush();
    }

    /** Writes the pipeline to {@code file}. */
    public static void write(FittedFeatures pipeline, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(pipeline, out);
        }
    }

    /**
     * Reads a pipeline file; anything that is not one written by {@link #write} (too large, not
     * JSON, another format or version, missing or inconsistent parts) is a {@link RunException}
     * saying what is wrong.
     */
    public static FittedFeatures read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new RunException("cannot read the pipeline " + file + ": it is " + size + " bytes, more than a pipeline may be ("
                        + MAX_BYTES + ")");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(in, file.toString());
            }
        } catch (IOException e) {
            throw new RunException("cannot read the pipeline " + file + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
    }

    /** Reads a pipeline from bytes; {@code name} names them in messages. */
    public static FittedFeatures read(InputStream in, String name) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        reader.mark(2);
        int first = reader.read();
        if (first == 0xAC || first == 0xFFFD) {
            throw new RunException("cannot read the pipeline " + name + ": it is in the Java-serialised form of older mlx versions, "
                    + "which is no longer read; run the experiment again");
        }
        reader.reset();
        StringBuilder text = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = reader.read(buf)) > 0; ) {
            text.append(buf, 0, n);
            if (text.length() > MAX_BYTES) {
                throw new RunException("cannot read the pipeline " + name + ": it is larger than a pipeline may be (" + MAX_BYTES + " bytes)");
            }
        }
        return read(text.toString(), name);
    }

    /** Reads a pipeline from its JSON text; {@code name} names it in messages. */
    public static FittedFeatures read(String text, String name) {
        int depth = depth(text);
        if (depth > MAX_DEPTH) {
            throw new RunException("cannot read the pipeline " + name + ": it nests " + depth + " levels deep, more than "
                    + MAX_DEPTH);
        }
        Stored s;
        try {
            JsonReader r = new JsonReader(new StringReader(text));
            r.setStrictness(Strictness.LENIENT); // NaN and Infinity are learned values (a mean of nothing)
            s = GSON.fromJson(r, Stored.class);
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException | ClassCastException
                 | UnsupportedOperationException | NullPointerException e) {
            throw new RunException("cannot read the pipeline " + name + ": " + reason(e), e);
        } catch (StackOverflowError e) {
            throw new RunException("cannot read the pipeline " + name + ": it nests too deeply");
        }
        String problem = problem(s);
        if (problem != null) {
            throw new RunException("cannot read the pipeline " + name + ": " + problem);
        }
        return new FittedFeatures(s.steps(), s.featureNames(), s.inputColumns(), s.inputKinds(), s.target(), s.id(), s.task());
    }

    /** The deepest nesting of arrays and objects in the text, outside strings (stops counting past the limit). */
    static int depth(String text) {
        int depth = 0;
        int most = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                most = Math.max(most, ++depth);
                if (most > MAX_DEPTH) {
                    return most;
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return most;
    }

    private static String problem(Stored s) {
        if (s == null) {
            return "the file is empty";
        } else if (!FORMAT.equals(s.format())) {
            return "it is not an mlx pipeline file (its format is " + (s.format() == null ? "not given" : "`" + s.format() + "`") + ")";
        } else if (s.version() != VERSION) {
            return "it is version " + s.version() + " of the pipeline format; this mlx reads version " + VERSION;
        } else if (s.steps() == null || s.featureNames() == null || s.inputColumns() == null || s.inputKinds() == null
                || s.task() == null) {
            return "it lacks its steps, feature names, input columns or task";
        } else if (s.steps().contains(null) || s.featureNames().contains(null) || s.inputColumns().contains(null)
                || s.inputKinds().contains(null)) {
            return "it has an empty entry among its steps, features or input columns";
        } else if (s.inputColumns().size() != s.inputKinds().size()) {
            return "it has " + s.inputColumns().size() + " input columns but " + s.inputKinds().size() + " column kinds";
        }
        return null;
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() != null && t.getCause().getMessage() != null
                && t.getMessage().contains(t.getCause().getMessage())) {
            t = t.getCause();
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int see = m.indexOf("\nSee ");
        return (see >= 0 ? m.substring(0, see) : m).replaceAll("^[a-z.]+(Exception|Error): ", "");
    }

    /**
     * Values whose declared type is an interface ({@link FittedStep}, a derived expression's node,
     * an imputed value) are written as {@code {"type": simple name, "value": fields}} and read back
     * only as one of the classes listed for that interface.
     */
    private static final class Tagged implements TypeAdapterFactory {
        private final Map<Class<?>, Map<String, Class<?>>> kinds = new LinkedHashMap<>();

        Tagged() {
            kinds.put(FittedStep.class, byName(STEPS));
            kinds.put(Derive.Node.class, byName(List.of(Derive.Node.class.getPermittedSubclasses())));
            for (Class<?> c : Impute.class.getDeclaredClasses()) {
                if (c.isInterface() && c.isSealed()) {
                    kinds.put(c, byName(List.of(c.getPermittedSubclasses())));
                }
            }
        }

        private static Map<String, Class<?>> byName(List<? extends Class<?>> classes) {
            Map<String, Class<?>> m = new LinkedHashMap<>();
            for (Class<?> c : classes) {
                m.put(c.getSimpleName(), c);
            }
            return m;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            Map<String, Class<?>> allowed = kinds.get(type.getRawType());
            if (allowed == null) {
                return null;
            }
            TypeAdapter<JsonElement> tree = gson.getAdapter(JsonElement.class);
            Map<Class<?>, TypeAdapter<?>> adapters = new LinkedHashMap<>();
            for (Class<?> c : allowed.values()) {
                adapters.put(c, gson.getDelegateAdapter(this, TypeToken.get(c)));
            }
            return (TypeAdapter<T>) new TypeAdapter<Object>() {
                @Override
                @SuppressWarnings({"rawtypes", "unchecked"})
                public void write(JsonWriter out, Object value) throws IOException {
                    if (value == null) {
                        out.nullValue();
                        return;
                    }
                    TypeAdapter adapter = adapters.get(value.getClass());
                    if (adapter == null) {
                        throw new IllegalArgumentException(value.getClass().getName() + " cannot be written to a pipeline file");
                    }
                    out.beginObject();
                    out.name("type").value(value.getClass().getSimpleName());
                    out.name("value");
                    adapter.write(out, value);
                    out.endObject();
                }

                @Override
                public Object read(JsonReader in) throws IOException {
                    JsonElement e = tree.read(in);
                    if (e == null || e.isJsonNull()) {
                        return null;
                    }
                    if (!e.isJsonObject()) {
                        throw new JsonParseException("expected a tagged " + type.getRawType().getSimpleName() + " at " + in.getPath());
                    }
                    JsonObject o = e.getAsJsonObject();
                    JsonElement tag = o.get("type");
                    Class<?> c = tag != null && tag.isJsonPrimitive() ? allowed.get(tag.getAsString()) : null;
                    if (c == null) {
                        throw new JsonParseException("unknown " + type.getRawType().getSimpleName() + " `"
                                + (tag == null ? "" : tag) + "` at " + in.getPath() + "; expected one of "
                                + String.join(", ", new ArrayList<>(allowed.keySet())));
                    }
                    JsonElement value = o.get("value");
                    if (value == null || !value.isJsonObject()) {
                        throw new JsonParseException("a " + tag.getAsString() + " without its value at " + in.getPath());
                    }
                    return adapters.get(c).fromJsonTree(value);
                }
            };
        }
    }
}
