package dev.mlx.agreement;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.check.ProfileCache;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.diag.Diagnostics;
import dev.mlx.init.Starter;
import dev.mlx.plan.Plan;
import dev.mlx.plan.Planner;
import dev.mlx.runtime.Runner;
import dev.mlx.source.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agreement property: when {@code mlx check} is clean, the run does not fail for a reason the
 * checker could have known (an unknown column, a type, a positive class, a drop/id conflict, an
 * empty split, a setting out of range, code too large for the JVM). Random tables ({@link RandomTable})
 * × init's starter with random valid edits, checked, planned and run in this process.
 *
 * <p>A run may still stop for what depends on values the checker does not compute: a release gate
 * or the feature review (leakage, constant transformed columns). The checks in these experiments are
 * drawn from the very data they run on, so a failed check is a disagreement too.
 *
 * <p>{@code -Dmlx.agreement.cases=N} sets the number of cases (CI: 300), {@code -Dmlx.agreement.long=true}
 * scales tables up, {@code -Dmlx.agreement.seed=S} replays one case. {@code bash bench/agreement.sh N}
 * runs the long mode.
 */
class AgreementTest {
    /** Cases the property found, replayed first on every run (seed: what it found). */
    private static final Map<Long, String> FOUND = new TreeMap<>(Map.of());

    /** The long mode's cap on rows × columns: 100,000 rows of 30 columns, or 6,000 columns of 500 rows. */
    static final long LONG_CELLS = 3_000_000L;

    @TempDir
    Path dir;

    @Test
    void checkCleanMeansTheRunDoesNotFailStatically() throws Exception {
        int cases = Integer.getInteger("mlx.agreement.cases", 300);
        boolean large = Boolean.getBoolean("mlx.agreement.long");
        String one = System.getProperty("mlx.agreement.seed");
        List<Long> seeds = new ArrayList<>();
        if (one != null && !one.isBlank()) {
            seeds.add(Long.parseLong(one.trim()));
        } else {
            seeds.addAll(FOUND.keySet());
            long base = Long.getLong("mlx.agreement.base", 13_000L);
            for (long s = base; s < base + cases; s++) {
                seeds.add(s);
            }
        }
        int clean = 0;
        int rejected = 0;
        int stoppedOnValues = 0;
        List<String> violations = new ArrayList<>();
        int done = 0;
        for (long seed : seeds) {
            Outcome o = runCase(seed, large);
            deleteTree(dir.resolve("case-" + seed)); // a disagreement keeps its files in mlx-cli/target/agreement
            switch (o.kind) {
                case REJECTED -> rejected++;
                case PASSED -> clean++;
                case STOPPED_ON_VALUES -> {
                    clean++;
                    stoppedOnValues++;
                }
                case VIOLATION -> violations.add("seed " + seed + ": " + o.detail + "\n  replay: mvn -B -o verify -pl mlx-cli -am"
                        + " -Dtest=AgreementTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dmlx.agreement.seed=" + seed
                        + (large ? " -Dmlx.agreement.long=true" : ""));
            }
            if (large && o.kind == Kind.VIOLATION) {
                System.out.println(violations.get(violations.size() - 1)); // as found: the long mode takes hours
            }
            if (large && ++done % 25 == 0) { // and how far it got
                System.out.println("agreement: " + done + " of " + seeds.size() + " cases so far, " + clean + " checked clean and ran, "
                        + rejected + " refused, " + violations.size() + " disagreements (" + java.time.Instant.now() + ")");
            }
        }
        System.out.println("agreement: " + seeds.size() + " cases, " + clean + " checked clean and ran ("
                + stoppedOnValues + " stopped on values: gates or the feature review), " + rejected
                + " refused by init or the checker, " + violations.size() + " disagreements");
        assertTrue(violations.isEmpty(), violations.size() + " runs failed for a reason the checker could have known:\n"
                + String.join("\n", violations));
        assertTrue(one != null || clean >= seeds.size() / 3, "too few cases checked clean to mean anything: " + clean);
    }

    enum Kind { REJECTED, PASSED, STOPPED_ON_VALUES, VIOLATION }

    record Outcome(Kind kind, String detail) {
    }

