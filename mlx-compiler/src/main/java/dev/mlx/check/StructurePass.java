package dev.mlx.check;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.Section;
import dev.mlx.ast.Stmt;
import dev.mlx.catalog.BlockSpec;
import dev.mlx.diag.Code;
import dev.mlx.diag.DidYouMean;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Blocks and statements: unknown, duplicate and missing ones. */
final class StructurePass {
    private StructurePass() {
    }

    static void run(Context ctx) {
        Map<BlockKind, Section> seen = new EnumMap<>(BlockKind.class);
        List<String> blockWords = new ArrayList<>(ctx.catalog.blocks().keySet());
        for (Section s : ctx.experiment.sections()) {
            if (s.kind() == BlockKind.UNKNOWN) {
                String suggestion = DidYouMean.suggest(s.name().text(), blockWords);
                ctx.report(ctx.error(Code.MLX0201, "unknown block `" + s.name().text() + "`")
                        .primary(s.name().span(), "not a block of an experiment")
                        .note("blocks are " + DidYouMean.list(blockWords))
                        .suggest(s.name().span(), suggestion));
                continue;
            }
            Section first = seen.putIfAbsent(s.kind(), s);
            if (first != null) {
                ctx.report(ctx.error(Code.MLX0202, "duplicate block `" + s.kind().keyword() + "`")
                        .primary(s.name().span(), "second `" + s.kind().keyword() + "` block")
                        .secondary(first.name().span(), "first defined here")
                        .help("merge the two blocks into one"));
            }
            unknownStatements(ctx, s);
        }
        for (BlockKind required : List.of(BlockKind.SCOPE, BlockKind.DATA)) {
            if (!seen.containsKey(required)) {
                ctx.report(ctx.error(Code.MLX0203, "missing `" + required.keyword() + "` block")
                        .primary(ctx.experiment.name() == null ? null : ctx.experiment.name().span(),
                                "this experiment has no `" + required.keyword() + "` block")
                        .note(required == BlockKind.SCOPE
                                ? "`scope` says what is learned: task, target and the deciding metric"
                                : "`data` says where the data comes from")
                        .help(required == BlockKind.SCOPE
                                ? "add `scope { task classification; target COLUMN }`"
                                : "add `data { source csv \"data.csv\" }`"));
            }
        }
        duplicateSettings(ctx);
    }

    private static void unknownStatements(Context ctx, Section s) {
        BlockSpec spec = ctx.catalog.block(s.kind().keyword());
        for (Stmt st : s.statements()) {
            if (st instanceof Stmt.Unknown u && !ctx.overlapsSyntaxError(u.span())) {
                List<String> words = spec == null ? List.of() : spec.keywords();
                String suggestion = DidYouMean.suggest(u.head().text(), words);
                ctx.report(ctx.error(Code.MLX0204, "unknown statement `" + u.head().text() + "` in `"
                                + s.kind().keyword() + "`")
                        .primary(u.head().span(), "not a `" + s.kind().keyword() + "` statement")
                        .note("`" + s.kind().keyword() + "` accepts " + DidYouMean.list(words))
                        .suggest(u.head().span(), suggestion));
            }
        }
    }

    /** Settings that may appear once: a second one is almost always a copy-paste mistake. */
    private static void duplicateSettings(Context ctx) {
        Map<String, Stmt> once = new HashMap<>();
        for (Section s : ctx.experiment.sections()) {
            for (Stmt st : s.statements()) {
                String key = singletonKey(st);
                if (key == null) {
                    continue;
                }
                Stmt first = once.putIfAbsent(s.kind() + "/" + key, st);
                if (first != null) {
                    ctx.report(ctx.error(Code.MLX0205, "`" + key + "` is set twice")
                            .primary(st.keyword(), "set again here")
                            .secondary(first.keyword(), "first set here")
                            .help("keep one of them"));
                }
            }
        }
    }

    private static String singletonKey(Stmt st) {
        if (st instanceof Stmt.Task) {
            return "task";
        } else if (st instanceof Stmt.Target) {
            return "target";
        } else if (st instanceof Stmt.Positive) {
            return "positive";
        } else if (st instanceof Stmt.Metric) {
            return "metric";
        } else if (st instanceof Stmt.Retrain) {
            return "retrain";
        } else if (st instanceof Stmt.IntendedUse) {
            return "intended use";
        } else if (st instanceof Stmt.CsvSource || st instanceof Stmt.JdbcSource || st instanceof Stmt.FileSource) {
            return "source";
        } else if (st instanceof Stmt.Id) {
            return "id";
        } else if (st instanceof Stmt.Missing) {
            return "missing";
        } else if (st instanceof Stmt.Split || st instanceof Stmt.SplitNone) {
            return "split";
        } else if (st instanceof Stmt.Cv || st instanceof Stmt.HoldoutOnly) {
            return "cv";
        } else if (st instanceof Stmt.Metrics) {
            return "metrics";
        } else if (st instanceof Stmt.Select) {
            return "select";
        } else if (st instanceof Stmt.Serve) {
            return "serve";
        } else if (st instanceof Stmt.Store) {
            return "store";
        } else if (st instanceof Stmt.Types) {
            return "types";
        } else if (st instanceof Stmt.Summary) {
            return "summary";
        } else if (st instanceof Stmt.Leakage) {
            return "leakage";
        } else if (st instanceof Stmt.Importance) {
            return "importance";
        } else if (st instanceof Stmt.Lime) {
            return "lime";
        } else if (st instanceof Stmt.LearningCurve) {
            return "learning curve";
        }
        return null;
    }
}
