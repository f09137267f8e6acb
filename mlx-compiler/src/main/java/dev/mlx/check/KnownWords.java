package dev.mlx.check;

import dev.mlx.catalog.Synonyms;
import dev.mlx.diag.DidYouMean;
import java.util.Collection;

/**
 * The suggestion for an unknown word of the catalog's vocabularies: the mlx word when the typed one
 * is another tool's name for it (scikit-learn's {@code most_frequent} is {@code mode}), else the
 * closest spelling.
 */
final class KnownWords {
    private KnownWords() {
    }

    static String suggest(String typed, Collection<String> accepted) {
        String ours = Synonyms.ours(typed, accepted);
        return ours != null ? ours : DidYouMean.suggest(typed, accepted);
    }
}
