package dev.mlx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.diag.Diagnostics;
import dev.mlx.plan.Planner;
import dev.mlx.source.SourceFile;
import dev.mlx.testing.Repo;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * HDBSCAN on three tight blobs with scattered points planted between them: the scattered points are
 * noise — their own labelled group, counted as a share, last among the cluster profiles — and the
 * silhouette in run.json is the one of the clustered rows alone (recomputed here from
 * predictions.csv), not one that scores the noise as a cluster. The models table names the
 * evaluation that ran.
 */
class ClusterNoiseTest {
    static final String MLX = """
            experiment blobs "Which blob?" {
              scope { task clustering; target blob; metric silhouette }
              data { source csv "blobs.csv"; split holdout 40% seed 3 }
              models {
                hdbscan { min_cluster_size 10, k 5 }
              }
              explain { }
              evaluate { holdout; metrics silhouette, ami, ari; select best by silhouette }
            }
            """;

    @Test
    void plantedNoiseIsNoiseAndOutOfTheSilhouette() throws Exception {
        Path dir = Repo.module("target/cluster-noise").toAbsolutePath();
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("x,y,blob\n");
        Random r = new Random(11);
        double[][] centres = {{0, 0}, {10, 0}, {0, 10}};
        int planted = 0;
        for (int i = 0; i < 240; i++) {
            if (i % 8 == 7) {
                // between and around the blobs, far from every centre
                double x;
                double y;
                do {
                    x = -8 + 26 * r.nextDouble();
                    y = -8 + 26 * r.nextDouble();
                } while (Math.min(Math.hypot(x, y), Math.min(Math.hypot(x - 10, y), Math.hypot(x, y - 10))) < 4);
                csv.append(String.format(Locale.ROOT, "%.4f,%.4f,none%n", x, y));
                planted++;
            } else {
                double[] c = centres[i % 3];
                csv.append(String.format(Locale.ROOT, "%.4f,%.4f,b%d%n", c[0] + 0.4 * r.nextGaussian(), c[1] + 0.4 * r.nextGaussian(),
                        i % 3));
            }
        }
        assertEquals(30, planted);
        Files.writeString(dir.resolve("blobs.csv"), csv.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("blobs.mlx"), MLX.replace("explain { }\n", ""), StandardCharsets.UTF_8);
        SourceFile file = SourceFile.read(dir.resolve("blobs.mlx"));
        Diagnostics d = new Diagnostics(file);
        CheckResult checked = Checker.check(file, CheckOptions.defaults(), d);
        assertFalse(d.hasErrors(), "the experiment checks clean");
        ExperimentCompiler.Compiled c = ExperimentCompiler.compile(Planner.plan(file, checked, "test"));
        Path out = dir.resolve("out");
        PrintStream stdout = System.out;
        int exit;
        try (PrintStream quiet = new PrintStream(Files.newOutputStream(dir.resolve("console.txt")))) {
            System.setOut(quiet);
            exit = ExperimentCompiler.runInProcess(c, file.directory(), new String[] {"--out", out.toString()});
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, exit, Files.readString(dir.resolve("console.txt")));
        JsonObject run = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject();
        JsonObject model = run.getAsJsonObject("evaluation").getAsJsonArray("models").get(0).getAsJsonObject();

        // the holdout rows, with their cluster, from predictions.csv; their x and y from the data
        List<String> data = Files.readAllLines(dir.resolve("blobs.csv"));
        List<double[]> points = new ArrayList<>();
        List<String> clusters = new ArrayList<>();
        int plantedInHoldout = 0;
        List<String> lines = Files.readAllLines(out.resolve("predictions.csv"));
        int clusterColumn = List.of(lines.get(0).split(",")).indexOf("cluster");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            String[] row = data.get(Integer.parseInt(cells[0])).split(",");
            points.add(new double[] {Double.parseDouble(row[0]), Double.parseDouble(row[1])});
            clusters.add(cells[clusterColumn]);
            plantedInHoldout += row[2].equals("none") ? 1 : 0;
        }
        assertTrue(plantedInHoldout >= 5, "planted points reach the holdout: " + plantedInHoldout);
        long noise = clusters.stream().filter(k -> k.equals("0")).count();
        // at least four in five: a planted point between two blobs can fall within a cluster's reach
        // (under the hash split 13 reach the holdout and 11 are noise)
        assertTrue(noise * 5 >= plantedInHoldout * 4, "the planted points are noise: " + noise + " of " + plantedInHoldout);

        // noise is its own labelled group with its share, never "cluster 0"
        JsonObject sizes = model.getAsJsonObject("clusters");
        assertEquals(noise, sizes.get("noise").getAsLong(), sizes.toString());
        assertFalse(sizes.has("0"), "noise is not a cluster: " + sizes);
        assertEquals((double) noise / points.size(), model.get("noise_share").getAsDouble(), 1e-12);

        // the silhouette is that of the clustered rows alone
        double reported = model.getAsJsonObject("holdout").get("silhouette").getAsDouble();
        assertEquals(silhouette(points, clusters, true), reported, 1e-9);
        assertNotEquals(silhouette(points, clusters, false), reported, 1e-3);

        // the selection weighs it by the rows clustered, and says so
        String reason = run.getAsJsonObject("evaluation").getAsJsonObject("selection").get("reason").getAsString();
        assertTrue(reason.contains("called noise count as 0"), reason);

        // the report: a noise column and bar, the evaluation that ran named in the headers
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("silhouette (holdout)") && !html.contains("silhouette (cv)"), "headers name the holdout");
        assertTrue(html.contains("left out of silhouette and WCSS"), "the cluster chart names the noise");
        assertTrue(html.contains("AMI and ARI count the noise as one group of its own"), "the models section says how noise is scored");
    }

    /** Mean silhouette (Euclidean) over the rows, leaving noise ("0") out or scoring it as a cluster. */
    private static double silhouette(List<double[]> points, List<String> clusters, boolean dropNoise) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (!dropNoise || !clusters.get(i).equals("0")) {
                rows.add(i);
            }
        }
        double sum = 0;
        int n = 0;
        for (int i : rows) {
            java.util.Map<String, double[]> byCluster = new java.util.TreeMap<>();
            for (int j : rows) {
                if (j != i) {
                    double dist = Math.hypot(points.get(i)[0] - points.get(j)[0], points.get(i)[1] - points.get(j)[1]);
                    byCluster.computeIfAbsent(clusters.get(j), k -> new double[2]);
                    byCluster.get(clusters.get(j))[0] += dist;
                    byCluster.get(clusters.get(j))[1]++;
                }
            }
            double[] own = byCluster.get(clusters.get(i));
            if (own == null) {
                n++; // alone in its cluster: silhouette 0
                continue;
            }
            double a = own[0] / own[1];
            double b = Double.POSITIVE_INFINITY;
            for (java.util.Map.Entry<String, double[]> e : byCluster.entrySet()) {
                if (!e.getKey().equals(clusters.get(i))) {
                    b = Math.min(b, e.getValue()[0] / e.getValue()[1]);
                }
            }
            sum += (b - a) / Math.max(a, b);
            n++;
        }
        return sum / n;
    }
}
