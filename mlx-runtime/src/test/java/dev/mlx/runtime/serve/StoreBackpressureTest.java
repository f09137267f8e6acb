package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer that falls a whole queue behind (here: another connection holds SQLite's write lock)
 * costs predictions their log rows, counted and warned about once, never the request's time; and
 * feedback queued behind it is still committed before it is acknowledged.
 */
class StoreBackpressureTest {
    @TempDir
    Path dir;

    @Test
    void aFullQueueDropsPredictionsWithoutWaiting() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("log.db");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int logged;
        long dropped;
        try (Store store = Store.open(url, 2, new PrintStream(err, true, StandardCharsets.UTF_8));
             Connection locker = DriverManager.getConnection(url)) {
            try (Statement s = locker.createStatement()) {
                s.execute("BEGIN IMMEDIATE"); // the store's writer now waits on its first insert
            }
            int queued = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                int n = 0;
                for (int i = 0; i < 50; i++) {
                    String id = "p" + i;
                    if (store.log(new Store.Prediction(id, id, 1_000L + i, "lr", false, "{}", "yes", null, null))) {
                        n++;
                    }
                }
                return n;
            }, "log() must not wait for a stalled writer");
            dropped = store.dropped();
            assertEquals(50, queued + dropped);
            // the writer holds at most what it took before stalling, the queue two more
            assertTrue(dropped >= 40, dropped + " dropped, " + queued + " queued");
            try (Statement s = locker.createStatement()) {
                s.execute("ROLLBACK");
            }
            logged = queued;
            assertEquals(Store.Ack.STORED, store.feedback("p0", "yes").get(10, TimeUnit.SECONDS),
                    "feedback behind the stall is committed once the lock is gone");
        }
        String warnings = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, warnings.lines().count(), "one warning a minute, not one per row: " + warnings);
        assertTrue(warnings.contains("predictions are answered but not logged") && warnings.contains("mlx_log_dropped_total"),
                warnings);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM mlx_predictions")) {
            rs.next();
            assertEquals(logged, rs.getInt(1), "every queued prediction is in the log, the dropped ones are not");
        }
    }
}
