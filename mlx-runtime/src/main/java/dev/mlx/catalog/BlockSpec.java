package dev.mlx.catalog;

import java.util.List;

/** A block of the experiment: its keyword, whether it is required, its statements and doc. */
public record BlockSpec(String keyword, boolean required, List<StatementSpec> statements, String doc) {
    public BlockSpec {
        statements = List.copyOf(statements);
    }

    public List<String> keywords() {
        return statements.stream().map(StatementSpec::keyword).distinct().toList();
    }
}
