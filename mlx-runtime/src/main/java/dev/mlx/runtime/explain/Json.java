package dev.mlx.runtime.explain;

/** Numbers for JSON: NaN and infinities (not valid JSON) become null. */
final class Json {
    private Json() {
    }

    static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
