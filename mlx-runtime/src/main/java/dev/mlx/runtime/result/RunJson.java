package dev.mlx.runtime.result;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import dev.mlx.runtime.base.AtomicFiles;
import dev.mlx.runtime.base.RunException;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.AnnotatedType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one JSON form of the typed results: {@link RunResult} to run.json and back, and the JSON
 * Schema of that form. Every key is snake_case (OLCUT's provenance keeps its own names), nulls are
 * written, NaN and infinities become null and whole numbers are written without a fraction.
 * Reading is strict: anything that is not the shape of the records is an {@link InvalidRunJson}
 * with the JSON path of the problem.
 */
public final class RunJson {
    /** The one Gson configuration that prints results: pretty, nulls kept, no HTML escaping. */
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();
    private static final Pattern WHERE = Pattern.compile("line (\\d+) column (\\d+)");

    private RunJson() {
    }

    /** A typed result (a record of this package) as a JSON tree. */
    public static JsonElement tree(Object value) {
        return RecordCodec.encode(value, annotated(value));
    }

    /** A typed result as a JSON tree, written as {@code declared} (a sealed interface it implements) says. */
    public static JsonElement tree(Object value, Class<?> declared) {
        return RecordCodec.encode(value, annotated(declared));
    }

    /** A typed result as pretty-printed JSON text. */
    public static String text(Object value) {
        return GSON.toJson(tree(value));
    }

    /** Any JSON tree as the results print it (pretty, nulls kept, no HTML escaping). */
    public static String print(JsonElement tree) {
        return GSON.toJson(tree);
    }

    /** run.json's text of a run. */
    public static String write(RunResult run) {
        return text(run) + "\n";
    }

    /** Writes run.json (or any result) whole or not at all: a temporary file, then a move. */
    public static void write(Path file, Object value) {
        try {
            AtomicFiles.writeString(file, text(value) + "\n");
        } catch (IOException e) {
            throw new RunException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a run.json text strictly. */
    public static RunResult read(String text) {
        return decode(parse(text), RunResult.class);
    }

    /**
     * Reads a run.json file strictly; any problem is a {@link RunException} whose message starts
     * with the file and names the JSON path: {@code out/run.json: $.data.rows: missing}.
     */
    public static RunResult read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RunException("no such file: " + file, e);
        } catch (IOException e) {
            throw new RunException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return read(text);
        } catch (InvalidRunJson e) {
            throw new RunException(file + ": " + e.getMessage(), e);
        }
    }

    /** A tree of the shape of {@code type} (a record of this package), read strictly. */
    public static <T> T decode(JsonElement tree, Class<T> type) {
        return type.cast(RecordCodec.decode(tree, annotated(type), "$"));
    }

    /** The JSON Schema (draft 2020-12) of run.json, from the records themselves. */
    public static String schema() {
        JsonObject s = RecordCodec.schema(RunResult.class, "run.json: everything one run of an mlx experiment found");
        return GSON.toJson(s) + "\n";
    }

    /** JSON text as a tree; text that is not one JSON object is an {@link InvalidRunJson} at the place it breaks. */
    static JsonElement parse(String text) {
        if (text.isBlank()) {
            throw new InvalidRunJson("$", "empty file");
        }
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        try {
            JsonElement tree = com.google.gson.JsonParser.parseReader(reader);
            if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw new InvalidRunJson("$", "more text after the JSON object");
            }
            if (!tree.isJsonObject()) {
                throw new InvalidRunJson("$", "expected an object, found " + RecordCodec.found(tree));
            }
            return tree;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            Matcher m = WHERE.matcher(message);
            boolean located = m.find();
            String where = located ? " at line " + m.group(1) + ", column " + m.group(2) : "";
            // a problem on the text's last line is the end of a file that was cut short
            boolean early = message.contains("End of input") || e.getCause() instanceof java.io.EOFException
                    || located && Long.parseLong(m.group(1)) >= text.lines().count();
            String path = reader.getPath();
            throw new InvalidRunJson(path.endsWith(".") ? path.substring(0, path.length() - 1) : path,
                    (early ? "the JSON ends too early" : "not valid JSON") + where);
        }
    }

    private static AnnotatedType annotated(Object value) {
        return annotated(value.getClass());
    }

    private static AnnotatedType annotated(Class<?> c) {
        return new AnnotatedType() {
            @Override
            public java.lang.reflect.Type getType() {
                return c;
            }

            @Override
            public <A extends java.lang.annotation.Annotation> A getAnnotation(Class<A> annotationClass) {
                return null;
            }

            @Override
            public java.lang.annotation.Annotation[] getAnnotations() {
                return new java.lang.annotation.Annotation[0];
            }

            @Override
            public java.lang.annotation.Annotation[] getDeclaredAnnotations() {
                return new java.lang.annotation.Annotation[0];
            }
        };
    }
}
