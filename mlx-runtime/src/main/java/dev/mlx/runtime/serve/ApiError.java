package dev.mlx.runtime.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * A refused request: HTTP status, a stable code, a message and, for validation, one entry per bad
 * field. Rendered as {@code {"error": {...}}}; in production mode values and schema details are
 * left out, so errors never echo what a client sent.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One bad value: the row (0-based, null for a single object), the field, what is wrong. */
    public record Field(Integer row, String field, String problem, String value, String expected) {
    }

    public final int status;
    public final String code;
    public final transient List<Field> fields;

    public ApiError(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public ApiError(int status, String code, String message, List<Field> fields) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.fields = List.copyOf(fields);
    }

    public JsonObject json(boolean production) {
        JsonObject e = new JsonObject();
        e.addProperty("status", status);
        e.addProperty("code", code);
        e.addProperty("message", getMessage());
        if (!fields.isEmpty()) {
            JsonArray fs = new JsonArray();
            for (Field f : fields) {
                JsonObject o = new JsonObject();
                if (f.row() != null) {
                    o.addProperty("row", f.row());
                }
                o.addProperty("field", f.field());
                o.addProperty("problem", f.problem());
                if (!production) {
                    if (f.value() != null) {
                        o.addProperty("value", f.value());
                    }
                    if (f.expected() != null) {
                        o.addProperty("expected", f.expected());
                    }
                }
                fs.add(o);
            }
            e.add("fields", fs);
        }
        JsonObject o = new JsonObject();
        o.add("error", e);
        return o;
    }
}
