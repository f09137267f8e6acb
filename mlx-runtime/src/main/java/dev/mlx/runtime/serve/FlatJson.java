package dev.mlx.runtime.serve;

import java.util.Map;

/**
 * Writes the flat maps the prediction log stores (a request row, class probabilities) as a JSON
 * object, the same text {@link ModelServer#GSON} writes for them, without Gson's writer and type lookups
 * per value: this runs for every logged prediction. Values are strings, numbers, booleans or null;
 * a number that JSON cannot hold (NaN, infinite) is written as null.
 */
final class FlatJson {
    private FlatJson() {
    }

    static String object(Map<String, ?> values) {
        StringBuilder sb = new StringBuilder(16 + values.size() * 24);
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            string(sb, e.getKey());
            sb.append(':');
            value(sb, e.getValue());
        }
        return sb.append('}').toString();
    }

    private static void value(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Number || v instanceof Boolean) {
            String text = v.toString(); // what Gson writes for a number
            sb.append(text.equals("NaN") || text.endsWith("Infinity") ? "null" : text);
        } else {
            string(sb, v.toString());
        }
    }

    /** A JSON string, escaped as Gson escapes it with HTML escaping off. */
    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
