package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The feedback store on a real PostgreSQL server: the same contract as SQLite, and batched
 * concurrent feedback. .ci/run installs Debian's postgresql and starts it on loopback with role
 * and database mlx/mlx_test; MLX_PG_URL points the test at another server.
 */
class PostgresStoreTest {
    static final String URL = System.getenv().getOrDefault("MLX_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/mlx_test?user=mlx&password=mlx");

    static void requireServer() {
        try (Connection c = DriverManager.getConnection(URL)) {
            c.isValid(5);
        } catch (SQLException e) {
            fail("no PostgreSQL server at " + Store.redact(URL) + " (" + e.getMessage() + "): install Debian's postgresql "
                    + "(apt-get install postgresql), start it (pg_ctlcluster 15 main start) and create role and database "
                    + "mlx/mlx_test as .ci/run does, or set MLX_PG_URL");
        }
    }

    @Test
    void storeContractOnPostgres() throws Exception {
        requireServer();
        try (Store s = Store.open(URL)) {
            StoreContract.check(s);
        }
    }

    /** A served model logging to PostgreSQL: the prediction and its acknowledged feedback are in the database. */
    @Test
    void serverLogsToPostgres() throws Exception {
        requireServer();
        java.nio.file.Path dir = Fixture.folder("pg", ServeHttpTest.MLX.replace("experiment pen ", "experiment pg "));
        java.nio.file.Path jar = Fixture.compile(dir, "pg");
        String id;
        try (Fixture.Running s = Fixture.serve(dir, jar, "--out", "out", "--store", URL)) {
            var p = Fixture.post(s.port(), "/predict", ServeHttpTest.ROW + ",\"penguin_id\":5}");
            assertEquals(200, p.statusCode(), p.body());
            id = com.google.gson.JsonParser.parseString(p.body()).getAsJsonObject().get("prediction_id").getAsString();
            var f = Fixture.post(s.port(), "/feedback", "{\"prediction_id\":\"" + id + "\",\"actual\":\"Gentoo\"}");
            assertEquals(200, f.statusCode(), f.body());
            assertEquals(200, Fixture.get(s.port(), "/ab").statusCode());
            assertEquals(200, Fixture.get(s.port(), "/drift").statusCode());
        }
        try (Connection c = DriverManager.getConnection(URL);
             var st = c.prepareStatement("SELECT p.variant, p.inputs, f.actual FROM mlx_predictions p JOIN mlx_feedback f "
                     + "ON f.prediction_id = p.id WHERE p.id = ?")) {
            st.setString(1, id);
            try (var rs = st.executeQuery()) {
                org.junit.jupiter.api.Assertions.assertTrue(rs.next(), "the prediction and its feedback are in PostgreSQL");
                assertEquals("Gentoo", rs.getString(3));
                org.junit.jupiter.api.Assertions.assertTrue(rs.getString(2).contains("\"island\":\"Biscoe\""), rs.getString(2));
            }
        }
    }

    @Test
    void concurrentFeedbackIsCommittedInBatches() throws Exception {
        requireServer();
        String run = "pg-" + System.nanoTime();
        try (Store s = Store.open(URL)) {
            long now = System.currentTimeMillis();
            List<CompletableFuture<Store.Ack>> acks = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                s.log(new Store.Prediction(run + i, run + i, now, "lr", false, "{}", "yes", null, null));
                acks.add(s.feedback(run + i, i % 2 == 0 ? "yes" : "no"));
            }
            for (CompletableFuture<Store.Ack> a : acks) {
                assertEquals(Store.Ack.STORED, a.get());
            }
            long labelled = s.joined(now).stream().filter(j -> j.id().startsWith(run) && j.actual() != null).count();
            assertEquals(2000, labelled);
        }
    }
}
