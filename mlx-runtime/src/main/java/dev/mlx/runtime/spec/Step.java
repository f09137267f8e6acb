package dev.mlx.runtime.spec;

import dev.mlx.catalog.DatePart;
import java.util.List;

/**
 * One statement of the features block, applied in order and fitted on training rows only: one
 * record per kind of step, with its options typed and every default filled in by the compiler.
 * The transforms' aliases are resolved ({@code standardise} is a {@link Scale}).
 */
public sealed interface Step {
    /** The columns the step names, as written (a derived feature names none). */
    List<String> columns();

    /** Calls the visitor's method for this kind of step. */
    <R> R accept(Visitor<R> visitor);

    /** One method per kind of step: a new kind does not compile until every consumer handles it. */
    interface Visitor<R> {
        R drop(Drop step);

        R derive(Derive step);

        R impute(Impute step);

        R scale(Scale step);

        R log(Log step);

        R clip(Clip step);

        R oneHot(OneHot step);

        R bin(Bin step);

        R textVector(TextVector step);

        R dateParts(DateParts step);
    }

    /** {@code drop COLUMNS}. */
    record Drop(List<String> columns) implements Step {
        public Drop {
            columns = List.copyOf(columns);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.drop(this);
        }
    }

    /** {@code derive NAME = EXPRESSION}: a new numeric column. */
    record Derive(String name, Expr expr) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.derive(this);
        }

        @Override
        public List<String> columns() {
            return List.of();
        }
    }

    /** {@code impute COLUMNS with FILL}. */
    record Impute(List<String> columns, Fill fill) implements Step {
        public Impute {
            columns = List.copyOf(columns);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.impute(this);
        }
    }

    /** {@code standardize} or {@code normalize COLUMNS}. */
    record Scale(List<String> columns, Scaling scaling) implements Step {
        public Scale {
            columns = List.copyOf(columns);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.scale(this);
        }
    }

    /** How {@link Scale} rescales, learned on the training rows. */
    enum Scaling {
        /** Subtract the mean, divide by the standard deviation. */
        STANDARDIZE,
        /** Map the minimum to 0 and the maximum to 1. */
        NORMALIZE
    }

    /** {@code log COLUMNS}: ln(1 + x), values below 0 taken as 0. */
    record Log(List<String> columns) implements Step {
        public Log {
            columns = List.copyOf(columns);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.log(this);
        }
    }

    /** {@code clip COLUMNS to LO..HI}. */
    record Clip(List<String> columns, double lo, double hi) implements Step {
        public Clip {
            columns = List.copyOf(columns);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.clip(this);
        }
    }

    /**
     * {@code onehot COLUMNS [top N] [min N]}: keep the {@code top} most frequent categories (0: all)
     * seen at least {@code min} times.
     */
    record OneHot(List<String> columns, int top, int min) implements Step {
        public OneHot {
            columns = List.copyOf(columns);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.oneHot(this);
        }
    }

    /** {@code bin COLUMNS into N}: equal-frequency bins. */
    record Bin(List<String> columns, int into) implements Step {
        public Bin {
            columns = List.copyOf(columns);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.bin(this);
        }
    }

    /**
     * {@code tfidf} or {@code bagofwords COLUMNS [max N] [min N] [ngrams LO..HI]}: a vocabulary of at
     * most {@code max} terms found in at least {@code min} training documents, n-grams of
     * {@code ngramsFrom} to {@code ngramsTo} words.
     */
    record TextVector(List<String> columns, Weighting weighting, int max, int min, int ngramsFrom, int ngramsTo)
            implements Step {
        public TextVector {
            columns = List.copyOf(columns);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.textVector(this);
        }
    }

    /** What a {@link TextVector} feature holds for a term. */
    enum Weighting {
        /** Term frequency times inverse document frequency, unit length per row ({@code tfidf}). */
        TFIDF,
        /** The count ({@code bagofwords}). */
        COUNTS
    }

    /** {@code dateparts COLUMNS -> PARTS}. */
    record DateParts(List<String> columns, List<DatePart> parts) implements Step {
        public DateParts {
            columns = List.copyOf(columns);
            parts = List.copyOf(parts);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.dateParts(this);
        }
    }
}
