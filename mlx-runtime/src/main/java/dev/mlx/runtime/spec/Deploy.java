package dev.mlx.runtime.spec;

import java.util.List;

/** Exports of the selected model and serving settings. */
public record Deploy(List<Export> exports, int port, String unknownPolicy) {
    public Deploy {
        exports = List.copyOf(exports);
    }

    /** format: tribuo or onnx. */
    public record Export(String format, String path) {
    }
}
