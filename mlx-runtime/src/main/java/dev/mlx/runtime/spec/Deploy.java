package dev.mlx.runtime.spec;

import dev.mlx.catalog.ExportFormat;
import dev.mlx.catalog.UnknownPolicy;
import java.util.List;

/** Exports of the selected model and serving settings. */
public record Deploy(List<Export> exports, int port, UnknownPolicy unknownPolicy) {
    public Deploy {
        exports = List.copyOf(exports);
    }

    /** {@code export FORMAT "path"}. */
    public record Export(ExportFormat format, String path) {
    }
}
