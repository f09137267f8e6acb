package dev.mlx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.diag.Diagnostics;
import dev.mlx.plan.Planner;
import dev.mlx.runtime.models.Export;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/run-json.md against a real run: the iris example compiled and run in process, then every
 * top-level key of its run.json must be in the doc's key table and every key in that table must be
 * in the run.json of this passing run. The small objects Stages writes itself are held to the same
 * rule one level down, and the provenance must read back as the saved model's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunJsonDocTest {
    private static final Path DOC = Path.of("docs", "run-json.md");
    private static final Pattern KEY_ROW = Pattern.compile("^\\|\\s*`([A-Za-z_]+)`\\s*\\|");
    /** A key named in prose (`key`) or in a JSON shape ("key"). */
    private static final Pattern NAMED = Pattern.compile("[`\"]([A-Za-z_][A-Za-z_0-9]*)[`\"]");

    @TempDir
    static Path out;

    private JsonObject run;
    private String doc;

    @BeforeAll
    void runIris() throws IOException {
        Path mlx = Path.of("examples", "iris", "iris.mlx");
        SourceFile file = SourceFile.read(mlx);
        Diagnostics d = new Diagnostics(file);
        CheckResult r = Checker.check(file, CheckOptions.defaults(), d);
        assertFalse(d.hasErrors(), "iris checks clean");
        ExperimentCompiler.Compiled compiled = ExperimentCompiler.compile(Planner.plan(file, r, "test"));
        int exit = ExperimentCompiler.runInProcess(compiled, file.directory(), new String[] {"--out", out.toString()});
        assertEquals(Runner.OK, exit, "iris runs and passes");
        run = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject();
        doc = Files.readString(DOC);
    }

    /** The keys of the table under "## Top-level keys", in order. */
    private List<String> documentedTopLevelKeys() {
        List<String> keys = new ArrayList<>();
        boolean inSection = false;
        for (String line : doc.split("\n")) {
            if (line.startsWith("#")) {
                // the table ends at the next heading of any level
                inSection = line.strip().equals("## Top-level keys");
                continue;
            }
            Matcher m = KEY_ROW.matcher(line);
            if (inSection && m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    private Set<String> named() {
        Set<String> all = new TreeSet<>();
        Matcher m = NAMED.matcher(doc);
        while (m.find()) {
            all.add(m.group(1));
        }
        return all;
    }

    @Test
    void everyTopLevelKeyIsDocumentedAndEveryDocumentedKeyIsWritten() {
        List<String> documented = documentedTopLevelKeys();
        assertTrue(documented.size() >= 10, "docs/run-json.md has a `## Top-level keys` table: " + documented);
        Set<String> written = new LinkedHashSet<>(run.keySet());
        Set<String> undocumented = new TreeSet<>(written);
        undocumented.removeAll(documented);
        assertTrue(undocumented.isEmpty(), "run.json keys missing from docs/run-json.md: " + undocumented);
        Set<String> absent = new TreeSet<>(documented);
        absent.removeAll(written);
        // added later by `report` and `retrain`, never by the run itself (ServedLoopTest reads them back)
        absent.removeAll(Set.of("online", "drift", "retrain"));
        assertTrue(absent.isEmpty(), "documented keys missing from the run.json of a passing run: " + absent);
        assertEquals("passed", run.get("status").getAsString());
    }

    @Test
    void theSmallObjectsStagesWritesAreDocumentedOneLevelDown() {
        Set<String> names = named();
        Set<String> missing = new TreeSet<>();
        for (String key : List.of("mlx", "experiment", "source", "environment", "data", "split", "features", "timings")) {
            for (String inner : run.getAsJsonObject(key).keySet()) {
                if (!names.contains(inner)) {
                    missing.add(key + "." + inner);
                }
            }
        }
        for (JsonElement check : run.getAsJsonArray("checks")) {
            check.getAsJsonObject().keySet().stream().filter(k -> !names.contains(k)).forEach(k -> missing.add("checks[]." + k));
        }
        for (JsonElement export : run.getAsJsonArray("exports")) {
            export.getAsJsonObject().keySet().stream().filter(k -> !names.contains(k)).forEach(k -> missing.add("exports[]." + k));
        }
        assertTrue(missing.isEmpty(), "keys written but not in docs/run-json.md: " + missing);
        for (String status : List.of("passed", "failed checks", "failed feature review", "failed gates")) {
            assertTrue(doc.contains("`\"" + status + "\"`"), "status value documented: " + status);
        }
    }

    @Test
    void theProvenanceReadsBackAsTheSavedModelsOwn() throws Exception {
        JsonElement provenance = run.get("provenance");
        assertTrue(provenance.isJsonArray() && provenance.getAsJsonArray().size() > 1, "marshalled provenance: " + provenance);
        ObjectProvenance fromJson = ProvenanceUtil.unmarshalProvenance(
                new JsonProvenanceSerialization(false).deserializeFromString(provenance.toString()));
        Export.Loaded saved = Export.load(out.resolve(Stages.MODEL_FILE));
        assertEquals(saved.model().getProvenance(), fromJson);
        JsonObject env = run.getAsJsonObject("environment");
        assertEquals(System.getProperty("java.vendor"), env.get("java_vendor").getAsString());
        assertEquals(Runtime.getRuntime().maxMemory(), env.get("max_heap_bytes").getAsLong());
    }
}
