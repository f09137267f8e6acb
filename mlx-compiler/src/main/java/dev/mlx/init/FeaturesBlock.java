package dev.mlx.init;

import static dev.mlx.fmt.Quoting.name;

import dev.mlx.catalog.ColumnType;
import dev.mlx.check.data.ColumnProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code features} block: drop the identifiers, fill every gap, then turn each kind of column
 * into numbers the models take. Empty when there is nothing to do, and then the block is left out.
 */
final class FeaturesBlock {
    /** Categories with more values than this are one-hot encoded on their most frequent ones only. */
    static final int ONEHOT_TOP = 20;
    /** Calendar parts taken from each date column. */
    static final List<String> DATE_PARTS = List.of("year", "month", "weekday");

    private FeaturesBlock() {
    }

    static List<String> statements(Choices c) {
        List<String> lines = new ArrayList<>();
        List<String> drop = new ArrayList<>(); // not the id: `id` in `data` already keeps it out of the features
        c.dropped().forEach(col -> drop.add(name(col.name())));
        if (!drop.isEmpty()) {
            lines.add("drop " + String.join(", ", drop));
        }
        List<String> medians = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        List<String> blanks = new ArrayList<>();
        List<String> numeric = new ArrayList<>();
        List<String> fewCategories = new ArrayList<>();
        List<String> manyCategories = new ArrayList<>();
        List<String> text = new ArrayList<>();
        List<String> dates = new ArrayList<>();
        for (ColumnProfile col : c.features()) {
            String n = name(col.name());
            ColumnType t = c.typeOf(col);
            if (col.missing() > 0) {
                (t.isNumeric() ? medians : t == ColumnType.TEXT ? blanks : modes).add(n);
            }
            switch (t) {
                case NUMBER, INTEGER -> numeric.add(n);
                case CATEGORY -> (col.distinctCapped() || col.distinct() > ONEHOT_TOP ? manyCategories : fewCategories)
                        .add(n);
                case TEXT -> text.add(n);
                case DATE -> dates.add(col.name()); // raw: the part columns are named from it below
                case BOOLEAN -> { } // used as 0/1 as it is
            }
        }
        if (!medians.isEmpty()) {
            lines.add("impute " + String.join(", ", medians) + " with median");
        }
        if (!modes.isEmpty()) {
            lines.add("impute " + String.join(", ", modes) + " with mode");
        }
        if (!blanks.isEmpty()) {
            lines.add("impute " + String.join(", ", blanks) + " with \"\"");
        }
        // Date parts are numbers too: scale them with the rest for the scale-sensitive models.
        for (String d : dates) {
            lines.add("dateparts " + name(d) + " -> " + String.join(", ", DATE_PARTS));
            DATE_PARTS.forEach(part -> numeric.add(name(d + "_" + part)));
        }
        if (!numeric.isEmpty()) {
            lines.add("standardize " + String.join(", ", numeric));
        }
        if (!fewCategories.isEmpty()) {
            lines.add("onehot " + String.join(", ", fewCategories));
        }
        if (!manyCategories.isEmpty()) {
            lines.add("onehot " + String.join(", ", manyCategories) + " top " + ONEHOT_TOP);
        }
        text.forEach(n -> lines.add("tfidf " + n + " max 1000"));
        return lines;
    }
}
