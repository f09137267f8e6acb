package dev.mlx.codegen;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * Writes a spec value as a Java expression: records as constructor calls with each argument
 * labelled by its component name, lists, ordered maps, arrays, enums and literals. A value that
 * came from a `$parameter` is written as a read of that parameter, so `--set` works at run time.
 */
final class SpecWriter {
    private static final String SPEC_PACKAGE = "dev.mlx.runtime.spec.";
    private final Map<String, String> paramUses;

    SpecWriter(Map<String, String> paramUses) {
        this.paramUses = paramUses;
    }

    String write(Object value, String path, int indent) {
        String param = paramUses.get(path);
        if (param != null) {
            return paramRead(param, value);
        }
        if (value == null) {
            return "null";
        } else if (value instanceof String s) {
            return JavaLiterals.string(s);
        } else if (value instanceof Double d) {
            return JavaLiterals.number(d);
        } else if (value instanceof Long l) {
            return JavaLiterals.longValue(l);
        } else if (value instanceof Integer i) {
            return i.toString();
        } else if (value instanceof Boolean b) {
            return b.toString();
        } else if (value instanceof Enum<?> e) {
            return e.getDeclaringClass().getSimpleName() + "." + e.name();
        } else if (value instanceof double[] a) {
            StringBuilder sb = new StringBuilder("new double[] {");
            for (int i = 0; i < a.length; i++) {
                sb.append(i > 0 ? ", " : "").append(write(a[i], path + "[" + i + "]", indent));
            }
            return sb.append('}').toString();
        } else if (value instanceof long[] a) {
            StringBuilder sb = new StringBuilder("new long[] {");
            for (int i = 0; i < a.length; i++) {
                sb.append(i > 0 ? ", " : "").append(write(a[i], path + "[" + i + "]", indent));
            }
            return sb.append('}').toString();
        } else if (value instanceof List<?> list) {
            return list(list, path, indent);
        } else if (value instanceof Map<?, ?> map) {
            return map(map, path, indent);
        } else if (value instanceof Record r) {
            return record(r, path, indent);
        }
        throw new IllegalArgumentException("cannot write " + value.getClass() + " at " + path);
    }

    private static String paramRead(String use, Object value) {
        String[] parts = use.split("\\*", 2);
        String read = "p.num(" + JavaLiterals.string(parts[0]) + ")" + (parts.length > 1 ? " * " + parts[1] : "");
        if (value instanceof Long) {
            return "(long) (" + read + ")";
        } else if (value instanceof Integer) {
            return "(int) (" + read + ")";
        }
        return read;
    }

    private String list(List<?> list, String path, int indent) {
        if (list.isEmpty()) {
            return "List.of()";
        }
        StringBuilder sb = new StringBuilder("List.of(");
        boolean multiline = list.stream().anyMatch(o -> o instanceof Record);
        for (int i = 0; i < list.size(); i++) {
            if (multiline) {
                sb.append(i > 0 ? "," : "").append('\n').append(pad(indent + 1));
            } else if (i > 0) {
                sb.append(", ");
            }
            sb.append(write(list.get(i), path + "[" + i + "]", indent + 1));
        }
        return sb.append(')').toString();
    }

    private String map(Map<?, ?> map, String path, int indent) {
        if (map.isEmpty()) {
            return "Maps.of()";
        }
        StringBuilder sb = new StringBuilder("Maps.of(");
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = (String) e.getKey();
            sb.append(i++ > 0 ? ", " : "").append(JavaLiterals.string(key)).append(", ")
                    .append(write(e.getValue(), path + "{" + key + "}", indent));
        }
        return sb.append(')').toString();
    }

    private String record(Record r, String path, int indent) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        StringBuilder sb = new StringBuilder("new ").append(typeName(r.getClass())).append('(');
        boolean multiline = components.length > 3;
        for (int i = 0; i < components.length; i++) {
            Object v;
            try {
                v = components[i].getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String childPath = path.isEmpty() ? components[i].getName() : path + "." + components[i].getName();
            String arg = write(v, childPath, indent + 1);
            if (multiline) {
                sb.append(i > 0 ? "," : "").append('\n').append(pad(indent + 1))
                        .append("/* ").append(components[i].getName()).append(" */ ").append(arg);
            } else {
                sb.append(i > 0 ? ", " : "").append(arg);
            }
        }
        return sb.append(')').toString();
    }

    /** Spec types by their name inside the spec package ({@code Data.Split}); imported by the template. */
    static String typeName(Class<?> c) {
        String name = c.getName();
        if (!name.startsWith(SPEC_PACKAGE)) {
            throw new IllegalArgumentException("not a spec type: " + name);
        }
        return name.substring(SPEC_PACKAGE.length()).replace('$', '.');
    }

    private static String pad(int indent) {
        return "    ".repeat(indent + 2);
    }
}
