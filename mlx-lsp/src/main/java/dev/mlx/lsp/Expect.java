package dev.mlx.lsp;

import dev.mlx.catalog.Catalog;
import dev.mlx.catalog.TransformSpec;
import dev.mlx.lsp.Slot.Kind;
import dev.mlx.syntax.Tok;
import dev.mlx.syntax.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * What may be written at a {@link Place}: the statement shapes of each block, read as the
 * grammar reads them, turned into slots. Unknown shapes expect nothing rather than guess.
 */
final class Expect {
    private Expect() {
    }

    private static final Catalog CATALOG = Catalog.get();

    static List<Slot> at(Place p, Facts facts) {
        List<Slot> out = new ArrayList<>();
        if (!p.open) {
            return out;
        }
        List<String> w = p.words();
        String first = w.isEmpty() ? "" : w.get(0);
        String lastWord = w.isEmpty() ? "" : w.get(w.size() - 1);
        Tok last = p.last();
        switch (p.frame.kind) {
            case TOP -> {
                if (w.isEmpty()) {
                    out.add(Slot.of(Kind.EXPERIMENT));
                }
            }
            case BODY -> {
                if (w.isEmpty()) {
                    out.add(Slot.of(Kind.BLOCKS));
                }
            }
            case BLOCK -> block(p.frame.owner, p, w, first, lastWord, last, facts, out);
            case HYPER -> {
                String kind = p.frame.owner;
                if (w.isEmpty()) {
                    out.add(Slot.of(Kind.HYPERPARAMS, kind));
                } else if (w.size() == 1) {
                    out.add(Slot.of(Kind.PARAM_VALUES, kind + "." + first));
                }
            }
            case TUNE -> {
                String kind = p.frame.owner == null ? null : facts.kindOf(p.frame.owner);
                if (w.isEmpty() && kind != null) {
                    out.add(Slot.of(Kind.HYPERPARAMS, kind));
                } else if (w.size() == 1) {
                    out.add(Slot.keywords("in"));
                } else if (w.size() >= 2 && last != null && last.is(TokenType.NUMBER)
                        && p.stmt.stream().anyMatch(t -> t.is(TokenType.DOTDOT))) {
                    out.add(Slot.keywords("log"));
                }
            }
            case TYPES -> {
                if (w.isEmpty()) {
                    out.add(Slot.of(Kind.COLUMNS));
                } else if (last != null && last.is(TokenType.COLON)) {
                    out.add(Slot.of(Kind.CHOICES, "type"));
                }
            }
            case DESCRIBE -> {
                if (w.isEmpty()) {
                    out.add(Slot.of(Kind.COLUMNS));
                } else if (last != null && last.is(TokenType.STRING) && w.size() == 3) {
                    out.add(Slot.keywords("in"));
                }
            }
            case SET -> {
                if (p.frame.owner != null && (last == null || last.is(TokenType.COMMA))) {
                    out.add(Slot.of(Kind.COLUMN_VALUES, p.frame.owner));
                }
            }
            case PARENS -> {
                if (last == null || last.is(TokenType.COMMA) || last.kind() == Tok.Kind.OPERATOR) {
                    out.add(Slot.of(Kind.COLUMNS));
                    out.add(Slot.of(Kind.FUNCTIONS, "checks".equals(p.block()) ? "checks" : "derive"));
                }
            }
            case LIST -> {
                String hyper = hyperInList(p);
                if (hyper != null && (last == null || last.is(TokenType.COMMA))) {
                    out.add(Slot.of(Kind.PARAM_VALUES, hyper));
                }
            }
            default -> { }
        }
        return out;
    }

    /** Inside {@code [ ]} of a tune choice (`booster in [`): the values of that hyperparameter. */
    private static String hyperInList(Place p) {
        if (p.stack.size() < 2) {
            return null;
        }
        Place.Frame outer = p.stack.get(p.stack.size() - 2);
        List<Tok> entry = p.frame.outer;
        if (entry.isEmpty() || !Place.isWord(entry.get(0))) {
            return null;
        }
        if (outer.kind == Place.Kind.HYPER) {
            return outer.owner + "." + Place.text(entry.get(0));
        }
        return null;
    }

    private static boolean columnListPosition(Tok last, int afterIndex, List<Tok> stmt) {
        return last == null || stmt.size() == afterIndex || last.is(TokenType.COMMA);
    }

