package dev.mlx.diag;

/** Where a stage reports what it finds. Passed in, never global: the LSP checks many files at once. */
@FunctionalInterface
public interface DiagnosticSink {
    void report(Diagnostic diagnostic);
}
