package dev.mlx.check;

import dev.mlx.ast.ExperimentNode;
import dev.mlx.check.data.DataProfile;
import dev.mlx.syntax.Tok;
import java.util.List;

/**
 * What a check produced besides diagnostics: the tree (null if unreadable), the bound data profile
 * (null if not read), the tokens, and the resolved parameter values.
 */
public record CheckResult(ExperimentNode experiment, DataProfile data, List<Tok> tokens,
                          java.util.Map<String, String> parameters) {
}
