package dev.mlx.runtime.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Null-safe reading of run.json: a missing key, a JSON null and a value of the wrong kind all read as absent. */
final class J {
    private J() {
    }

    static JsonObject obj(JsonObject o, String key) {
        return o != null && o.get(key) instanceof JsonObject x ? x : null;
    }

    static JsonArray arr(JsonObject o, String key) {
        return o != null && o.get(key) instanceof JsonArray x ? x : new JsonArray();
    }

    static boolean has(JsonObject o, String key) {
        return o != null && o.get(key) != null && !o.get(key).isJsonNull();
    }

    static String str(JsonObject o, String key) {
        if (!has(o, key)) {
            return null;
        }
        JsonElement e = o.get(key);
        return e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    static String str(JsonObject o, String key, String otherwise) {
        String s = str(o, key);
        return s == null ? otherwise : s;
    }

    static Double num(JsonObject o, String key) {
        return has(o, key) ? num(o.get(key)) : null;
    }

    static Double num(JsonElement e) {
        if (e == null || !e.isJsonPrimitive()) {
            return null;
        }
        try {
            return e.getAsDouble();
        } catch (NumberFormatException | UnsupportedOperationException ex) {
            return null;
        }
    }

    static boolean bool(JsonObject o, String key) {
        return has(o, key) && o.get(key).isJsonPrimitive() && o.get(key).getAsJsonPrimitive().isBoolean()
                && o.get(key).getAsBoolean();
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

    static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : a) {
            out.add(e == null || e.isJsonNull() ? null : e.isJsonPrimitive() ? e.getAsString() : e.toString());
        }
        return out;
    }

    static List<Double> numbers(JsonArray a) {
        List<Double> out = new ArrayList<>();
        for (JsonElement e : a) {
            out.add(num(e));
        }
        return out;
    }

    /** A JSON value as a reader would write it: strings bare, numbers formatted, null as an em dash. */
    static String text(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "—";
        }
        if (e.isJsonPrimitive()) {
            return e.getAsJsonPrimitive().isNumber() ? Fmt.num(e.getAsDouble()) : e.getAsString();
        }
        return e.toString();
    }
}
