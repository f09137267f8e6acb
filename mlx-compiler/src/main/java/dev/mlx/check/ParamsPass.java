package dev.mlx.check;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.Quantity;
import dev.mlx.ast.Stmt;
import dev.mlx.ast.Value;
import dev.mlx.diag.Code;
import dev.mlx.diag.DidYouMean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters: declarations, `$name` references and `--set` overrides. `seed` always exists
 * (default 42) so `--set seed=7` works on any file.
 */
final class ParamsPass {
    static final double DEFAULT_SEED = 42;

    private ParamsPass() {
    }

    static void run(Context ctx) {
        Map<String, Stmt.Param> declared = new LinkedHashMap<>();
        for (Stmt.Param p : ctx.experiment.all(BlockKind.PARAMS, Stmt.Param.class)) {
            Stmt.Param first = declared.putIfAbsent(p.name().text(), p);
            if (first != null) {
                ctx.report(ctx.error(Code.MLX0205, "parameter `" + p.name().text() + "` is declared twice")
                        .primary(p.name().span(), "declared again here")
                        .secondary(first.name().span(), "first declared here"));
                continue;
            }
            if (p.value() instanceof Value.Num n && !n.quantity().isVariable()) {
                ctx.params.put(p.name().text(), n.quantity().value());
                ctx.paramText.put(p.name().text(), n.quantity().text() + n.quantity().unit().text());
            } else {
                ctx.report(ctx.error(Code.MLX0209, "parameter `" + p.name().text() + "` must be a number")
                        .primary(p.value().span(), "this is " + Value.describe(p.value()))
                        .help("parameters stand for numbers: `" + p.name().text() + " = 42`"));
            }
        }
        ctx.params.putIfAbsent("seed", DEFAULT_SEED);
        ctx.paramText.putIfAbsent("seed", "42");

        for (Map.Entry<String, String> e : ctx.options.overrides().entrySet()) {
            if (!ctx.params.containsKey(e.getKey())) {
                String suggestion = DidYouMean.suggest(e.getKey(), ctx.params.keySet());
                ctx.report(ctx.error(Code.MLX0208, "unknown parameter `" + e.getKey() + "` in `--set`")
                        .note("this file declares " + DidYouMean.list(ctx.params.keySet()))
                        .help(suggestion != null ? "did you mean `--set " + suggestion + "=" + e.getValue() + "`?"
                                : "declare it in a `params` block: `params { " + e.getKey() + " = ... }`"));
                continue;
            }
            String text = e.getValue().trim();
            String digits = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
            try {
                double v = Double.parseDouble(digits.replace("_", ""));
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    throw new NumberFormatException();
                }
                ctx.params.put(e.getKey(), v);
                ctx.paramText.put(e.getKey(), text);
            } catch (NumberFormatException ex) {
                ctx.report(ctx.error(Code.MLX0209, "`--set " + e.getKey() + "=" + text + "` is not a number")
                        .note("parameter `" + e.getKey() + "` is " + ctx.paramText.get(e.getKey()) + " in the file")
                        .help("give a number, such as `--set " + e.getKey() + "=7`"));
            }
        }

        AstWalk.each(ctx.experiment, Quantity.class, q -> {
            if (q.isVariable() && !ctx.params.containsKey(q.variable())) {
                String suggestion = DidYouMean.suggest(q.variable(), ctx.params.keySet());
                ctx.report(ctx.error(Code.MLX0208, "unknown parameter `$" + q.variable() + "`")
                        .primary(q.span(), "not declared in `params`")
                        .note(ctx.params.size() == 1 ? "only `$seed` exists without a declaration"
                                : "declared parameters: " + DidYouMean.list(ctx.params.keySet()))
                        .suggest(q.span(), suggestion == null ? null : "$" + suggestion));
            }
        });
    }
}
