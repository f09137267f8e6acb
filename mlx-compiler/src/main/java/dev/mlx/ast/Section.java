package dev.mlx.ast;

import dev.mlx.source.Span;
import java.util.List;

/**
 * One block of the experiment. {@code name} is the block keyword as written (for an unknown block,
 * the unknown word); {@code body} spans the braces, or is null for {@code report "path"}.
 */
public record Section(BlockKind kind, Name name, Span body, List<Stmt> statements, Span span) {
    public Section {
        statements = List.copyOf(statements);
    }
}
