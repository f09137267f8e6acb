package dev.mlx.runtime.result;

import dev.mlx.runtime.result.JsonShape.Nullable;
import dev.mlx.runtime.result.JsonShape.OmitIfNull;
import dev.mlx.runtime.result.JsonShape.Tag;
import dev.mlx.runtime.result.JsonShape.Tagged;
import java.util.List;

/**
 * What the features block learned from the training rows: each step in order (the automatic
 * encoding of categories left at the end comes last, with {@code auto} true), the number of
 * features the models see, and the raw input columns a served model expects with their types.
 */
public record FeaturesLearned(List<Step> steps, int count, List<Input> inputs) {
    public FeaturesLearned {
        steps = List.copyOf(steps);
        inputs = List.copyOf(inputs);
    }

    /** A raw column the fitted pipeline reads, with the type the review found (null when it has none). */
    public record Input(String column, @Nullable String type) {
    }

    /** One fitted step, told apart by {@code step} (its kind). */
    @Tagged("step")
    public sealed interface Step permits Standardize, Normalize, Clip, Log, Impute, OneHot, Bin, Text, DateParts, Derive, Drop {
        String step();
    }

    @Tag("standardize")
    public record Standardize(String step, List<MeanStd> columns) implements Step {
        public Standardize {
            columns = List.copyOf(columns);
        }
    }

    public record MeanStd(String column, @Nullable Double mean, @Nullable Double std) {
    }

    @Tag("normalize")
    public record Normalize(String step, List<MinMax> columns) implements Step {
        public Normalize {
            columns = List.copyOf(columns);
        }
    }

    public record MinMax(String column, @Nullable Double min, @Nullable Double max) {
    }

    @Tag("clip")
    public record Clip(String step, List<Bounds> columns) implements Step {
        public Clip {
            columns = List.copyOf(columns);
        }
    }

    public record Bounds(String column, @Nullable Double lo, @Nullable Double hi) {
    }

    @Tag("log")
    public record Log(String step, List<Named> columns) implements Step {
        public Log {
            columns = List.copyOf(columns);
        }
    }

    public record Named(String column) {
    }

    /** {@code with} is the strategy; a text column's fill also says how many {@code terms} it has. */
    @Tag("impute")
    public record Impute(String step, String with, List<Imputed> columns) implements Step {
        public Impute {
            columns = List.copyOf(columns);
        }
    }

    public record Imputed(String column, @Nullable Scalar value, @OmitIfNull Integer terms) {
    }

    /** {@code auto}, {@code top} and {@code min} only when set; per column the categories kept with their training counts. */
    @Tag("onehot")
    public record OneHot(String step, @OmitIfNull Boolean auto, @OmitIfNull Integer top, @OmitIfNull Integer min,
                         List<Encoded> columns) implements Step {
        public OneHot {
            columns = List.copyOf(columns);
        }
    }

    /** The categories kept, their training counts, how many were seen, how many training rows fell into {@code @other}. */
    public record Encoded(String column, List<String> categories, List<Integer> counts, int seen, int otherRows) {
        public Encoded {
            categories = List.copyOf(categories);
            counts = List.copyOf(counts);
        }
    }

    @Tag("bin")
    public record Bin(String step, int into, List<Binned> columns) implements Step {
        public Bin {
            columns = List.copyOf(columns);
        }
    }

    public record Binned(String column, List<@Nullable Double> edges, List<String> bins) {
        public Binned {
            edges = Copies.list(edges);
            bins = List.copyOf(bins);
        }
    }

    /** tfidf or bagofwords of one column: its vocabulary's size and most frequent terms ({@code idf} for tfidf only). */
    @Tag({"tfidf", "bagofwords"})
    public record Text(String step, String column, int documents, int vocabulary, int max, int min, List<Integer> ngrams,
                       List<Term> topTerms) implements Step {
        public Text {
            ngrams = List.copyOf(ngrams);
            topTerms = List.copyOf(topTerms);
        }
    }

    public record Term(String term, int documents, @OmitIfNull Double idf) {
    }

    @Tag("dateparts")
    public record DateParts(String step, List<String> columns, List<String> parts) implements Step {
        public DateParts {
            columns = List.copyOf(columns);
            parts = List.copyOf(parts);
        }
    }

    @Tag("derive")
    public record Derive(String step, String name, String expression) implements Step {
    }

    @Tag("drop")
    public record Drop(String step, List<String> columns) implements Step {
        public Drop {
            columns = List.copyOf(columns);
        }
    }
}
