package dev.mlx.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.Engine;
import dev.mlx.diag.Code;
import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.Diagnostics;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: with {@code --engine spark} the checker refuses, at the construct, what Spark cannot run
 * (MLX0514), so a cluster job never fails halfway; the same file on the local engine has none of them.
 * Each refused line is marked {@code // MLX0514} in the file, and the test compares the lines.
 */
class EngineCheckTest {
    @TempDir
    Path dir;

    private List<Diagnostic> check(String text, Engine engine) throws IOException {
        StringBuilder csv = new StringBuilder("id,a,b,colour,y\n");
        String[] classes = {"red", "green", "blue"};
        for (int i = 0; i < 60; i++) {
            csv.append(i).append(',').append(i % 7).append(',').append(i * 0.5).append(',')
                    .append(i % 2 == 0 ? "dark" : "light").append(',').append(classes[i % 3]).append('\n');
        }
        Files.writeString(dir.resolve("d.csv"), csv);
        Path mlx = dir.resolve("x.mlx");
        Files.writeString(mlx, text);
        SourceFile file = SourceFile.read(mlx);
        Diagnostics d = new Diagnostics(file);
        Checker.check(file, new CheckOptions(false, Map.of(), true, ProfileCache.NONE, List.of(), DataTrust.ALL, engine), d);
        return d.sorted();
    }

    private static TreeSet<Integer> marked(String text) {
        TreeSet<Integer> lines = new TreeSet<>();
        String[] all = text.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            if (all[i].contains("// MLX0514")) {
                lines.add(i + 1);
            }
        }
        return lines;
    }

    private static TreeSet<Integer> refusedLines(List<Diagnostic> found, String text) {
        TreeSet<Integer> lines = new TreeSet<>();
        for (Diagnostic d : found) {
            if (d.code() == Code.MLX0514) {
                lines.add(1 + (int) text.substring(0, d.span().start()).chars().filter(c -> c == '\n').count());
            }
        }
        return lines;
    }

    private static final String REFUSED = """
            experiment colours {
              scope {
                task classification
                target y
                metric macro_f1
                require latency p99 < 50 ms  // MLX0514
              }
              data {
                source csv "d.csv"
                id id
                split none  // MLX0514
              }
              features {
                standardize a, b
                onehot colour
                bin a into 3  // MLX0514
              }
              models {
                baseline
                knn near { k 5 }  // MLX0514
                xgboost boosted { trees 10 }  // MLX0514
                forest rf { trees 10 }
                tune rf { max_depth in 2..8 } trials 4 search tpe by macro_f1 cv 3 folds  // MLX0514
              }
              evaluate {
                cv 3 folds
                slices by colour  // MLX0514
                learning curve 50%, 100% by macro_f1  // MLX0514
              }
              explain {
                lime 2 uncertain  // MLX0514
              }
            }
            """;

    @Test
    void sparkRefusesEachConstructItCannotRunWhereItIsWritten() throws IOException {
        List<Diagnostic> found = check(REFUSED, Engine.SPARK);
        assertEquals(marked(REFUSED), refusedLines(found, REFUSED), found.toString());
        for (Diagnostic d : found) {
            if (d.code() == Code.MLX0514) {
                assertTrue(d.message().startsWith("the spark engine cannot run "), d.message());
                assertTrue(!d.helps().isEmpty() && d.helps().get(0).startsWith("use "), d.helps().toString());
            }
        }
        List<String> messages = new ArrayList<>();
        found.stream().filter(d -> d.code() == Code.MLX0514).forEach(d -> messages.add(d.message()));
        assertTrue(messages.contains("the spark engine cannot run `split none` (the Spark engine scores the selected "
                + "model on a holdout)"), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("binary")), "multiclass boosting names its limit: " + messages);
    }

    @Test
    void theLocalEngineRunsAllOfIt() throws IOException {
        List<Diagnostic> found = check(REFUSED, Engine.LOCAL);
        assertEquals(List.of(), refusedLines(found, REFUSED).stream().toList(), found.toString());
    }

    @Test
    void aFileSparkCanRunChecksCleanOnSpark() throws IOException {
        String text = """
                experiment colours {
                  scope {
                    task classification
                    target y
                    metric macro_f1
                  }
                  data {
                    source csv "d.csv"
                    id id
                    split holdout 25% stratified seed 3
                  }
                  features {
                    standardize a, b
                    onehot colour
                  }
                  models {
                    baseline
                    logistic
                    forest rf { trees 10 }
                    mlp net
                  }
                  evaluate {
                    cv 3 folds
                  }
                }
                """;
        List<Diagnostic> found = check(text, Engine.SPARK);
        assertEquals(List.of(), found.stream().filter(Diagnostic::isError).toList());
    }
}