    private static void block(String block, Place p, List<String> w, String first, String lastWord, Tok last,
                              Facts facts, List<Slot> out) {
        if (w.isEmpty()) {
            out.add(Slot.of(Kind.STATEMENTS, block));
            switch (block) {
                case "models" -> out.add(Slot.of(Kind.MODEL_KINDS));
                case "features" -> out.add(Slot.of(Kind.TRANSFORMS));
                case "checks" -> {
                    out.add(Slot.of(Kind.COLUMNS));
                    out.add(Slot.of(Kind.FUNCTIONS, "checks"));
                }
                default -> { }
            }
            return;
        }
        int n = w.size();
        switch (block) {
            case "scope" -> {
                switch (first) {
                    case "task" -> when(n == 1, out, Slot.of(Kind.CHOICES, "task"));
                    case "target" -> when(n == 1, out, Slot.of(Kind.COLUMNS));
                    case "metric" -> when(n == 1, out, Slot.of(Kind.METRICS));
                    case "positive" -> when(n == 1, out, Slot.of(Kind.COLUMN_VALUES,
                            facts.target() == null ? null : facts.target().text()));
                    case "require" -> {
                        if (n == 1) {
                            out.add(Slot.of(Kind.METRICS));
                            out.add(Slot.keywords("latency"));
                        } else if (n == 2 && w.get(1).equals("latency")) {
                            out.add(Slot.of(Kind.CHOICES, "percentile"));
                        } else if (lastWord.equals("on")) {
                            out.add(Slot.of(Kind.CHOICES, "on"));
                        } else if (!w.get(1).equals("latency") && (last.is(TokenType.NUMBER)
                                || last.is(TokenType.PERCENT) || last.is(TokenType.VARIABLE))) {
                            out.add(Slot.keywords("on"));
                        }
                    }
                    case "intended" -> when(n == 1, out, Slot.keywords("use"));
                    case "retrain" -> {
                        if (n == 1) {
                            out.add(Slot.keywords("every", "when"));
                        } else if (lastWord.equals("or")) {
                            out.add(Slot.keywords("when"));
                        } else if (lastWord.equals("when")) {
                            out.add(Slot.keywords("drift"));
                        } else if (w.get(1).equals("every") && last.kind() == Tok.Kind.UNIT) {
                            out.add(Slot.keywords("or"));
                        }
                    }
                    default -> { }
                }
            }
            case "data" -> {
                switch (first) {
                    case "source" -> {
                        if (n == 1) {
                            out.add(Slot.keywords("csv", "jdbc", "parquet", "jsonl"));
                        } else if (n == 3 && w.get(1).equals("csv") && last.is(TokenType.STRING)) {
                            out.add(Slot.keywords("delimiter"));
                        } else if (n == 3 && w.get(1).equals("jdbc") && last.is(TokenType.STRING)) {
                            out.add(Slot.keywords("query"));
                        }
                    }
                    case "id" -> when(n == 1, out, Slot.of(Kind.COLUMNS));
                    case "split" -> {
                        if (n == 1) {
                            out.add(Slot.keywords("holdout", "none"));
                        } else if (!w.get(1).equals("holdout")) {
                            // `split none` takes no options
                        } else if (lastWord.equals("ordered")) {
                            out.add(Slot.keywords("by"));
                        } else if (lastWord.equals("by")) {
                            out.add(Slot.of(Kind.COLUMNS));
                        } else if (n >= 3 && !lastWord.equals("seed")) {
                            List<String> options = new ArrayList<>();
                            for (String o : List.of("stratified", "seed", "ordered")) {
                                if (!w.contains(o)) {
                                    options.add(o);
                                }
                            }
                            out.add(new Slot(Kind.KEYWORDS, null, options));
                        }
                    }
                    default -> { }
                }
            }
            case "review" -> {
                switch (first) {
                    case "plot" -> {
                        if (n == 1) {
                            out.add(Slot.of(Kind.CHOICES, "plot"));
                        } else if (columnListPosition(last, 2, p.stmt)) {
                            out.add(Slot.of(Kind.COLUMNS));
                        }
                    }
                    case "outliers" -> when(n == 1, out, Slot.of(Kind.CHOICES, "outliers"));
                    case "correlations" -> when(n == 1, out, Slot.of(Kind.CHOICES, "correlations"));
                    default -> { }
                }
            }
            case "checks" -> {
                if (first.equals("unique")) {
                    if (columnListPosition(last, 1, p.stmt)) {
                        out.add(Slot.of(Kind.COLUMNS));
                    } else {
                        out.add(Slot.keywords("warn", "fail"));
                    }
                } else if (last.kind() == Tok.Kind.OPERATOR) {
                    out.add(Slot.of(Kind.COLUMNS));
                    out.add(Slot.of(Kind.FUNCTIONS, "checks"));
                } else if (last.is(TokenType.NUMBER) || last.is(TokenType.PERCENT) || last.is(TokenType.STRING)
                        || last.is(TokenType.RBRACE) || last.is(TokenType.RPAREN) && n > 1) {
                    out.add(Slot.keywords("warn", "fail"));
                } else if (n == 1 && Place.isWord(last)) {
                    out.add(Slot.keywords("in", "not"));
                }
            }
            case "features" -> features(p, w, first, lastWord, last, out);
            case "inspect" -> {
                if (n == 1 && first.equals("no")) {
                    out.add(Slot.keywords("missing", "constant", "duplicates"));
                } else if (n == 1 && first.equals("leakage")) {
                    out.add(Slot.keywords("below"));
                }
            }
            case "models" -> {
                if (first.equals("tune")) {
                    if (n == 1) {
                        out.add(Slot.of(Kind.MODEL_NAMES));
                    } else if (lastWord.equals("search")) {
                        out.add(Slot.of(Kind.CHOICES, "search"));
                    } else if (lastWord.equals("by")) {
                        out.add(Slot.of(Kind.METRICS));
                    } else if (w.get(n - 2).equals("cv") && (last.is(TokenType.NUMBER) || last.is(TokenType.VARIABLE))) {
                        out.add(Slot.keywords("folds"));
                    } else if (p.stmt.stream().anyMatch(t -> t.is(TokenType.RBRACE)) && !lastWord.equals("trials")
                            && !lastWord.equals("cv")) {
                        List<String> options = new ArrayList<>();
                        for (String o : List.of("trials", "search", "by", "cv")) {
                            if (!w.contains(o)) {
                                options.add(o);
                            }
                        }
                        out.add(new Slot(Kind.KEYWORDS, null, options));
                    }
                }
            }
            case "evaluate" -> {
                switch (first) {
                    case "metrics" -> when(columnListPosition(last, 1, p.stmt), out, Slot.of(Kind.METRICS));
                    case "select" -> {
                        if (n == 1) {
                            out.add(Slot.keywords("best", "simplest"));
                        } else if (lastWord.equals("best")) {
                            out.add(Slot.keywords("by"));
                        } else if (lastWord.equals("simplest")) {
                            out.add(Slot.keywords("within"));
                        } else if (lastWord.equals("by")) {
                            out.add(Slot.of(Kind.METRICS));
                        } else if (w.contains("within") && (last.is(TokenType.PERCENT) || last.is(TokenType.NUMBER))) {
                            out.add(Slot.keywords("by"));
                        }
                    }
                    case "learning" -> {
                        if (n == 1) {
                            out.add(Slot.keywords("curve"));
                        } else if (lastWord.equals("by")) {
                            out.add(Slot.of(Kind.METRICS));
                        } else if (!w.contains("by") && (lastWord.equals("curve") || last.is(TokenType.PERCENT))) {
                            out.add(Slot.keywords("by"));
                        }
                    }
                    case "slices" -> {
                        if (n == 1) {
                            out.add(Slot.keywords("by"));
                        } else if (columnListPosition(last, 2, p.stmt)) {
                            out.add(Slot.of(Kind.COLUMNS));
                        }
                    }
                    case "cv" -> {
                        if (n == 2) {
                            out.add(Slot.keywords("folds", "stratified"));
                        } else if (n == 3 && lastWord.equals("folds")) {
                            out.add(Slot.keywords("stratified"));
                        }
                    }
                    default -> { }
                }
            }
            case "explain" -> {
                switch (first) {
                    case "importance" -> {
                        if (n == 1) {
                            out.add(Slot.of(Kind.CHOICES, "importance"));
                            out.add(Slot.keywords("top"));
                        } else if (n == 2 && !lastWord.equals("top")) {
                            out.add(Slot.keywords("top"));
                        }
                    }
                    case "lime" -> {
                        if (n == 1) {
                            out.add(Slot.keywords("rows"));
                        } else if (n == 2 && last.is(TokenType.NUMBER)) {
                            out.add(Slot.keywords("examples", "uncertain"));
                        }
                    }
                    case "dependence" -> when(columnListPosition(last, 1, p.stmt), out, Slot.of(Kind.COLUMNS));
                    default -> { }
                }
            }
            case "deploy" -> {
                if (first.equals("export") && n == 1) {
                    out.add(Slot.of(Kind.CHOICES, "export"));
                } else if (first.equals("serve")) {
                    if (lastWord.equals("unknown")) {
                        out.add(Slot.of(Kind.CHOICES, "unknown"));
                    } else if (!lastWord.equals("port")) {
                        List<String> options = new ArrayList<>();
                        for (String o : List.of("port", "unknown")) {
                            if (!w.contains(o)) {
                                options.add(o);
                            }
                        }
                        out.add(new Slot(Kind.KEYWORDS, null, options));
                    }
                }
            }
            case "feedback" -> {
                switch (first) {
                    case "store" -> when(n == 1, out, Slot.of(Kind.CHOICES, "store"));
                    case "retrain" -> when(n == 1, out, Slot.keywords("within"));
                    case "abtest" -> {
                        if (n == 1 || lastWord.equals("vs")) {
                            out.add(Slot.of(Kind.MODEL_NAMES));
                        } else if (n == 2) {
                            out.add(Slot.keywords("vs"));
                        } else if (lastWord.equals("sticky")) {
                            out.add(Slot.keywords("by"));
                        } else if (lastWord.equals("by")) {
                            out.add(Slot.of(Kind.COLUMNS));
                        } else if (n >= 4 && !lastWord.equals("split") && !last.is(TokenType.SLASH)) {
                            List<String> options = new ArrayList<>();
                            for (String o : List.of("split", "sticky", "shadow")) {
                                if (!w.contains(o)) {
                                    options.add(o);
                                }
                            }
                            out.add(new Slot(Kind.KEYWORDS, null, options));
                        }
                    }
                    case "online" -> {
                        if (n == 1) {
                            out.add(Slot.of(Kind.METRICS));
                        } else if (n == 2) {
                            out.add(Slot.keywords("window"));
                        } else if (n == 3 && last.is(TokenType.COMMA)) {
                            out.add(Slot.keywords("kpi"));
                        } else if (n == 5 && w.get(3).equals("kpi")) {
                            out.add(Slot.keywords("max", "min", "window"));
                        } else if (n == 6 && (lastWord.equals("max") || lastWord.equals("min"))) {
                            out.add(Slot.keywords("window"));
                        }
                    }
                    default -> { }
                }
            }
            default -> { }
        }
    }

