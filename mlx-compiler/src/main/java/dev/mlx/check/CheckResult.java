package dev.mlx.check;

import dev.mlx.ast.ExperimentNode;
import dev.mlx.ast.Stmt;
import dev.mlx.check.data.DataProfile;
import dev.mlx.syntax.Tok;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a check produced besides diagnostics: the tree (null if unreadable), the bound data profile
 * (null if not read), the tokens, the resolved parameter values, and the columns each selector
 * ({@code all numeric except id}) picked, in column order (empty when the data was not read).
 */
public record CheckResult(ExperimentNode experiment, DataProfile data, List<Tok> tokens,
                          java.util.Map<String, String> parameters, Map<Stmt.Selector, List<String>> selections) {
    public CheckResult {
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Map<Stmt.Selector, List<String>> copy = new LinkedHashMap<>();
        if (selections != null) {
            selections.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        selections = Collections.unmodifiableMap(copy);
    }

    public CheckResult(ExperimentNode experiment, DataProfile data, List<Tok> tokens, Map<String, String> parameters) {
        this(experiment, data, tokens, parameters, Map.of());
    }

    /** The columns a selector picked; empty when it was not resolved. */
    public List<String> selected(Stmt.Selector selector) {
        return selections.getOrDefault(selector, List.of());
    }
}
