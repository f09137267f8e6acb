package dev.mlx.runtime.result;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.annotations.SerializedName;
import dev.mlx.runtime.result.JsonShape.Nullable;
import dev.mlx.runtime.result.JsonShape.OmitIfNull;
import dev.mlx.runtime.result.JsonShape.Tag;
import dev.mlx.runtime.result.JsonShape.Tagged;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Records to JSON trees and back, by their components: key names in snake_case (or a component's
 * {@link SerializedName}), {@link JsonShape} for nulls, left-out keys and unions. Writing turns NaN
 * and infinities into null and whole numbers into integers; reading is strict — a missing or unknown
 * key, a value of the wrong kind, a null where none is allowed are each an {@link InvalidRunJson}
 * naming the JSON path. The same model of the types gives the JSON Schema.
 */
final class RecordCodec {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Gson QUOTE = new Gson();
    private static final Map<Class<?>, List<Component>> COMPONENTS = new ConcurrentHashMap<>();

    private RecordCodec() {
    }

    /** One record component as JSON sees it. */
    record Component(String key, RecordComponent component, boolean omittable) {
        AnnotatedType type() {
            return component.getAnnotatedType();
        }

        Object get(Object record) {
            try {
                return component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
        }
    }

    static List<Component> components(Class<?> record) {
        return COMPONENTS.computeIfAbsent(record, c -> {
            List<Component> out = new ArrayList<>();
            for (RecordComponent rc : c.getRecordComponents()) {
                // Gson's annotation targets fields and methods: on a record component it lands on the accessor
                SerializedName named = rc.getAccessor().getAnnotation(SerializedName.class);
                out.add(new Component(named != null ? named.value() : snake(rc.getName()), rc,
                        rc.isAnnotationPresent(OmitIfNull.class)));
            }
            return List.copyOf(out);
        });
    }

    /** {@code maxHeapBytes} to {@code max_heap_bytes}. */
    static String snake(String camel) {
        StringBuilder sb = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                sb.append('_').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ writing

    static JsonElement encode(Object value, AnnotatedType type) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof String s) {
            return new JsonPrimitive(s);
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (value instanceof Double || value instanceof Float) {
            return number(((Number) value).doubleValue());
        }
        if (value instanceof Number n) {
            return new JsonPrimitive(n.longValue());
        }
        if (value instanceof List<?> list) {
            AnnotatedType element = argument(type, 0);
            JsonArray a = new JsonArray(list.size());
            for (Object x : list) {
                a.add(encode(x, element));
            }
            return a;
        }
        if (value instanceof Map<?, ?> map) {
            AnnotatedType element = argument(type, 1);
            JsonObject o = new JsonObject();
            map.forEach((k, v) -> o.add(String.valueOf(k), encode(v, element)));
            return o;
        }
        if (value instanceof Record r) {
            Class<?> declared = raw(type.getType());
            List<Component> cs = components(r.getClass());
            if (declared.isInterface() && !declared.isAnnotationPresent(Tagged.class) && cs.size() == 1) {
                return encode(cs.get(0).get(r), cs.get(0).type()); // a bare value of an untagged union
            }
            JsonObject o = new JsonObject();
            for (Component c : cs) {
                Object v = c.get(r);
                if (v == null && c.omittable()) {
                    continue;
                }
                o.add(c.key(), encode(v, c.type()));
            }
            return o;
        }
        throw new IllegalArgumentException("no JSON form for " + value.getClass());
    }