    private static void features(Place p, List<String> w, String first, String lastWord, Tok last, List<Slot> out) {
        int n = w.size();
        switch (first) {
            case "drop" -> when(columnListPosition(last, 1, p.stmt), out, Slot.of(Kind.COLUMNS));
            case "derive" -> {
                if (n >= 3 && (last.is(TokenType.ASSIGN) || last.kind() == Tok.Kind.OPERATOR)) {
                    out.add(Slot.of(Kind.COLUMNS));
                    out.add(Slot.of(Kind.FUNCTIONS, "derive"));
                }
            }
            default -> {
                TransformSpec t = CATALOG.transform(first);
                if (t == null) {
                    return;
                }
                int arrow = -1;
                for (int i = 0; i < p.stmt.size(); i++) {
                    if (p.stmt.get(i).is(TokenType.ARROW)) {
                        arrow = i;
                    }
                }
                if (arrow >= 0) {
                    if (last.is(TokenType.ARROW) || last.is(TokenType.COMMA)) {
                        out.add(Slot.of(Kind.CHOICES, "dateparts"));
                    }
                } else if (lastWord.equals("with") && t.name().equals("impute")) {
                    out.add(Slot.of(Kind.CHOICES, "impute"));
                } else if (n == 2 && last.is(TokenType.ALL)) {
                    out.add(Slot.of(Kind.COLUMN_KINDS)); // `standardize all |`
                } else if (last.is(TokenType.EXCEPT)) {
                    out.add(Slot.of(Kind.COLUMNS, t.name()));
                } else if (columnListPosition(last, 1, p.stmt)) {
                    out.add(Slot.of(Kind.COLUMNS, t.name())); // only the columns this transform accepts
                    if (n == 1) {
                        out.add(Slot.keywords("all")); // a selector instead of the columns
                    }
                } else if (n == 3 && w.get(1).equals("all") && Place.isWord(last)) {
                    out.add(Slot.keywords("except"));
                    out.add(Slot.of(Kind.TRANSFORM_OPTIONS, t.name()));
                } else if (Place.isWord(last) && !t.options().containsKey(lastWord)
                        || last.is(TokenType.NUMBER) || last.is(TokenType.RBRACE)) {
                    out.add(Slot.of(Kind.TRANSFORM_OPTIONS, t.name()));
                }
            }
        }
    }

    private static void when(boolean condition, List<Slot> out, Slot slot) {
        if (condition) {
            out.add(slot);
        }
    }
}