    private Outcome runCase(long seed, boolean large) throws IOException {
        Path caseDir = Files.createDirectories(dir.resolve("case-" + seed));
        Path csv = caseDir.resolve("t.csv");
        RandomTable table = RandomTable.write(seed, large ? 100_000 : 160, large ? 6_000 : 8, large ? LONG_CELLS : Long.MAX_VALUE, csv);
        String text;
        try {
            text = Starter.write(new Starter.Request(csv, table.target(), null, caseDir)).text();
        } catch (Starter.InitException | dev.mlx.check.data.DataException e) {
            return new Outcome(Kind.REJECTED, e.getMessage());
        }
        text = edit(text, table, new Random(seed * 31 + 7));
        Path mlx = caseDir.resolve("t.mlx");
        Files.writeString(mlx, text, StandardCharsets.UTF_8);
        SourceFile file = SourceFile.read(mlx);
        Diagnostics diags = new Diagnostics(file);
        CheckResult checked = Checker.check(file, new CheckOptions(false, Map.of(), true, ProfileCache.NONE), diags);
        if (diags.hasErrors() || checked.data() == null) {
            return new Outcome(Kind.REJECTED, "check");
        }
        Plan plan;
        try {
            plan = Planner.plan(file, checked, "test");
            if (seed % 10 == 0 || table.names().size() > 100) {
                ExperimentCompiler.compile(plan); // the generated program compiles (no method past 64 KB)
            }
        } catch (RuntimeException e) {
            return new Outcome(Kind.VIOLATION, "checked clean, then planning or compiling failed: " + e);
        }
        Path out = caseDir.resolve("out");
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String previousBase = System.getProperty("mlx.base.dir");
        int code;
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            System.setProperty("mlx.base.dir", caseDir.toString());
            code = Runner.run(new String[] {"--out", out.toString()}, p -> plan.experiment(), plan.params(), AgreementTest.class);
        } catch (RuntimeException e) {
            code = -1;
            captured.writeBytes(e.toString().getBytes(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            if (previousBase == null) {
                System.clearProperty("mlx.base.dir");
            } else {
                System.setProperty("mlx.base.dir", previousBase);
            }
        }
        String console = captured.toString(StandardCharsets.UTF_8);
        if (code == 0) {
            return new Outcome(Kind.PASSED, null);
        }
        Path json = out.resolve("run.json");
        String status = Files.exists(json)
                ? JsonParser.parseString(Files.readString(json)).getAsJsonObject().get("status").getAsString() : null;
        if (code == 1 && ("failed gates".equals(status) || "failed feature review".equals(status))) {
            return new Outcome(Kind.STOPPED_ON_VALUES, status);
        }
        Path kept = Path.of("mlx-cli", "target", "agreement", "seed-" + seed);
        Files.createDirectories(kept);
        Files.copy(csv, kept.resolve("t.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(mlx, kept.resolve("t.mlx"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(kept.resolve("console.txt"), console, StandardCharsets.UTF_8);
        return new Outcome(Kind.VIOLATION, "checked clean, then the run exited " + code + (status == null ? "" : " (" + status + ")")
                + ": " + tail(console) + "\n  kept in " + kept);
    }

    /**
     * Random valid edits of init's starter: a cheap ladder with settings at the catalog's bounds, folds,
     * a holdout or none, a percent parameter, checks.
     */
    static String edit(String text, RandomTable table, Random r) {
        boolean classification = text.contains("task classification");
        StringBuilder models = new StringBuilder("  models {\n    baseline base\n");
        if (r.nextBoolean()) {
            models.append(classification ? "    logistic lr { epochs " : "    linear lr { epochs ").append(1 + r.nextInt(5)).append(" }\n");
        }
        if (r.nextBoolean()) {
            double[] weights = {0.001, 1, 5};
            double[] fractions = {0.01, 0.5, 1};
            models.append("    cart tree { max_depth ").append(1 + r.nextInt(8)).append(", min_child_weight ")
                    .append(weights[r.nextInt(3)]).append(", fraction_features ").append(fractions[r.nextInt(3)]).append(" }\n");
        }
        if (r.nextInt(4) == 0) {
            models.append("    knn nn { k ").append(1 + r.nextInt(5)).append(" }\n");
        }
        models.append("  }\n");
        text = replaceBlock(text, "models", models.toString());
        if (r.nextInt(5) > 0) {
            text = replaceBlock(text, "explain", "");
        }
        text = text.replaceFirst("cv 5 folds", "cv " + (2 + r.nextInt(4)) + " folds");
        // init writes `split none` below 1,000 rows: both ways round, so both shapes meet every table size
        if (text.contains("  split none") && r.nextInt(3) == 0) {
            text = text.replaceFirst("  split none[^\n]*", "  split holdout 20%");
        } else if (text.contains("  split holdout 20%") && !text.contains("task clustering") && r.nextInt(4) == 0) {
            text = text.replaceFirst("  split holdout 20%[^\n]*", "  split none");
        }
        if (r.nextBoolean() && text.contains("split holdout 20%")) {
            int share = 10 + r.nextInt(30);
            text = text.replaceFirst("(experiment [^\n]*\\{\n)", "$1  params {\n    holdout = " + share + "%\n  }\n\n");
            text = text.replace("split holdout 20%", "split holdout $holdout");
        }
        if (text.contains("  checks {\n")) {
            StringBuilder checks = new StringBuilder();
            for (int j = 0; j < table.names().size(); j++) {
                if (table.kinds().get(j) == RandomTable.Kind.YES_NO && r.nextBoolean()) {
                    checks.append("    share(").append(quote(table.names().get(j))).append(" == \"yes\") >= 1%\n");
                }
            }
            text = text.replace("  checks {\n", "  checks {\n" + checks);
        }
        return text;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String replaceBlock(String text, String block, String with) {
        Matcher m = Pattern.compile("(?m)^  " + block + " \\{\n(?:    .*\n|\n)*?  \\}\n").matcher(text);
        return m.find() ? text.substring(0, m.start()) + with
                + text.substring(m.end()) : text;
    }

    private static String quote(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    private static String tail(String console) {
        String[] lines = console.strip().split("[\r\n]+");
        return String.join("\n    ", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 4), lines.length));
    }
}
