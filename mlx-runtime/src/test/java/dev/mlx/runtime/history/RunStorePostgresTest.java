package dev.mlx.runtime.history;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The tracking store on a real PostgreSQL server: the same contract as on SQLite. .ci/run starts
 * Debian's postgresql on loopback with role and database mlx/mlx_test (as for the feedback store's
 * PostgresStoreTest); MLX_PG_URL points the test at another server.
 */
class RunStorePostgresTest {
    static final String URL = System.getenv().getOrDefault("MLX_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/mlx_test?user=mlx&password=mlx");

    @Test
    void theStoreKeepsItsContractOnPostgres() throws Exception {
        String experiment = "runs_pg_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            for (String table : new String[] {"mlx_run_metrics", "mlx_run_params", "mlx_runs"}) {
                s.execute("DO $$ BEGIN IF to_regclass('" + table + "') IS NOT NULL THEN DELETE FROM " + table
                        + " WHERE experiment LIKE 'runs_pg_%'; END IF; END $$");
            }
        } catch (SQLException e) {
            fail("no PostgreSQL server at " + RunStore.redact(URL) + " (" + e.getMessage() + "): install Debian's postgresql "
                    + "(apt-get install postgresql), start it (pg_ctlcluster 15 main start) and create role and database "
                    + "mlx/mlx_test as .ci/run does, or set MLX_PG_URL");
        }
        try (RunStore store = RunStore.open(URL)) {
            RunStoreTest.contract(store, experiment);
        }
    }
}