    /** A finite number; whole ones without a fraction; NaN and infinities as null. */
    static JsonElement number(double d) {
        if (!Double.isFinite(d)) {
            return JsonNull.INSTANCE;
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? new JsonPrimitive((long) d) : new JsonPrimitive(d);
    }

    // ------------------------------------------------------------------ reading

    static Object decode(JsonElement e, AnnotatedType type, String path) {
        Class<?> c = raw(type.getType());
        if (e == null || e.isJsonNull()) {
            if (type.isAnnotationPresent(Nullable.class) && !c.isPrimitive()) {
                return null;
            }
            throw new InvalidRunJson(path, "expected " + describe(type) + ", found null");
        }
        if (c == String.class) {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
                return e.getAsString();
            }
            throw wrong(path, type, e);
        }
        if (c == boolean.class || c == Boolean.class) {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
                return e.getAsBoolean();
            }
            throw wrong(path, type, e);
        }
        if (c == double.class || c == Double.class) {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                return e.getAsDouble();
            }
            throw wrong(path, type, e);
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            Long whole = whole(e);
            boolean small = c == int.class || c == Integer.class;
            if (whole == null || small && (whole < Integer.MIN_VALUE || whole > Integer.MAX_VALUE)) {
                throw wrong(path, type, e);
            }
            return small ? (Object) whole.intValue() : (Object) whole;
        }
        if (c == List.class) {
            if (!e.isJsonArray()) {
                throw wrong(path, type, e);
            }
            AnnotatedType element = argument(type, 0);
            List<Object> out = new ArrayList<>();
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                out.add(decode(a.get(i), element, path + "[" + i + "]"));
            }
            return Copies.list(out);
        }
        if (c == Map.class) {
            if (!e.isJsonObject()) {
                throw wrong(path, type, e);
            }
            AnnotatedType element = argument(type, 1);
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> en : e.getAsJsonObject().entrySet()) {
                out.put(en.getKey(), decode(en.getValue(), element, key(path, en.getKey())));
            }
            return Copies.map(out);
        }
        if (c.isInterface() && c.isSealed()) {
            return decodeUnion(e, type, c, path);
        }
        if (c.isRecord()) {
            if (!e.isJsonObject()) {
                throw wrong(path, type, e);
            }
            return decodeRecord(e.getAsJsonObject(), c, path);
        }
        throw new IllegalArgumentException("no JSON form for " + c);
    }

    private static Object decodeUnion(JsonElement e, AnnotatedType type, Class<?> union, String path) {
        Tagged tagged = union.getAnnotation(Tagged.class);
        if (tagged != null) {
            if (!e.isJsonObject()) {
                throw wrong(path, type, e);
            }
            JsonElement tag = e.getAsJsonObject().get(tagged.value());
            String at = key(path, tagged.value());
            if (tag == null) {
                throw new InvalidRunJson(at, "missing");
            }
            List<String> known = new ArrayList<>();
            for (Class<?> v : union.getPermittedSubclasses()) {
                for (String t : v.getAnnotation(Tag.class).value()) {
                    known.add(t);
                    if (tag.isJsonPrimitive() && tag.getAsJsonPrimitive().isString() && tag.getAsString().equals(t)) {
                        return decodeRecord(e.getAsJsonObject(), v, path);
                    }
                }
            }
            throw new InvalidRunJson(at, "expected one of " + String.join(", ", known) + ", found " + found(tag));
        }
        String kind = kind(e);
        boolean integral = whole(e) != null;
        Class<?> chosen = null;
        for (Class<?> v : union.getPermittedSubclasses()) {
            List<Component> cs = components(v);
            Class<?> inner = cs.size() == 1 ? raw(cs.get(0).type().getType()) : v;
            if (!kind(inner).equals(kind)) {
                continue;
            }
            boolean wholeVariant = inner == long.class || inner == int.class || inner == Long.class || inner == Integer.class;
            if (kind.equals("number") && wholeVariant != integral) {
                continue; // a whole number goes to the whole variant, any other number to the other
            }
            chosen = v;
            break;
        }
        if (chosen == null) {
            throw wrong(path, type, e);
        }
        List<Component> cs = components(chosen);
        if (cs.size() != 1) {
            return decodeRecord(e.getAsJsonObject(), chosen, path);
        }
        return construct(chosen, new Object[] {decode(e, cs.get(0).type(), path)}, path);
    }

    private static Object decodeRecord(JsonObject o, Class<?> record, String path) {
        List<Component> cs = components(record);
        Set<String> keys = new LinkedHashSet<>();
        for (Component c : cs) {
            keys.add(c.key());
        }
        for (String k : o.keySet()) {
            if (!keys.contains(k)) {
                throw new InvalidRunJson(key(path, k), "unknown key (expected " + String.join(", ", keys) + ")");
            }
        }
        Object[] args = new Object[cs.size()];
        for (int i = 0; i < cs.size(); i++) {
            Component c = cs.get(i);
            JsonElement v = o.get(c.key());
            if (v == null) {
                if (!c.omittable()) {
                    throw new InvalidRunJson(key(path, c.key()), "missing");
                }
                continue;
            }
            if (c.omittable() && v.isJsonNull()) {
                throw new InvalidRunJson(key(path, c.key()), "expected " + describe(c.type()) + ", found null");
            }
            args[i] = decode(v, c.type(), key(path, c.key()));
        }
        return construct(record, args, path);
    }

    private static Object construct(Class<?> record, Object[] args, String path) {
        RecordComponent[] rcs = record.getRecordComponents();
        Class<?>[] types = new Class<?>[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            types[i] = rcs[i].getType();
        }
        try {
            Constructor<?> k = record.getDeclaredConstructor(types);
            k.setAccessible(true);
            return k.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new InvalidRunJson(path, "not a valid " + record.getSimpleName() + ": " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make " + record, e);
        }
    }

    private static Long whole(JsonElement e) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        try {
            return new BigDecimal(e.getAsString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException x) {
            return null;
        }
    }

    private static InvalidRunJson wrong(String path, AnnotatedType type, JsonElement e) {
        return new InvalidRunJson(path, "expected " + describe(type) + ", found " + found(e));
    }

    /** A value as a message shows it: strings quoted (and cut), numbers as written, containers by kind. */
    static String found(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        String s = e.getAsJsonPrimitive().isString() ? QUOTE.toJson(e) : e.getAsString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    static String describe(AnnotatedType type) {
        Class<?> c = raw(type.getType());
        if (c.isInterface() && c.isSealed() && !c.isAnnotationPresent(Tagged.class)) {
            Set<String> kinds = new LinkedHashSet<>();
            for (Class<?> v : c.getPermittedSubclasses()) {
                List<Component> cs = components(v);
                kinds.add(cs.size() == 1 ? describe(cs.get(0).type()) : "an object");
            }
            return String.join(" or ", kinds);
        }
        return switch (kind(c)) {
            case "string" -> "a string";
            case "boolean" -> "true or false";
            case "number" -> c == double.class || c == Double.class ? "a number" : "a whole number";
            case "array" -> "an array";
            default -> "an object";
        };
    }

    private static String kind(Class<?> c) {
        if (c == String.class) {
            return "string";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "boolean";
        }
        if (c.isPrimitive() || Number.class.isAssignableFrom(c)) {
            return "number";
        }
        return c == List.class ? "array" : "object";
    }

    private static String kind(JsonElement e) {
        if (e.isJsonArray()) {
            return "array";
        }
        if (e.isJsonObject()) {
            return "object";
        }
        if (e.isJsonNull()) {
            return "null";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isString() ? "string" : p.isBoolean() ? "boolean" : "number";
    }

    static String key(String path, String key) {
        return IDENTIFIER.matcher(key).matches() ? path + "." + key
                : path + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("unsupported type " + t);
    }

    static AnnotatedType argument(AnnotatedType type, int i) {
        if (type instanceof AnnotatedParameterizedType p) {
            AnnotatedType[] args = p.getAnnotatedActualTypeArguments();
            return args[Math.min(i, args.length - 1)];
        }
        throw new IllegalArgumentException("a list or map needs its type arguments: " + type);
    }

    // ------------------------------------------------------------------ schema

    /** The JSON Schema (2020-12) of {@code root}: every record and tagged union in {@code $defs}. */
    static JsonObject schema(Class<?> root, String title) {
        Map<String, JsonObject> defs = new TreeMap<>();
        JsonObject out = new JsonObject();
        out.addProperty("$schema", "https://json-schema.org/draft/2020-12/schema");
        out.addProperty("title", title);
        out.addProperty("$ref", "#/$defs/" + define(root, defs));
        JsonObject d = new JsonObject();
        defs.forEach(d::add);
        out.add("$defs", d);
        return out;
    }

    private static String defName(Class<?> c) {
        String n = c.getName();
        return n.substring(n.lastIndexOf('.') + 1).replace('$', '.');
    }

    private static String define(Class<?> c, Map<String, JsonObject> defs) {
        String name = defName(c);
        if (defs.containsKey(name)) {
            return name;
        }
        JsonObject s = new JsonObject();
        defs.put(name, s); // before the components: a type may refer to itself
        if (c.isInterface()) {
            Tagged tagged = c.getAnnotation(Tagged.class);
            JsonArray variants = new JsonArray();
            for (Class<?> v : c.getPermittedSubclasses()) {
                List<Component> cs = components(v);
                variants.add(tagged == null && cs.size() == 1 ? schemaOf(cs.get(0).type(), defs) : ref(define(v, defs)));
            }
            s.add(tagged != null ? "oneOf" : "anyOf", variants);
            return name;
        }
        s.addProperty("type", "object");
        JsonObject props = new JsonObject();
        JsonArray required = new JsonArray();
        Class<?> union = null;
        for (Class<?> i : c.getInterfaces()) {
            if (i.isAnnotationPresent(Tagged.class)) {
                union = i;
            }
        }
        for (Component comp : components(c)) {
            JsonObject p;
            if (union != null && comp.key().equals(union.getAnnotation(Tagged.class).value())) {
                p = new JsonObject();
                JsonArray values = new JsonArray();
                for (String t : c.getAnnotation(Tag.class).value()) {
                    values.add(t);
                }
                p.add("enum", values);
            } else {
                p = schemaOf(comp.type(), defs);
            }
            props.add(comp.key(), p);
            if (!comp.omittable()) {
                required.add(comp.key());
            }
        }
        s.add("properties", props);
        s.add("required", required);
        s.addProperty("additionalProperties", false);
        return name;
    }

    private static JsonObject ref(String name) {
        JsonObject r = new JsonObject();
        r.addProperty("$ref", "#/$defs/" + name);
        return r;
    }

    private static JsonObject schemaOf(AnnotatedType type, Map<String, JsonObject> defs) {
        Class<?> c = raw(type.getType());
        JsonObject s = new JsonObject();
        if (c == List.class) {
            s.addProperty("type", "array");
            s.add("items", schemaOf(argument(type, 0), defs));
        } else if (c == Map.class) {
            s.addProperty("type", "object");
            s.add("additionalProperties", schemaOf(argument(type, 1), defs));
        } else if (c.isRecord() || c.isInterface()) {
            s = ref(define(c, defs));
        } else {
            String k = kind(c);
            s.addProperty("type", k.equals("number") && c != double.class && c != Double.class ? "integer" : k);
        }
        if (type.isAnnotationPresent(Nullable.class)) {
            if (s.has("type") && s.get("type").isJsonPrimitive()) {
                JsonArray both = new JsonArray();
                both.add(s.get("type"));
                both.add("null");
                s.add("type", both);
            } else {
                JsonObject any = new JsonObject();
                JsonArray options = new JsonArray();
                options.add(s);
                JsonObject none = new JsonObject();
                none.addProperty("type", "null");
                options.add(none);
                any.add("anyOf", options);
                s = any;
            }
        }
        return s;
    }
}
