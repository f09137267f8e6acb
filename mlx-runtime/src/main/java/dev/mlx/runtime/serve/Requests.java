package dev.mlx.runtime.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.MalformedJsonException;
import dev.mlx.catalog.ColumnType;
import dev.mlx.runtime.data.ColumnTyping;
import dev.mlx.runtime.data.RowTable;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Turns a request body (one JSON object, or an array of them) into a table typed with the training
 * schema, after checking every field: required columns present, JSON types that fit the column,
 * categories seen in training (the {@code unknown} policy decides), numbers inside the training
 * range (a warning). Problems are collected for every row and field before answering.
 */
final class Requests {
    /** Numbers more than this share of the training range beyond its ends are "far outside". */
    static final double RANGE_MARGIN = 0.1;

    private Requests() {
    }

    /** The parsed rows: whether the body was an array, the raw maps, the typed table, warnings. */
    record Parsed(boolean batch, List<Map<String, Object>> rows, Table table, List<ApiError.Field> warnings) {
    }

    /** Parses the body into JSON: a malformed body is a 400 that says where. */
    static JsonElement json(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiError(400, "empty_body", "the request body is empty: send a JSON object or an array of objects");
        }
        try {
            JsonReader r = new JsonReader(new StringReader(body));
            // strict JSON: no unquoted names, single quotes, NaN or comments (parseReader is lenient by default)
            r.setStrictness(com.google.gson.Strictness.STRICT);
            JsonElement e = JsonParser.parseReader(r);
            if (r.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw new ApiError(400, "malformed_json", "the request body has more after the JSON value");
            }
            return e;
        } catch (JsonParseException | MalformedJsonException ex) {
            throw new ApiError(400, "malformed_json", "the request body is not valid JSON: " + JsonProblems.describe(ex));
        } catch (java.io.IOException ex) {
            throw new ApiError(400, "malformed_json", "the request body is not valid JSON");
        } catch (StackOverflowError ex) {
            throw new ApiError(400, "malformed_json", "the request body nests too deeply");
        }
    }

    static Parsed parse(String body, Profile profile, int maxBatch) {
        JsonElement e = json(body);
        List<JsonObject> objects = new ArrayList<>();
        boolean batch = e.isJsonArray();
        if (batch) {
            JsonArray a = e.getAsJsonArray();
            if (a.isEmpty()) {
                throw new ApiError(400, "empty_batch", "the array of rows is empty");
            }
            if (a.size() > maxBatch) {
                throw new ApiError(413, "batch_too_large", "a batch holds at most " + maxBatch + " rows; this one has " + a.size());
            }
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).isJsonObject()) {
                    throw new ApiError(400, "not_an_object", "row " + i + " of the array is not a JSON object");
                }
                objects.add(a.get(i).getAsJsonObject());
            }
        } else if (e.isJsonObject()) {
            objects.add(e.getAsJsonObject());
        } else {
            throw new ApiError(400, "not_an_object", "send one JSON object with the input columns, or an array of them");
        }
        List<ApiError.Field> errors = new ArrayList<>();
        List<ApiError.Field> warnings = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            rows.add(row(objects.get(i), batch ? i : null, profile, errors, warnings));
        }
        if (errors.isEmpty()) {
            RowTable.Result t = RowTable.build(profile.dataColumns(), profile.missing, rows);
            for (RowTable.Problem p : t.problems()) {
                errors.add(new ApiError.Field(batch ? p.row() : null, p.column(), p.message(), null,
                        profile.column(p.column()).type().description()));
            }
            if (errors.isEmpty()) {
                return new Parsed(batch, rows, t.table(), warnings);
            }
        }
        throw new ApiError(422, "invalid_input", errors.size() == 1 ? "1 field does not fit the training schema"
                : errors.size() + " fields do not fit the training schema", errors);
    }

    private static Map<String, Object> row(JsonObject o, Integer row, Profile profile, List<ApiError.Field> errors,
                                           List<ApiError.Field> warnings) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Profile.Col c : profile.columns) {
            JsonElement v = o.get(c.name());
            if (v == null) {
                if (c.required()) {
                    errors.add(new ApiError.Field(row, c.name(), "missing required field", null, c.type().description()));
                }
                continue;
            }
            if (v.isJsonNull()) {
                out.put(c.name(), null); // a missing value, handled as in training
                continue;
            }
            Object value = typed(v, c, row, errors);
            if (value == null) {
                continue;
            }
            out.put(c.name(), value);
            if (!c.required()) {
                continue; // the id and other columns the model never sees: typed, not judged
            }
            if (c.isCategorical() && c.categories() != null && !c.categories().isEmpty()
                    && !profile.missing.contains(value.toString()) && !c.categories().containsKey(value.toString())) {
                ApiError.Field f = new ApiError.Field(row, c.name(), "category never seen in training", shown(value.toString()),
                        "one of " + String.join(", ", c.categories().keySet()));
                switch (profile.unknownPolicy) {
                    case REJECT -> errors.add(f);
                    case WARN -> warnings.add(f);
                    case UNSEEN -> { } // answered like any unseen category, silently
                }
            }
            if (c.isNumeric() && c.numeric() != null && value instanceof Number n) {
                double d = n.doubleValue();
                double span = Math.max(c.numeric().max() - c.numeric().min(), Math.abs(c.numeric().max()) * 1e-9);
                double lo = c.numeric().min() - RANGE_MARGIN * span;
                double hi = c.numeric().max() + RANGE_MARGIN * span;
                if (d < lo || d > hi) {
                    warnings.add(new ApiError.Field(row, c.name(), "far outside the training range", fmt(d),
                            fmt(c.numeric().min()) + ".." + fmt(c.numeric().max())));
                }
            }
        }
        for (String key : o.keySet()) {
            if (profile.column(key) == null && !key.equals(profile.target)) {
                warnings.add(new ApiError.Field(row, key, "not a column of the training data; ignored", null, null));
            }
        }
        return out;
    }

    /** The JSON value as the column's Java value, or null after recording why it does not fit. */
    private static Object typed(JsonElement v, Profile.Col c, Integer row, List<ApiError.Field> errors) {
        String expected = c.type().description();
        if (!v.isJsonPrimitive()) {
            errors.add(new ApiError.Field(row, c.name(), "expected " + expected + ", got " + (v.isJsonArray() ? "an array" : "an object"),
                    null, expected));
            return null;
        }
        JsonPrimitive p = v.getAsJsonPrimitive();
        String got = p.isNumber() ? "a number" : p.isBoolean() ? "a boolean" : "a string";
        switch (c.type()) {
            case NUMBER, INTEGER -> {
                if (!p.isNumber()) {
                    errors.add(new ApiError.Field(row, c.name(), "expected " + expected + ", got " + got, shown(p.getAsString()), expected));
                    return null;
                }
                BigDecimal b = decimal(p);
                if (b == null) {
                    errors.add(new ApiError.Field(row, c.name(), "number out of range", shown(p.getAsString()), expected));
                    return null;
                }
                if (c.type() == ColumnType.INTEGER) {
                    if (b.precision() - b.scale() > 19) { // more digits than a long has: out of range, not a fraction
                        errors.add(new ApiError.Field(row, c.name(), "number out of range", shown(p.getAsString()), expected));
                        return null;
                    }
                    try {
                        return b.longValueExact();
                    } catch (ArithmeticException ex) {
                        errors.add(new ApiError.Field(row, c.name(), "expected " + expected + ", got " + shown(p.getAsString()),
                                shown(p.getAsString()), expected));
                        return null;
                    }
                }
                double d = b.doubleValue();
                if (Double.isInfinite(d)) {
                    errors.add(new ApiError.Field(row, c.name(), "number out of range", shown(p.getAsString()), expected));
                    return null;
                }
                return d;
            }
            case BOOLEAN -> {
                if (p.isBoolean()) {
                    return p.getAsBoolean() ? "true" : "false";
                }
                // the data file's rule (ColumnTyping): true/false, yes/no and 1/0 all read as a boolean
                String s = ColumnTyping.spelling(p.getAsString().strip(), ColumnType.BOOLEAN);
                if (s != null) {
                    return s;
                }
                errors.add(new ApiError.Field(row, c.name(), "expected true or false, got " + got, shown(p.getAsString()), expected));
                return null;
            }
            case CATEGORY -> {
                // categories that look like numbers ("1", "2") often arrive as JSON numbers
                if (!p.isNumber()) {
                    return p.getAsString();
                }
                String text = numberText(p);
                if (text == null) {
                    errors.add(new ApiError.Field(row, c.name(), "number out of range for a category", shown(p.getAsString()),
                            expected));
                }
                return text;
            }
            default -> {
                if (!p.isString()) {
                    errors.add(new ApiError.Field(row, c.name(), "expected " + expected + " as a string, got " + got,
                            shown(p.getAsString()), expected));
                    return null;
                }
                return p.getAsString();
            }
        }
    }

    /**
     * The largest power of ten a request may write: far beyond any double, small enough that a
     * number never costs more than a few hundred digits to hold or to print. Gson refuses larger
     * exponents with a NumberFormatException of its own.
     */
    static final int MAX_EXPONENT = 400;
    private static final int MAX_DIGITS = 400;

    /** The JSON number as a decimal, or null when it has too many digits or too large an exponent. */
    static BigDecimal decimal(JsonPrimitive p) {
        String text = p.getAsString();
        if (text.length() > MAX_DIGITS + 12) {
            return null;
        }
        try {
            BigDecimal b = new BigDecimal(text);
            int exponent = b.precision() - b.scale();
            return exponent > MAX_EXPONENT || exponent < -MAX_EXPONENT ? null : b;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A JSON number as a category's text ({@code 2.0} and {@code 2} are the category "2"), or null
     * when it is out of range.
     */
    static String numberText(JsonPrimitive p) {
        BigDecimal b = decimal(p);
        return b == null ? null : b.stripTrailingZeros().toPlainString();
    }

    /** A client's text as echoed back in an error: cut short, so an answer never grows with the request. */
    static String shown(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.6g", d);
    }
}
