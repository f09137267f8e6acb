package dev.mlx.runtime.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.runtime.base.RunException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracking store on SQLite: what a run records when it begins and ends, per experiment; what
 * prune deletes; a damaged file and a refused URL are clear errors. {@link #contract} is shared with
 * the PostgreSQL test.
 */
class RunStoreTest {
    static RunStore.Entry begun(String experiment, String id, Map<String, Double> params, List<String> set) {
        return new RunStore.Entry(experiment, id, 1_000L, null, "running", "/runs/" + id, "x.mlx", "ab".repeat(32), null, null,
                null, null, null, null, null, "0.1.0", null, false, params, set, List.of(), null);
    }

    /** The store's contract, on whatever database {@code store} is on (empty of {@code experiment}). */
    static void contract(RunStore store, String experiment) {
        store.begin(begun(experiment, "20261207-000000-001", Map.of("seed", 42.0), List.of()));
        store.finish(experiment, "20261207-000000-001", "passed", 1200, "data.csv", "cd".repeat(32), 100, 5, "logistic",
                "accuracy", null, List.of(new RunStore.Metric("logistic", "accuracy", 0.9, 0.02, 0.91),
                        new RunStore.Metric("baseline", "accuracy", 0.5, null, null)));
        store.promote(experiment, "20261207-000000-001");
        store.begin(begun(experiment, "20261207-000000-002", Map.of("seed", 7.0), List.of("seed")));
        store.finish(experiment, "20261207-000000-002", "error", 10, null, null, null, null, null, null, "bad data", List.of());
        store.begin(begun(experiment + "-other", "20261207-000000-002", Map.of(), List.of()));

        List<RunStore.Entry> runs = store.runs(experiment);
        assertEquals(2, runs.size());
        RunStore.Entry first = runs.get(0);
        assertEquals("passed", first.status());
        assertEquals(1200L, first.durationMs());
        assertEquals(100, first.dataRows());
        assertEquals(Map.of("seed", 42.0), first.parameters());
        assertEquals(List.of(), first.overridden());
        assertTrue(first.promoted());
        assertEquals(List.of(new RunStore.Metric("baseline", "accuracy", 0.5, null, null),
                new RunStore.Metric("logistic", "accuracy", 0.9, 0.02, 0.91)), first.metrics());
        RunStore.Entry second = runs.get(1);
        assertEquals("error", second.status());
        assertEquals("bad data", second.message());
        assertEquals(List.of("seed"), second.overridden());
        assertTrue(store.experiments().containsAll(List.of(experiment, experiment + "-other")));

        store.delete(experiment, "20261207-000000-001");
        assertEquals(List.of("20261207-000000-002"), store.runs(experiment).stream().map(RunStore.Entry::id).toList());
        assertEquals(1, store.runs(experiment + "-other").size(), "another experiment's run of the same id stays");
        // a run id is recorded once: a second begin is refused and changes nothing
        RunException twice = assertThrows(RunException.class,
                () -> store.begin(begun(experiment, "20261207-000000-002", Map.of(), List.of())));
        assertTrue(twice.getMessage().startsWith("cannot write to the run store"), twice.getMessage());
        assertEquals("error", store.runs(experiment).get(0).status());
    }

    @Test
    void sqliteKeepsTheContractAcrossOpenings(@TempDir Path dir) {
        String url = RunStore.defaultUrl(dir);
        try (RunStore store = RunStore.open(url)) {
            contract(store, "cars");
        }
        try (RunStore again = RunStore.open(url)) {
            assertEquals(1, again.runs("cars").size(), "committed, so a new connection reads it");
        }
    }

    @Test
    void aStoreFromBeforeEnginesGetsTheColumnAndItsRunsReadAsLocal(@TempDir Path dir) throws Exception {
        String url = RunStore.defaultUrl(dir);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE mlx_runs (experiment VARCHAR(200) NOT NULL, id VARCHAR(40) NOT NULL, "
                    + "started BIGINT NOT NULL, duration_ms BIGINT, status VARCHAR(60) NOT NULL, folder TEXT NOT NULL, "
                    + "source_file TEXT, file_sha256 VARCHAR(64), data_source TEXT, data_sha256 VARCHAR(64), data_rows INTEGER, "
                    + "data_columns INTEGER, selected VARCHAR(200), metric VARCHAR(80), git_commit VARCHAR(64), "
                    + "mlx_version VARCHAR(40), message TEXT, promoted INTEGER NOT NULL, PRIMARY KEY (experiment, id))");
            s.execute("INSERT INTO mlx_runs (experiment, id, started, status, folder, promoted) "
                    + "VALUES ('cars', '20261207-000000-001', 1000, 'passed', '/runs/1', 0)");
        }
        try (RunStore store = RunStore.open(url)) {
            assertEquals("local", store.runs("cars").get(0).engine(), "runs from before engines were recorded were local");
            store.begin(begun("cars", "20261207-000000-002", Map.of(), List.of()));
            store.engine("cars", "20261207-000000-002", "spark");
            assertEquals(List.of("local", "spark"), store.runs("cars").stream().map(RunStore.Entry::engine).toList());
        }
    }

    @Test
    void aDamagedFileIsAClearError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(RunStore.FILE), "not a database ".repeat(500));
        RunException e = assertThrows(RunException.class, () -> RunStore.open(RunStore.defaultUrl(dir)));
        assertTrue(e.getMessage().startsWith("cannot open the run store jdbc:sqlite:"), e.getMessage());
        assertTrue(e.getMessage().contains("move it aside"), e.getMessage());
    }

    @Test
    void theUrlRuleOfDataSourcesApplies() {
        RunException e = assertThrows(RunException.class,
                () -> RunStore.open("jdbc:postgresql://127.0.0.1/x?user=a&password=secret&loggerFile=x.log"));
        assertTrue(e.getMessage().contains("`loggerFile` is not accepted"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), "the password is redacted: " + e.getMessage());
        RunException other = assertThrows(RunException.class, () -> RunStore.open("jdbc:h2:mem:x"));
        assertTrue(other.getMessage().contains("SQLite and PostgreSQL only"), other.getMessage());
    }
}
