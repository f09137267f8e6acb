package dev.mlx.init;

import static dev.mlx.fmt.Quoting.name;

import dev.mlx.catalog.ColumnType;
import dev.mlx.check.data.ColumnProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code features} block: drop the identifiers and the constant columns, fill every gap, then
 * turn each kind of column into numbers the models take. Columns are picked by kind with selectors
 * ({@code standardize all numeric}), so the block stays a few lines however wide the table is.
 * Empty when there is nothing to do, and then the block is left out.
 */
final class FeaturesBlock {
    /** Categories with more values than this are one-hot encoded on their most frequent ones only. */
    static final int ONEHOT_TOP = 20;
    /** The most frequent terms kept from each text column. */
    static final int TEXT_TERMS = 500;
    /** Calendar parts taken from each date column. */
    static final List<String> DATE_PARTS = List.of("year", "month", "weekday");
    /** The most date columns named one by one; more are picked by the selector {@code all date}. */
    static final int FEW_DATES = 3;

    private FeaturesBlock() {
    }

    static List<String> statements(Choices c) {
        List<String> lines = new ArrayList<>();
        List<String> drop = new ArrayList<>();
        // The id is set aside by `id` itself; only the other id-like and the constant columns are dropped.
        c.dropped().forEach(col -> drop.add(name(col.name())));
        c.constant().forEach(col -> drop.add(name(col.name())));
        if (!drop.isEmpty()) {
            lines.add("drop " + String.join(", ", drop));
        }
        boolean numericGaps = false;
        boolean categoryGaps = false;
        boolean textGaps = false;
        List<String> modeGaps = new ArrayList<>();
        boolean numeric = false;
        boolean categories = false;
        List<String> manyCategories = new ArrayList<>();
        List<String> text = new ArrayList<>();
        List<String> dates = new ArrayList<>();
        // A profile of a sample may not have seen every gap: then every column of a kind is filled.
        boolean sampled = c.data().sampled();
        for (ColumnProfile col : c.features()) {
            String n = name(col.name());
            ColumnType t = c.typeOf(col);
            boolean gaps = col.missing() > 0 || sampled;
            switch (t) {
                case NUMBER, INTEGER -> {
                    numeric = true;
                    numericGaps |= gaps;
                }
                case CATEGORY -> {
                    categoryGaps |= gaps;
                    if (col.distinctCapped() || col.distinct() > ONEHOT_TOP) {
                        manyCategories.add(n);
                    } else {
                        categories = true;
                    }
                }
                case TEXT -> {
                    textGaps |= gaps;
                    text.add(n);
                }
                case DATE -> {
                    if (gaps) {
                        modeGaps.add(n); // filled with the commonest day before its parts are taken
                    }
                    dates.add(col.name()); // raw: the part columns are named from it below
                }
                case BOOLEAN -> {
                    if (gaps) {
                        modeGaps.add(n); // used as 0/1 as it is, once filled
                    }
                }
            }
        }
        if (!modeGaps.isEmpty()) {
            lines.add("impute " + String.join(", ", modeGaps) + " with mode");
        }
        if (categoryGaps) {
            lines.add("impute all categorical with mode");
        }
        if (textGaps) {
            lines.add("impute all text with \"\"");
        }
        // One line per date while there are few; past that one selector (a generated table of 486 dates
        // made a features block of 486 lines).
        if (dates.size() > FEW_DATES) {
            lines.add("dateparts all date -> " + String.join(", ", DATE_PARTS));
        } else {
            dates.forEach(d -> lines.add("dateparts " + name(d) + " -> " + String.join(", ", DATE_PARTS)));
        }
        numeric |= !dates.isEmpty();
        // After the dates: their parts are numbers too, filled and scaled with the rest.
        if (numericGaps) {
            lines.add("impute all numeric with median");
        }
        if (numeric) {
            lines.add("standardize all numeric");
        }
        if (categories) {
            lines.add("onehot all categorical" + (manyCategories.isEmpty() ? ""
                    : " except " + String.join(", ", manyCategories)));
        }
        if (!manyCategories.isEmpty()) {
            lines.add("onehot " + String.join(", ", manyCategories) + " top " + ONEHOT_TOP);
        }
        text.forEach(n -> lines.add("tfidf " + n + " max " + TEXT_TERMS));
        return lines;
    }
}
