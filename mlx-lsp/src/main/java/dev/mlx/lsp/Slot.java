package dev.mlx.lsp;

import java.util.List;

/**
 * One kind of thing that may be written at a place: completion lists its members, hover looks the
 * word up in it. {@code arg} is the block, model kind, setting or function it depends on.
 */
record Slot(Kind kind, String arg, List<String> words) {
    enum Kind {
        EXPERIMENT, BLOCKS, STATEMENTS, MODEL_KINDS, MODEL_NAMES, HYPERPARAMS, PARAM_VALUES, METRICS, COLUMNS,
        TRANSFORMS, TRANSFORM_OPTIONS, FUNCTIONS, CHOICES, KEYWORDS, COLUMN_VALUES, COLUMN_KINDS
    }

    Slot {
        words = words == null ? List.of() : List.copyOf(words);
    }

    static Slot of(Kind kind) {
        return new Slot(kind, null, null);
    }

    static Slot of(Kind kind, String arg) {
        return new Slot(kind, arg, null);
    }

    static Slot keywords(String... words) {
        return new Slot(Kind.KEYWORDS, null, List.of(words));
    }
}
