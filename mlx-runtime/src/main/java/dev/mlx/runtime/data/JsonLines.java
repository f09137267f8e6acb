package dev.mlx.runtime.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON Lines file as records of text: one JSON object per line, the first object's keys naming the
 * columns in their order. A later object may leave a key out (a missing value) but may not bring a
 * new one. Strings give their text, numbers their literal as written, booleans {@code true} or
 * {@code false}, {@code null} a missing value; the typing rule then reads them as it reads CSV
 * cells, so the checker's profile and the runtime see the same column. Blank lines are skipped.
 * Nested objects and arrays are refused: a table has flat rows. Read with Gson, which the runtime
 * already carries.
 */
public final class JsonLines {
    private final BufferedReader in;
    private final String label;
    private List<String> names;
    private Map<String, Integer> position;
    private String[] pending;
    private int line;
    private int recordLine;

    /** Reads {@code in}; {@code label} names the file in messages. */
    public JsonLines(BufferedReader in, String label) {
        this.in = in;
        this.label = label;
    }

    /**
     * The column names: the keys of the first object. Throws {@link Problem} when the file has no
     * object or the first line is not one.
     */
    public List<String> names() throws IOException, Problem {
        if (names == null) {
            JsonObject first = nextObject();
            if (first == null) {
                throw new Problem("`" + label + "` has no rows: a JSON Lines file holds one JSON object per line");
            }
            names = new ArrayList<>(first.keySet());
            position = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).isEmpty()) {
                    throw new Problem("`" + label + "`: line " + recordLine + " has a key that is empty");
                }
                position.put(names.get(i), i);
            }
            if (names.isEmpty()) {
                throw new Problem("`" + label + "`: line " + recordLine + " is an empty object: it names no column");
            }
            pending = values(first);
        }
        return List.copyOf(names);
    }

    /** The next record's values by column (null: missing), or null at the end of the file. */
    public String[] next() throws IOException, Problem {
        names();
        if (pending != null) {
            String[] first = pending;
            pending = null;
            return first;
        }
        JsonObject o = nextObject();
        return o == null ? null : values(o);
    }

    /** The 1-based line of the record {@link #next} returned last. */
    public int recordLine() {
        return recordLine;
    }

    private JsonObject nextObject() throws IOException, Problem {
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                continue;
            }
            recordLine = line;
            JsonElement e;
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            try {
                e = JsonParser.parseReader(reader);
            } catch (JsonParseException | IllegalStateException bad) {
                throw new Problem("`" + label + "`: line " + line + " is not valid JSON: " + reason(bad));
            }
            boolean more;
            try {
                more = reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT;
            } catch (IOException | IllegalStateException trailing) {
                more = true;
            }
            if (more) {
                throw new Problem("`" + label + "`: line " + line + " has more after its first JSON value (one object a line)");
            }
            if (!e.isJsonObject()) {
                throw new Problem("`" + label + "`: line " + line + " is not a JSON object but " + kind(e)
                        + " (a JSON Lines table holds one object a line)");
            }
            return e.getAsJsonObject();
        }
        return null;
    }

    private String[] values(JsonObject o) throws Problem {
        String[] out = new String[names.size()];
        for (Map.Entry<String, JsonElement> entry : o.entrySet()) {
            Integer at = position.get(entry.getKey());
            if (at == null) {
                throw new Problem("`" + label + "`: line " + recordLine + " has the key `" + entry.getKey()
                        + "`, which the first line does not have (the first line names every column)");
            }
            JsonElement v = entry.getValue();
            if (v.isJsonNull()) {
                continue;
            }
            if (!v.isJsonPrimitive()) {
                throw new Problem("`" + label + "`: line " + recordLine + ", column `" + entry.getKey() + "`: "
                        + kind(v) + ", not a value (rows must be flat)");
            }
            JsonPrimitive p = v.getAsJsonPrimitive();
            out[at] = p.getAsString();
        }
        return out;
    }

    private static String kind(JsonElement e) {
        if (e.isJsonArray()) {
            return "an array";
        } else if (e.isJsonObject()) {
            return "an object";
        } else if (e.isJsonNull()) {
            return "null";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isString() ? "a string" : p.isNumber() ? "a number" : "a boolean";
    }

    /** Gson's message without its advice on leniency, its link and its JSON path, which name nothing a user wrote. */
    private static String reason(Exception e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage();
        if (m == null) {
            return t.getClass().getSimpleName();
        }
        int cut = m.indexOf("\nSee ");
        m = cut >= 0 ? m.substring(0, cut) : m;
        m = m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON ", "malformed JSON ");
        return m.replaceAll(" path \\$\\S*", "").replace("at line 1 column", "at column").strip();
    }

    /** What is wrong with the file, naming it and the line: bad user input, never a bug. */
    public static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message);
        }
    }
}
