package dev.mlx.runtime.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mlx.runtime.result.RunJson;
import java.util.ArrayList;
import java.util.List;

/**
 * A record's fields as run.json names and writes them, for the parts of the page that show what a
 * result holds field by field (what a feature step learned, per-class scores, a search space) rather
 * than picking fields by name.
 */
final class Fields {
    private Fields() {
    }

    /** The record's fields in order, under run.json's keys (fields left out when empty are absent). */
    static JsonObject of(Object r) {
        return RunJson.tree(r).getAsJsonObject();
    }

    static List<JsonObject> objects(JsonArray a) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : a) {
            if (e instanceof JsonObject o) {
                out.add(o);
            }
        }
        return out;
    }

    /** The values of a list as text: strings bare, numbers as written, null as null. */
    static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : a) {
            out.add(e == null || e.isJsonNull() ? null : e.isJsonPrimitive() ? e.getAsString() : e.toString());
        }
        return out;
    }

    /** A value as a reader would write it: strings bare, numbers formatted, null as an em dash. */
    static String text(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "—";
        }
        if (e.isJsonPrimitive()) {
            if (e.getAsJsonPrimitive().isNumber()) {
                return Fmt.num(e.getAsDouble());
            }
            // An empty text value (`impute with ""`) would show as nothing at all.
            return e.getAsString().isEmpty() ? "\"\" (empty text)" : e.getAsString();
        }
        return e.toString();
    }

    /** A field's run.json name as a table header: words apart ({@code other_rows} is "other rows"), {@code std} as "sd". */
    static String header(String key) {
        return switch (key) {
            case "std" -> "sd";
            case "non_zero" -> "non-zero";
            case "lo" -> "low";
            case "hi" -> "high";
            default -> key.replace('_', ' ');
        };
    }
}
