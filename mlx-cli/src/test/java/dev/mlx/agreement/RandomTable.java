package dev.mlx.agreement;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A random table for the agreement property, written as a CSV file: numbers, integers, booleans written
 * yes/no, True/false and 0/1, categories of one to many levels, ISO dates, free text, ids, constant
 * and all-missing columns, with awkward names (spaces, accents, words the language reserves).
 * Everything follows from the seed.
 */
record RandomTable(List<String> names, List<Kind> kinds, int rows, String target) {
    enum Kind { NUMBER, INTEGER, YES_NO, TRUE_FALSE, ZERO_ONE, CATEGORY, DATE, TEXT, ID, CONSTANT, ALL_MISSING }

    private static final String[] NAMES = {"age", "plan type", "données", "data", "model", "features", "x-1", "select",
        "1st", "class", "score", "Région", "rows", "true", "id", "naïve value", "target", "split", "when", "note"};
    private static final String[] WORDS = {"red", "fast", "river", "paper", "quiet", "stone", "light", "open", "green",
        "table", "north", "value", "simple", "window", "early"};
    /** Kinds a target is drawn from: what init turns into classification or regression. */
    private static final Kind[] TARGETS = {Kind.YES_NO, Kind.TRUE_FALSE, Kind.ZERO_ONE, Kind.CATEGORY, Kind.NUMBER,
        Kind.INTEGER};

    /**
     * Draws the table of {@code seed} into {@code csv}, streamed: {@code maxRows} and {@code maxColumns}
     * scale the long mode up, and {@code maxCells} caps rows × columns (a wide table gets fewer rows),
     * so that a 6,000-column draw does not also take 100,000 rows: 600 million cells are gigabytes of
     * text, more than a Java string holds (the long mode's first run stopped on one) and than the run's
     * heap reads. The cap takes nothing from the random stream: below it a seed draws what it always did.
     */
    static RandomTable write(long seed, int maxRows, int maxColumns, long maxCells, Path csv) throws IOException {
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            return draw(seed, maxRows, maxColumns, maxCells, w);
        }
    }

    private static RandomTable draw(long seed, int maxRows, int maxColumns, long maxCells, Writer out) throws IOException {
        Random r = new Random(seed);
        int drawnRows = 20 + r.nextInt(Math.max(1, maxRows - 19));
        int columns = 1 + r.nextInt(Math.max(1, maxColumns));
        int rows = (int) Math.max(20, Math.min(drawnRows, maxCells / (columns + 1)));
        List<String> names = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int j = 0; j < columns; j++) {
            Kind k = Kind.values()[r.nextInt(Kind.values().length)];
            kinds.add(k);
            names.add(name(r, j, taken));
        }
        Kind targetKind = TARGETS[r.nextInt(TARGETS.length)];
        kinds.add(targetKind);
        names.add(name(r, columns, taken));
        int[] levels = new int[kinds.size()];
        double[] missing = new double[kinds.size()];
        for (int j = 0; j < kinds.size(); j++) {
            levels[j] = kinds.get(j) == Kind.CATEGORY
                    ? (j == columns ? 2 + r.nextInt(4) : 1 + r.nextInt(r.nextBoolean() ? 10 : Math.min(10_000, rows)))
                    : 0;
            missing[j] = j == columns || r.nextInt(4) > 0 ? 0 : r.nextDouble() * 0.3;
        }
        for (int j = 0; j < names.size(); j++) {
            out.append(j > 0 ? "," : "").append(csvField(names.get(j)));
        }
        out.append('\n');
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < names.size(); j++) {
                out.append(j > 0 ? "," : "");
                if (kinds.get(j) != Kind.ID && r.nextDouble() < missing[j]) {
                    out.append(r.nextBoolean() ? "" : "NA");
                    continue;
                }
                out.append(csvField(value(r, kinds.get(j), i, levels[j])));
            }
            out.append('\n');
        }
        return new RandomTable(names, kinds, rows, names.get(columns));
    }

    private static String name(Random r, int j, Set<String> taken) {
        String base = NAMES[r.nextInt(NAMES.length)];
        String n = taken.contains(base) ? base + " " + j : base;
        taken.add(n);
        return n;
    }

    private static String value(Random r, Kind k, int row, int levels) {
        return switch (k) {
            case NUMBER -> String.format(Locale.ROOT, "%.3f", r.nextGaussian() * 10 + 50);
            case INTEGER -> Integer.toString(r.nextInt(1000) - 100);
            case YES_NO -> r.nextDouble() < 0.35 ? "yes" : "no";
            case TRUE_FALSE -> r.nextDouble() < 0.4 ? "True" : "false";
            case ZERO_ONE -> r.nextDouble() < 0.3 ? "1" : "0";
            case CATEGORY -> "c" + r.nextInt(Math.max(1, levels));
            case DATE -> java.time.LocalDate.of(2020, 1, 1).plusDays(r.nextInt(1500)).toString();
            case TEXT -> {
                StringBuilder t = new StringBuilder();
                int words = 4 + r.nextInt(6);
                for (int w = 0; w < words; w++) {
                    t.append(w > 0 ? " " : "").append(WORDS[r.nextInt(WORDS.length)]);
                }
                yield t.toString();
            }
            case ID -> "ID-" + (100_000 + row * 7);
            case CONSTANT -> "same";
            case ALL_MISSING -> "";
        };
    }

    private static String csvField(String v) {
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
