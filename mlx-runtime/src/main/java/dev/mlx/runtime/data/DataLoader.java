package dev.mlx.runtime.data;

import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.spec.Data;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Loads the experiment's data source into a Tablesaw table with the compile-time schema: one column
 * per {@link Data#columns()} entry, in that order, typed as declared —
 * NUMBER → {@code DoubleColumn}, INTEGER → {@code LongColumn} (holds missing values and ids past
 * 2^31), CATEGORY and TEXT → {@code StringColumn}, DATE → {@code DateColumn} (the column's
 * {@code dateFormat}, or ISO {@code yyyy-MM-dd} with an optional {@code THH:mm[:ss]} that is dropped),
 * BOOLEAN → {@code BooleanColumn} (true/false, yes/no, 1/0). Values equal to a missing marker
 * (after stripping white space) are missing; Tablesaw also treats an empty string as missing.
 *
 * <p>The CSV reader is our own rather than Tablesaw's ({@link CsvRecords}): the compiler's profile
 * reads the file with the same one (so data that checked clean loads), it gives per-column date
 * formats, and it names the physical line of a bad value even after multi-line quoted fields. Every data problem is
 * a {@link RunException} with a one-line message naming the file (or JDBC URL), the row (the 1-based
 * line of the file, as an editor or spreadsheet shows it; for a query, the 1-based result row) and
 * the column.
 */
public final class DataLoader {
    /**
     * From this file size on, one thread cuts the text into records while another parses the values
     * ({@link RecordPipe}); below it a second thread costs more than it saves.
     */
    static final long PIPE_BYTES = 4 << 20;

    private DataLoader() {
    }

    /**
     * Loads the source. CSV paths and {@code jdbc:sqlite:} paths are resolved against {@code baseDir}
     * (the folder of the .mlx file).
     */
    public static Table load(Data spec, Path baseDir) {
        if (spec.jdbcUrl() != null) {
            return JdbcLoader.load(spec, baseDir);
        }
        if (spec.csv() == null) {
            throw new IllegalArgumentException("data spec has neither a CSV file nor a JDBC URL");
        }
        Path file;
        try {
            file = baseDir.resolve(spec.csv()).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new RunException("`" + spec.csv() + "` is not a valid path", e);
        }
        return switch (spec.format()) {
            case CSV -> csv(spec, file, spec.csv());
            case PARQUET -> JdbcLoader.parquet(spec, file, spec.csv());
            case JSONL -> jsonl(spec, file, spec.csv());
        };
    }

    /** The SHA-256 of a file as 64 lowercase hex digits, for run.json. */
    public static String sha256(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new RunException("cannot read `" + file + "` to hash it: " + reason(e), e);
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    // ------------------------------------------------------------------ CSV

    private static Table csv(Data spec, Path file, String label) {
        char delimiter = CsvRecords.delimiter(spec.delimiter());
        if (Files.isDirectory(file)) {
            throw new RunException("`" + label + "` is a folder, not a data file");
        }
        if (!Files.exists(file)) {
            throw new RunException("`" + label + "`: no such file (looked for " + file.toAbsolutePath() + ")");
        }
        Set<String> missing = new HashSet<>(spec.missing());
        try (InputStream in = Files.newInputStream(file)) {
            CsvRecords records = new CsvRecords(in, delimiter, label);
            if (!records.next()) {
                throw new RunException("`" + label + "` is empty");
            }
            if (records.blank()) {
                throw new RunException("`" + label + "` has no header: its first line is empty (the first line must "
                        + "name the columns)");
            }
            List<String> header = new ArrayList<>();
            records.fields().forEach(h -> header.add(h.strip()));
            int[] index = match(spec, header, "`" + label + "`", "the header");
            List<ColumnBuilder> builders = builders(spec, missing, "`" + label + "`");
            int width = header.size();
            int rows = 0;
            ColumnBuilder[] columns = builders.toArray(new ColumnBuilder[0]);
            if (Files.size(file) >= PIPE_BYTES) {
                try (RecordPipe pipe = new RecordPipe(records, width)) {
                    RecordPipe.Batch batch;
                    boolean first = true;
                    do {
                        batch = pipe.next();
                        if (first) {
                            first = false;
                            reserve(columns, batch, Files.size(file));
                        }
                        for (int r = 0; r < batch.size; r++) {
                            addRow(columns, index, batch.fields[r], batch.lines[r], label);
                        }
                        rows += batch.size;
                        if (batch.problem != null) {
                            throw batch.problem;
                        }
                        if (batch.ioProblem != null) {
                            throw batch.ioProblem;
                        }
                    } while (!batch.last);
                }
            } else {
                String[] fields;
                while ((fields = records.nextRow(width)) != null) {
                    addRow(columns, index, fields, records.recordLine(), label);
                    rows++;
                }
            }
            if (rows == 0) {
                throw new RunException("`" + label + "` has a header but no rows");
            }
            return table(fileName(label), builders);
        } catch (NoSuchFileException e) {
            throw new RunException("`" + label + "`: no such file (looked for " + file.toAbsolutePath() + ")", e);
        } catch (IOException e) {
            throw new RunException("`" + label + "`: cannot read: " + reason(e), e);
        }
    }

    /**
     * Sizes the columns for the whole file from the first records' length (their characters, a
     * delimiter each and a line end), with 5 % to spare; a wrong guess only costs a copy.
     */
    private static void reserve(ColumnBuilder[] columns, RecordPipe.Batch first, long fileBytes) {
        if (first.size < RecordPipe.BATCH) {
            return;
        }
        long chars = 0;
        for (int r = 0; r < first.size; r++) {
            for (String f : first.fields[r]) {
                chars += f.length() + 1;
            }
        }
        long rows = (long) (fileBytes / ((double) chars / first.size) * 1.05);
        int reserve = (int) Math.min(Integer.MAX_VALUE - 16, rows);
        for (ColumnBuilder c : columns) {
            c.reserve(reserve);
        }
    }

    /** One record's values into the columns; the first value that does not fit stops the load. */
    private static void addRow(ColumnBuilder[] columns, int[] index, String[] fields, int line, String label) {
        for (int j = 0; j < index.length; j++) {
            ColumnBuilder b = columns[j];
            String problem = b.add(fields[index[j]]);
            if (problem != null) {
                throw new RunException("`" + label + "`: row " + line + ", column `" + b.name + "`: " + problem);
            }
        }
    }

    // ------------------------------------------------------------------ JSON Lines

    private static Table jsonl(Data spec, Path file, String label) {
        if (Files.isDirectory(file)) {
            throw new RunException("`" + label + "` is a folder, not a data file");
        }
        if (!Files.exists(file)) {
            throw new RunException("`" + label + "`: no such file (looked for " + file.toAbsolutePath() + ")");
        }
        try (java.io.BufferedReader reader = new java.io.BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16)) {
            JsonLines records = new JsonLines(reader, label);
            int[] index = match(spec, records.names(), "`" + label + "`", "the first line's keys");
            List<ColumnBuilder> builders = builders(spec, new HashSet<>(spec.missing()), "`" + label + "`");
            ColumnBuilder[] columns = builders.toArray(new ColumnBuilder[0]);
            String[] values;
            while ((values = records.next()) != null) {
                addRow(columns, index, values, records.recordLine(), label);
            }
            return table(fileName(label), builders);
        } catch (JsonLines.Problem e) {
            throw new RunException(e.getMessage(), e);
        } catch (CharacterCodingException e) {
            throw new RunException("`" + label + "` is not UTF-8 text: save it as UTF-8", e);
        } catch (NoSuchFileException e) {
            throw new RunException("`" + label + "`: no such file (looked for " + file.toAbsolutePath() + ")", e);
        } catch (IOException e) {
            throw new RunException("`" + label + "`: cannot read: " + reason(e), e);
        }
    }

    // ------------------------------------------------------------------ shared with JDBC

    /**
     * For each schema column, its index among the source's column names. The order may differ (the
     * table follows the schema); a missing, renamed, extra or repeated name is an error naming them.
     */
    static int[] match(Data spec, List<String> names, String source, String where) {
        Map<String, Integer> position = new HashMap<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isEmpty()) {
                throw new RunException(source + ": column " + (i + 1) + " of " + where + " has no name");
            }
            if (position.putIfAbsent(names.get(i), i) != null) {
                repeated.add(names.get(i));
            }
        }
        if (!repeated.isEmpty()) {
            throw new RunException(source + ": " + where + " names " + ticks(repeated) + " more than once");
        }
        int[] index = new int[spec.columns().size()];
        List<String> absent = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (int j = 0; j < index.length; j++) {
            String name = spec.columns().get(j).name();
            known.add(name);
            Integer at = position.get(name);
            if (at == null) {
                absent.add(name);
            } else {
                index[j] = at;
            }
        }
        List<String> extra = new ArrayList<>();
        for (String n : names) {
            if (!known.contains(n)) {
                extra.add(n);
            }
        }
        if (!absent.isEmpty() || !extra.isEmpty()) {
            StringBuilder sb = new StringBuilder(source).append(": ").append(where)
                    .append(" does not match the columns the experiment was compiled with:");
            if (!absent.isEmpty()) {
                sb.append(" missing ").append(ticks(absent));
            }
            if (!extra.isEmpty()) {
                sb.append(absent.isEmpty() ? "" : ";").append(" unexpected ").append(ticks(extra));
            }
            sb.append(" (check the data, or compile the experiment again)");
            throw new RunException(sb.toString());
        }
        return index;
    }

    static List<ColumnBuilder> builders(Data spec, Set<String> missing, String source) {
        return builders(spec, missing, source, 1024);
    }

    static List<ColumnBuilder> builders(Data spec, Set<String> missing, String source, int capacity) {
        List<ColumnBuilder> builders = new ArrayList<>();
        for (Data.Column c : spec.columns()) {
            try {
                builders.add(ColumnBuilder.of(c, missing, capacity));
            } catch (IllegalArgumentException e) {
                throw new RunException(source + ": the date format \"" + c.dateFormat() + "\" of column `" + c.name()
                        + "` is not a valid java.time pattern");
            }
        }
        return builders;
    }

    static Table table(String name, List<ColumnBuilder> builders) {
        Column<?>[] columns = new Column<?>[builders.size()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = builders.get(j).build();
        }
        return Table.create(name, columns);
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String ticks(Iterable<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(sb.length() == 0 ? "" : ", ").append('`').append(n).append('`');
        }
        return sb.toString();
    }

    static String fileName(String label) {
        String n = label.substring(Math.max(label.lastIndexOf('/'), label.lastIndexOf('\\')) + 1);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }
}
