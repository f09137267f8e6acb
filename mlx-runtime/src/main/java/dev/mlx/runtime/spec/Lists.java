package dev.mlx.runtime.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Long lists for generated code, built from parts: a table of thousands of columns gives lists too
 * long for one Java method (the JVM caps a method's code at 64 KB), so the generated program writes
 * them in chunks, each in a method of its own, and joins them here.
 */
public final class Lists {
    private Lists() {
    }

    /**
     * The parts' elements in order, as one unmodifiable list. The element type is the one the call
     * site expects: each part was written from that list's own elements.
     */
    @SuppressWarnings("unchecked")
    public static <T> List<T> concat(List<?>... parts) {
        List<Object> out = new ArrayList<>();
        for (List<?> part : parts) {
            out.addAll(part);
        }
        return (List<T>) List.copyOf(out);
    }
}
