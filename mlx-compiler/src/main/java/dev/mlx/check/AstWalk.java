package dev.mlx.check;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Visits every node of a type anywhere below a syntax-tree record (records and lists only). The
 * accessors worth following are looked up once per record class: reflecting on every node made
 * this walk most of a warm check's time.
 */
final class AstWalk {
    private static final ClassValue<MethodHandle[]> CHILDREN = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return new MethodHandle[0];
            }
            List<MethodHandle> out = new ArrayList<>();
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            for (RecordComponent rc : type.getRecordComponents()) {
                Class<?> t = rc.getType();
                if (t.isPrimitive() || t == String.class || t == dev.mlx.source.Span.class || t.isEnum()) {
                    continue;
                }
                try {
                    out.add(lookup.unreflect(rc.getAccessor()));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("syntax-tree record " + type + " is not public", e);
                }
            }
            return out.toArray(new MethodHandle[0]);
        }
    };

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
        } else if (node instanceof Record) {
            for (MethodHandle child : CHILDREN.get(node.getClass())) {
                Object value;
                try {
                    value = child.invoke(node);
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
                each(value, type, action);
            }
        }
    }
}
