package dev.mlx.ast;

import dev.mlx.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The root: {@code experiment NAME "question" { ... }}. Fields are null where the parser could not
 * read them; later stages treat such parts as poisoned and stay silent about them.
 */
public record ExperimentNode(Name name, Value.Str question, List<Section> sections, Span span) {
    public ExperimentNode {
        sections = List.copyOf(sections);
    }

    public List<Section> sections(BlockKind kind) {
        List<Section> out = new ArrayList<>();
        for (Section s : sections) {
            if (s.kind() == kind) {
                out.add(s);
            }
        }
        return out;
    }

    /** The first block of a kind, or null. */
    public Section section(BlockKind kind) {
        for (Section s : sections) {
            if (s.kind() == kind) {
                return s;
            }
        }
        return null;
    }

    /** Every statement of a given type across all blocks of a kind, in order. */
    public <T extends Stmt> List<T> all(BlockKind kind, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Section s : sections) {
            if (s.kind() == kind) {
                for (Stmt st : s.statements()) {
                    if (type.isInstance(st)) {
                        out.add(type.cast(st));
                    }
                }
            }
        }
        return out;
    }

    public <T extends Stmt> T first(BlockKind kind, Class<T> type) {
        List<T> all = all(kind, type);
        return all.isEmpty() ? null : all.get(0);
    }
}
