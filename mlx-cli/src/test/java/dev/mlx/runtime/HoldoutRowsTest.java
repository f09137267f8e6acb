package dev.mlx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.diag.Diagnostics;
import dev.mlx.plan.Planner;
import dev.mlx.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code row} column of predictions.csv names each holdout row by its data row in the source,
 * rows set aside for a missing target included, so that another tool can score the same rows
 * (bench/corpus.sh compares scikit-learn on them). Checked through the id, which the file also
 * carries: the source row a prediction names must hold that prediction's id and target.
 */
class HoldoutRowsTest {
    @Test
    void rowIsTheDataRowOfTheSource(@TempDir Path dir) throws Exception {
        Random random = new Random(11);
        List<String[]> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("key,x,label\n");
        for (int r = 0; r < 200; r++) {
            double x = random.nextGaussian();
            // Keys unrelated to the position; every tenth row (from the first) has no target.
            String key = "k" + (7919 * (r + 3) % 10007);
            String label = r % 10 == 0 ? "" : x > 0 ? "up" : "down";
            rows.add(new String[] {key, label});
            csv.append(key).append(',').append(String.format(java.util.Locale.ROOT, "%.4f", x)).append(',')
                    .append(label).append('\n');
        }
        Files.writeString(dir.resolve("rows.csv"), csv.toString());
        Files.writeString(dir.resolve("rows.mlx"), """
                experiment rows "Which rows are held out?" {
                  scope { task classification; target label }
                  data { source csv "rows.csv"; id key; split holdout 25% stratified seed 3 }
                  models { logistic }
                  evaluate { holdout; metrics accuracy; select best by accuracy }
                  explain {}
                }
                """);
        SourceFile file = SourceFile.read(dir.resolve("rows.mlx"));
        Diagnostics d = new Diagnostics(file);
        CheckResult checked = Checker.check(file, CheckOptions.defaults(), d);
        assertFalse(d.hasErrors(), () -> d.sorted().toString());
        Path out = dir.resolve("out");
        int exit = ExperimentCompiler.runInProcess(ExperimentCompiler.compile(Planner.plan(file, checked, "test")), dir,
                new String[] {"--out", out.toString()});
        assertEquals(0, exit);

        JsonObject run = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject();
        assertEquals(20, run.getAsJsonObject("data").get("rows_without_target").getAsInt());
        List<String> lines = Files.readAllLines(out.resolve("predictions.csv"), StandardCharsets.UTF_8);
        assertEquals("row,key,actual,predicted", lines.get(0).substring(0, "row,key,actual,predicted".length()));
        int holdout = run.getAsJsonObject("split").get("holdout").getAsInt();
        assertEquals(holdout + 1, lines.size());
        Set<Integer> seen = new HashSet<>();
        int previous = 0;
        boolean pastASetAsideRow = false;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            int row = Integer.parseInt(cells[0]);
            assertTrue(row >= 1 && row <= rows.size(), "a data row of the source: " + line);
            assertTrue(row > previous, "in the source's order: " + line);
            previous = row;
            assertTrue(seen.add(row));
            String[] source = rows.get(row - 1);
            assertEquals(source[0], cells[1], "data row " + row + " holds this prediction's id");
            assertEquals(source[1], cells[2], "data row " + row + " holds this prediction's target");
            assertFalse(source[1].isEmpty(), "a row without a target is never held out");
            pastASetAsideRow |= row > 11;
        }
        assertTrue(pastASetAsideRow, "rows after a set-aside row are numbered past it");
    }
}
