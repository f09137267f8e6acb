package dev.mlx.check;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.function.Consumer;

/** Visits every node of a type anywhere below a syntax-tree record (records and lists only). */
final class AstWalk {
    private AstWalk() {
    }

    static <T> void each(Object node, Class<T> type, Consumer<T> action) {
        if (node == null) {
            return;
        }
        if (type.isInstance(node)) {
            action.accept(type.cast(node));
        }
        if (node instanceof Collection<?> c) {
            for (Object o : c) {
                each(o, type, action);
            }
        } else if (node instanceof Record r) {
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                Class<?> t = rc.getType();
                if (t.isPrimitive() || t == String.class || t == dev.mlx.source.Span.class || t.isEnum()) {
                    continue;
                }
                try {
                    each(rc.getAccessor().invoke(r), type, action);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
