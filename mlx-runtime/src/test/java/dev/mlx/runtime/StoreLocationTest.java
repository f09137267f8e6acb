package dev.mlx.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.catalog.StoreKind;
import dev.mlx.catalog.Task;
import dev.mlx.runtime.serve.Store;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Feedback;
import dev.mlx.runtime.spec.Model;
import dev.mlx.runtime.spec.Scope;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Where the feedback store is (issue 18: in the output folder, with the store an earlier version kept
 * beside the .mlx still read) and which store URLs are opened at all (issue 15: the data sources'
 * JDBC rule, MLX0411, applied to the store too).
 */
class StoreLocationTest {
    private static final Map<String, Double> PARAMETERS = Map.of("seed", 42.0);

    private static Experiment experiment(Feedback feedback) {
        return new Experiment("tiny", "a test", new Experiment.Source("tiny.mlx", "experiment tiny {}",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "9.9.9"),
                new Scope(Task.CLASSIFICATION, "label", null, "accuracy", List.of(), null), null, null, List.of(), List.of(),
                null, List.of(new Model("base", "baseline", Map.of())), List.of(), null, null, null, feedback, null, 42);
    }

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome run(Function<dev.mlx.runtime.Params, Experiment> define, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = JarCommand.execute(args, define, PARAMETERS, StoreLocationTest.class,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String url(Experiment e, Path base, Path outDir, PrintStream notices, String... args) {
        JarCommand top = new JarCommand(p -> e, PARAMETERS, StoreLocationTest.class, System.out, System.err);
        CommandLine cl = JarCommand.commandLine(top);
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        cl.parseArgs(all);
        JarSubcommands.ServeSubcommand serve = cl.getSubcommands().get("serve").getCommand();
        return serve.storeUrl(e, base, outDir, notices);
    }

    /** A store holding one answered prediction with its feedback. */
    private static void labelled(Path db) throws Exception {
        try (Store store = Store.open("jdbc:sqlite:" + db)) {
            store.log(new Store.Prediction("p1", "p1", 1L, "selected", false, "{\"x\": 1}", "a", null, null));
            assertEquals(Store.Ack.STORED, store.feedback("p1", "b").get());
        }
    }

    @Test
    void theDefaultStoreIsInTheOutputFolderAndAStoreWhereItUsedToBeIsStillRead(@TempDir Path base) throws Exception {
        Experiment e = experiment(null);
        Path outDir = base.resolve("out/tiny");
        ByteArrayOutputStream notices = new ByteArrayOutputStream();
        PrintStream printed = new PrintStream(notices, true, StandardCharsets.UTF_8);
        assertEquals("jdbc:sqlite:" + outDir.resolve("feedback.db"), url(e, base, outDir, printed));
        assertEquals("", notices.toString(StandardCharsets.UTF_8));

        Path earlier = base.resolve("out/tiny-feedback.db");
        labelled(earlier);
        String found = url(e, base, outDir, printed);
        assertEquals("jdbc:sqlite:" + earlier, found, "the store kept where the default used to be is read");
        String notice = notices.toString(StandardCharsets.UTF_8);
        assertEquals(1, notice.lines().count(), notice);
        assertTrue(notice.startsWith("note: reading the feedback store " + earlier) && notice.contains(outDir.resolve("feedback.db").toString()),
                notice);
        try (Store store = Store.open(found)) {
            List<String[]> rows = store.labelled();
            assertEquals(1, rows.size(), "nothing stored before is lost");
            assertArrayEquals(new String[] {"{\"x\": 1}", "b"}, rows.get(0));
        }

        labelled(outDir.resolve("feedback.db"));
        notices.reset();
        assertEquals("jdbc:sqlite:" + outDir.resolve("feedback.db"), url(e, base, outDir, printed),
                "once the output folder has a store, it is the one");
        assertEquals("", notices.toString(StandardCharsets.UTF_8));

        Experiment named = experiment(new Feedback(StoreKind.SQLITE, "logs/fb.db", null, "accuracy", 7, 0));
        assertEquals("jdbc:sqlite:" + base.resolve("logs/fb.db"), url(named, base, outDir, printed),
                "a store the file names stays relative to the .mlx file's folder");
    }

    @Test
    void aStoreUrlThatCouldRunCodeIsRefusedBeforeAnythingRunsOrOpens(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("kept.db");
        labelled(db);
        byte[] before = Files.readAllBytes(db);
        Path outDir = dir.resolve("out");
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("serving.json"), "{}"); // a run is there: report and retrain get to the store
        String sqlite = "jdbc:sqlite:" + db + "?enable_load_extension=true";
        for (String command : List.of("serve", "report", "retrain")) {
            Outcome o = run(p -> experiment(null), command, "--out", outDir.toString(), "--store", sqlite);
            assertEquals(1, o.exit(), command + ": " + o.err());
            assertTrue(o.err().startsWith("error: the feedback store " + sqlite + " is refused: the URL parameter "
                    + "`enable_load_extension` is not accepted for `jdbc:sqlite:` feedback stores (accepted: "), o.err());
            assertFalse(o.err().contains("\tat "), "no stack trace");
        }
        assertArrayEquals(before, Files.readAllBytes(db), "the store was never opened");

        String postgres = "jdbc:postgresql://localhost/mlx?user=u&password=secret&socketFactory=org.example.Evil";
        Experiment fromFile = experiment(new Feedback(StoreKind.JDBC, postgres, null, "accuracy", 7, 0));
        Path fresh = dir.resolve("fresh");
        Outcome o = run(p -> fromFile, "serve", "--out", fresh.toString());
        assertEquals(1, o.exit(), o.err());
        assertTrue(o.err().contains("`socketFactory` is not accepted for `jdbc:postgresql:` feedback stores"), o.err());
        assertFalse(o.err().contains("secret"), "the password is not printed: " + o.err());
        assertFalse(Files.exists(fresh), "serve refused the store before it ran the experiment");

        Outcome other = run(p -> experiment(null), "serve", "--out", fresh.toString(), "--store", "jdbc:h2:mem:x");
        assertEquals(1, other.exit(), other.err());
        assertTrue(other.err().contains("mlx keeps feedback in SQLite or PostgreSQL only, not `jdbc:h2:`"), other.err());
    }
}
