package dev.mlx.check;

import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.DiagnosticSink;
import dev.mlx.diag.Severity;
import dev.mlx.source.SourceFile;
import dev.mlx.syntax.Parsing;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks one file: parse, then passes in workflow order (structure, parameters, scope, data,
 * checks, features, models, evaluation, warnings, and what the chosen engine cannot run). Each pass
 * reads facts the earlier ones set in the {@link Context}. Never throws on bad input.
 */
public final class Checker {
    private Checker() {
    }

    public static CheckResult check(SourceFile file, CheckOptions options, DiagnosticSink sink) {
        DiagnosticSink out = options.strict()
                ? d -> sink.report(d.severity() == Severity.WARNING ? d.withSeverity(Severity.ERROR) : d)
                : sink;
        java.util.List<dev.mlx.source.Span> syntaxErrors = new java.util.ArrayList<>();
        Parsing.Result parsed = Parsing.parse(file, d -> {
            syntaxErrors.add(d.span());
            out.report(d);
        });
        if (parsed.experiment() == null || parsed.bracesBroken()) {
            // With a brace missing, statements land in the wrong blocks: anything said about
            // them would be an echo of that one mistake.
            return new CheckResult(null, null, parsed.tokens(), Map.of());
        }
        Context ctx = new Context(file, out, options, parsed.experiment());
        ctx.syntaxErrors.addAll(syntaxErrors);
        StructurePass.run(ctx);
        ParamsPass.run(ctx);
        ScopePass.run(ctx);
        DataPass.run(ctx);
        ChecksPass.run(ctx);
        Map<String, FeaturesPass.Col> features = FeaturesPass.run(ctx);
        ModelsPass.run(ctx);
        EvaluatePass.run(ctx);
        WarningsPass.run(ctx, features);
        EnginePass.run(ctx);
        return new CheckResult(parsed.experiment(), ctx.data, parsed.tokens(), new LinkedHashMap<>(ctx.paramText),
                ctx.selections);
    }

    /** For callers that want the diagnostics as values. */
    public static java.util.List<Diagnostic> diagnostics(SourceFile file, CheckOptions options) {
        dev.mlx.diag.Diagnostics d = new dev.mlx.diag.Diagnostics(file);
        check(file, options, d);
        return d.sorted();
    }
}
