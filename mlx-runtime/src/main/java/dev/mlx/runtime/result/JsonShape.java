package dev.mlx.runtime.result;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a record of run.json maps to JSON where the record's types alone do not say: which values may
 * be null, which keys are left out when they have no value, and how the variants of a sealed
 * interface are told apart. {@link RunJson} writes, reads and describes (as JSON Schema) by these.
 */
public final class JsonShape {
    private JsonShape() {
    }

    /** The value may be JSON {@code null} (written as null, never left out). Without it, null is refused. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE_USE)
    public @interface Nullable {
    }

    /** The key is left out when the component is null, and may be absent when read. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface OmitIfNull {
    }

    /**
     * On a sealed interface: its variants are objects told apart by the string under this key (a
     * component of every variant). Without it, the variants are told apart by JSON kind (number,
     * string, boolean, array, object), and a variant with one component is written as that value.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Tagged {
        String value();
    }

    /** On a variant of a {@link Tagged} interface: the values of the tag that mean this variant. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Tag {
        String[] value();
    }
}
