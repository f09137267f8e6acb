package dev.mlx.codegen;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a spec value as a Java expression: records as constructor calls, lists, the ordered maps
 * of hyperparameters, enums and literals. Every constructor argument is labelled by a leading
 * {@code /* name *}{@code /} comment with its record component's name, so the program reads
 * without the spec's source at hand. A call stays on one line when no argument breaks and the line
 * ends by column {@value #WIDTH}, else it takes one argument per line; a list of records likewise;
 * lists of plain values and maps stay on one line. A value that came from a {@code $parameter} is
 * written as a read of that parameter, so {@code --set} works at run time.
 */
final class SpecWriter {
    private static final String SPEC_PACKAGE = "dev.mlx.runtime.spec.";
    private static final String CATALOG_PACKAGE = "dev.mlx.catalog.";
    /** The last column a call written on one line may reach. */
    static final int WIDTH = 120;
    /** The most text a list is written in at once; past it, in parts (see {@link #list}). */
    static final int CHUNK_CHARS = 6000;

    private final Map<String, String> paramUses;
    private final Set<String> written = new HashSet<>();
    private final Set<String> imports = new TreeSet<>();
    private final List<String> helpers = new ArrayList<>();

    SpecWriter(Map<String, String> paramUses) {
        this.paramUses = paramUses;
    }

    /** The catalog types the written code names, qualified, sorted: the program imports them. */
    Set<String> imports() {
        return imports;
    }

    /** Throws when a parameter use was never reached: its value would be baked into the program. */
    void requireEveryParameterWritten() {
        for (String path : paramUses.keySet()) {
            if (!written.contains(path)) {
                throw new IllegalStateException("no value at " + path + " for the parameter " + paramUses.get(path));
            }
        }
    }

    /**
     * {@code value} as Java, for a line indented {@code indent} levels inside the method body, the
     * text starting at {@code column} of its line.
     */
    String write(Object value, String path, int indent, int column) {
        String param = paramUses.get(path);
        if (param != null) {
            written.add(path);
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
            return typeName(e.getDeclaringClass()) + "." + e.name();
        } else if (value instanceof List<?> list) {
            return list(list, path, indent, column);
        } else if (value instanceof Map<?, ?> map) {
            return map(map, path, indent, column);
        } else if (value instanceof Record r) {
            return record(r, path, indent, column);
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

    /**
     * Lists of plain values stay on one line; a list of records breaks like a call. A list whose text
     * passes {@link #CHUNK_CHARS} is written in parts of about that size, each returned by a method of
     * its own and joined by {@code Lists.concat}: thousands of columns would otherwise pass the JVM's
     * 64 KB limit on one method's code.
     */
    private String list(List<?> list, String path, int indent, int column) {
        if (list.isEmpty()) {
            return "List.of()";
        }
        int helpersBefore = helpers.size();
        String[] items = new String[list.size()];
        boolean records = false;
        long chars = 0;
        for (int i = 0; i < items.length; i++) {
            items[i] = write(list.get(i), path + "[" + i + "]", indent + 1, pad(indent + 1).length());
            records |= list.get(i) instanceof Record;
            chars += items[i].length() + 2;
        }
        if (chars <= CHUNK_CHARS) {
            return call("List.of", items, records, indent, column);
        }
        // Written again at the parts' own indentation; what the first pass added is dropped.
        helpers.subList(helpersBefore, helpers.size()).clear();
        List<String> calls = new ArrayList<>();
        List<String> part = new ArrayList<>();
        long partChars = 0;
        for (int i = 0; i < items.length; i++) {
            String item = write(list.get(i), path + "[" + i + "]", 1, pad(1).length());
            if (!part.isEmpty() && partChars + item.length() > CHUNK_CHARS) {
                calls.add(chunk(part, records));
                part = new ArrayList<>();
                partChars = 0;
            }
            part.add(item);
            partChars += item.length() + 2;
        }
        calls.add(chunk(part, records));
        return call("Lists.concat", calls.toArray(new String[0]), true, indent, column);
    }

    /** A method returning one part of a long list; the call that reads it. */
    private String chunk(List<String> items, boolean records) {
        String name = "part" + (helpers.size() + 1);
        helpers.add("    /** Part " + (helpers.size() + 1) + " of a long list (one method's code is limited to 64 KB). */\n"
                + "    private static List<?> " + name + "(Params p) {\n"
                + "        return " + call("List.of", items.toArray(new String[0]), records, 0, 15) + ";\n"
                + "    }");
        return name + "(p)";
    }

    /** The methods that hold the parts of long lists, in the order their calls appear. */
    List<String> helpers() {
        return helpers;
    }

    private String map(Map<?, ?> map, String path, int indent, int column) {
        if (map.isEmpty()) {
            return "Maps.of()";
        }
        StringBuilder sb = new StringBuilder("Maps.of(");
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = (String) e.getKey();
            sb.append(i++ > 0 ? ", " : "").append(JavaLiterals.string(key)).append(", ")
                    .append(write(e.getValue(), path + "{" + key + "}", indent, column));
        }
        return sb.append(')').toString();
    }

    private String record(Record r, String path, int indent, int column) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        String[] args = new String[components.length];
        for (int i = 0; i < components.length; i++) {
            Object v;
            try {
                v = components[i].getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String childPath = path.isEmpty() ? components[i].getName() : path + "." + components[i].getName();
            String label = "/* " + components[i].getName() + " */ ";
            args[i] = label + write(v, childPath, indent + 1, pad(indent + 1).length() + label.length());
        }
        return call("new " + typeName(r.getClass()), args, true, indent, column);
    }

    /**
     * {@code head(a, b)} on one line when it may not break or when it fits: no argument breaks and the
     * line, with the two characters that may close it, ends by {@link #WIDTH}. Else one argument per line.
     */
    private static String call(String head, String[] args, boolean mayBreak, int indent, int column) {
        String oneLine = head + "(" + String.join(", ", args) + ")";
        if (!mayBreak || (column + oneLine.length() + 2 <= WIDTH && oneLine.indexOf('\n') < 0)) {
            return oneLine;
        }
        StringBuilder sb = new StringBuilder(head).append('(');
        for (int i = 0; i < args.length; i++) {
            sb.append(i > 0 ? "," : "").append('\n').append(pad(indent + 1)).append(args[i]);
        }
        return sb.append(')').toString();
    }

    /**
     * A spec type by its name inside the spec package ({@code Data.Split}), imported by the template
     * with the whole package; a catalog type by its simple name, imported one by one.
     */
    String typeName(Class<?> c) {
        String name = c.getName();
        if (name.startsWith(CATALOG_PACKAGE) && c.getEnclosingClass() == null) {
            imports.add(name);
            return c.getSimpleName();
        }
        return specTypeName(c);
    }

    /** A spec type by its name inside the spec package: {@code Data.Split}. */
    static String specTypeName(Class<?> c) {
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
