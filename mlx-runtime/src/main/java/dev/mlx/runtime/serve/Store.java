package dev.mlx.runtime.serve;

import dev.mlx.runtime.base.RunException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The prediction log and the feedback, in SQLite (the default; WAL, synchronous commits) or any
 * JDBC database. Writes go through one writer thread that drains a queue and commits in batches,
 * so requests never wait for the disk, except feedback: its future completes only after the batch
 * holding it is committed, which is what makes an acknowledged feedback durable.
 *
 * <p>A prediction is never waited for: when the writer is a whole queue behind (it is starved of
 * CPU, or the database is slow), {@link #log} drops the row, counts it ({@link #dropped}) and warns
 * at most once a minute, rather than hold the request that made it. The answer has gone out
 * either way; blocking would only turn a lagging log into a stalled server.
 */
public final class Store implements AutoCloseable {
    static final int QUEUE = 65_536;
    static final int BATCH = 1_000;
    static final long WARN_EVERY_MILLIS = 60_000;
    /** How long the writer gathers predictions before committing them (feedback does not wait). */
    static final long GATHER_NANOS = 10_000_000;

    /** A logged prediction; {@code requestId} is the id the client got (shadow rows carry their own id). */
    public record Prediction(String id, String requestId, long time, String variant, boolean shadow, String inputs,
                             String prediction, Double value, String probabilities) {
    }

    /**
     * A prediction of the window joined with its feedback ({@code actual} null when there is none yet;
     * {@code kpi} the business value the feedback carried, or null).
     */
    public record Joined(String id, long time, String variant, boolean shadow, String prediction, Double value,
                         String probabilities, String actual, Double kpi) {
    }

    /** Logged inputs of the window, for drift. */
    public record Logged(long time, String inputs) {
    }

    /** What became of one feedback: stored, or no such prediction. */
    public enum Ack { STORED, UNKNOWN_PREDICTION }

    private sealed interface Op permits Log, Feedback, Stop {
    }

    private record Log(Prediction p) implements Op {
    }

    private record Feedback(String predictionId, String actual, Double kpi, long time, CompletableFuture<Ack> done) implements Op {
    }

    private record Stop() implements Op {
    }

    private final String url;
    private final String label;
    private final Connection writer;
    private final BlockingQueue<Op> queue;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE);
    private final PrintStream warnings;
    private volatile boolean closed;
    private final PreparedStatement ins;
    private final PreparedStatement del;
    private final PreparedStatement fb;

    private Store(String url, String label, int capacity, PrintStream warnings) throws SQLException {
        this.url = url;
        this.label = label;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.warnings = warnings;
        this.writer = connect();
        try (Statement s = writer.createStatement()) {
            if (isSqlite()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=10000");
            }
            s.execute("CREATE TABLE IF NOT EXISTS mlx_predictions (id VARCHAR(80) PRIMARY KEY, request_id VARCHAR(80) NOT NULL, "
                    + "ts BIGINT NOT NULL, variant VARCHAR(200) NOT NULL, shadow INTEGER NOT NULL, inputs TEXT NOT NULL, "
                    + "prediction TEXT, value DOUBLE PRECISION, probabilities TEXT)");
            s.execute("CREATE INDEX IF NOT EXISTS mlx_predictions_ts ON mlx_predictions (ts)");
            s.execute("CREATE INDEX IF NOT EXISTS mlx_predictions_request ON mlx_predictions (request_id)");
            s.execute("CREATE TABLE IF NOT EXISTS mlx_feedback (prediction_id VARCHAR(80) PRIMARY KEY, ts BIGINT NOT NULL, "
                    + "actual TEXT NOT NULL, kpi DOUBLE PRECISION)");
            if (!hasColumn("mlx_feedback", "kpi")) { // a store written before feedback carried a business value
                s.execute("ALTER TABLE mlx_feedback ADD COLUMN kpi DOUBLE PRECISION");
            }
        }
        writer.setAutoCommit(false);
        // prepared once: the writer is the only user of these and of the connection
        ins = writer.prepareStatement("INSERT INTO mlx_predictions (id, request_id, ts, variant, shadow, "
                + "inputs, prediction, value, probabilities) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        del = writer.prepareStatement("DELETE FROM mlx_feedback WHERE prediction_id = ?");
        // stored only when its prediction is in the log
        fb = writer.prepareStatement("INSERT INTO mlx_feedback (prediction_id, ts, actual, kpi) SELECT ?, ?, ?, ? WHERE EXISTS "
                + "(SELECT 1 FROM mlx_predictions WHERE id = ?)");
        thread = new Thread(this::loop, "mlx-store-writer");
        thread.setDaemon(false);
        thread.start();
    }

    private boolean hasColumn(String table, String column) throws SQLException {
        try (ResultSet rs = writer.getMetaData().getColumns(null, null, table, null)) {
            while (rs.next()) {
                if (column.equalsIgnoreCase(rs.getString("COLUMN_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Opens (creating the tables when needed) the store at a JDBC URL ({@code jdbc:sqlite:PATH} for SQLite). */
    public static Store open(String url) {
        return open(url, QUEUE, System.err);
    }

    /**
     * Refuses a store URL that {@link dev.mlx.runtime.data.JdbcSources#storeRefusal} does not accept
     * (a driver other than SQLite or PostgreSQL, or a URL parameter that loads code or writes files),
     * before any connection is made: a {@link RunException} naming the parameter.
     */
    public static void requireAccepted(String url) {
        dev.mlx.runtime.data.JdbcSources.Refusal refused = dev.mlx.runtime.data.JdbcSources.storeRefusal(url);
        if (refused != null) {
            throw new RunException("the feedback store " + redact(String.valueOf(url)) + " is refused: " + refused.message()
                    + " (" + refused.help() + ")");
        }
    }

    /** {@link #open(String)} with a queue of {@code capacity} operations and warnings to {@code warnings}. */
    static Store open(String url, int capacity, PrintStream warnings) {
        requireAccepted(url);
        String label = redact(url);
        try {
            if (url.startsWith("jdbc:sqlite:")) {
                java.nio.file.Path p = java.nio.file.Path.of(url.substring("jdbc:sqlite:".length()));
                java.nio.file.Path parent = p.toAbsolutePath().getParent();
                if (parent != null) {
                    java.nio.file.Files.createDirectories(parent);
                }
            }
            return new Store(url, label, capacity, warnings);
        } catch (SQLException | java.io.IOException e) {
            throw new RunException("cannot open the feedback store " + label + ": " + e.getMessage(), e);
        }
    }

    /** A JDBC URL without its password, for messages. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@]+:)[^@/]*@", "$1***@");
    }

    public String label() {
        return label;
    }

    private boolean isSqlite() {
        return url.startsWith("jdbc:sqlite:");
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /**
     * Queues a prediction for the log without waiting: when the queue is full the row is dropped and
     * counted. Returns whether it was queued.
     */
    public boolean log(Prediction p) {
        if (closed) {
            return false;
        }
        if (queue.offer(new Log(p))) {
            return true;
        }
        long n = dropped.incrementAndGet();
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if ((last == Long.MIN_VALUE || now - last >= WARN_EVERY_MILLIS) && lastWarning.compareAndSet(last, now)) {
            warnings.println("mlx: warning: the prediction log " + label + " is " + queue.size()
                    + " writes behind; predictions are answered but not logged (" + n + " dropped so far, "
                    + "mlx_log_dropped_total in /metrics)");
        }
        return false;
    }

    /** Predictions dropped from the log because the writer was a whole queue behind. */
    public long dropped() {
        return dropped.get();
    }

    /** Queues feedback; the future completes once it is committed (or fails with the database's error). */
    public CompletableFuture<Ack> feedback(String predictionId, String actual) {
        return feedback(predictionId, actual, null);
    }

    /** Queues feedback with the business value of the prediction ({@code kpi}, null when not given). */
    public CompletableFuture<Ack> feedback(String predictionId, String actual, Double kpi) {
        CompletableFuture<Ack> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the store is closed"));
            return done;
        }
        try {
            if (!queue.offer(new Feedback(predictionId, actual, kpi, System.currentTimeMillis(), done), 5, TimeUnit.SECONDS)) {
                done.completeExceptionally(new IllegalStateException("the store is overloaded"));
            }
            LockSupport.unpark(thread); // it may be gathering predictions: the client is waiting for this one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        }
        return done;
    }

    private void loop() {
        List<Op> batch = new ArrayList<>();
        while (true) {
            try {
                batch.clear();
                Op first = queue.take();
                if (first instanceof Log && queue.size() < BATCH - 1) {
                    // predictions can wait a moment: gather more per commit, since every commit
                    // rewrites the same last pages of the table and its indexes and syncs the disk.
                    // Feedback and close() wake the writer at once.
                    LockSupport.parkNanos(this, GATHER_NANOS);
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            boolean stop = batch.stream().anyMatch(o -> o instanceof Stop);
            commit(batch);
            if (stop) {
                return;
            }
        }
    }

    private void commit(List<Op> batch) {
        List<CompletableFuture<Ack>> futures = new ArrayList<>();
        List<Ack> acks = new ArrayList<>();
        try {
            boolean pending = false;
            for (Op op : batch) {
                if (op instanceof Log l) {
                    Prediction p = l.p();
                    ins.setString(1, p.id());
                    ins.setString(2, p.requestId());
                    ins.setLong(3, p.time());
                    ins.setString(4, p.variant());
                    ins.setInt(5, p.shadow() ? 1 : 0);
                    ins.setString(6, p.inputs());
                    ins.setString(7, p.prediction());
                    if (p.value() == null) {
                        ins.setNull(8, java.sql.Types.DOUBLE);
                    } else {
                        ins.setDouble(8, p.value());
                    }
                    ins.setString(9, p.probabilities());
                    ins.addBatch();
                    pending = true;
                } else if (op instanceof Feedback f) {
                    if (pending) {
                        ins.executeBatch(); // the prediction may be in this very batch
                        pending = false;
                    }
                    // writes only, the delete first: a transaction that read before it writes cannot
                    // wait for SQLite's write lock (it would commit on a stale snapshot), so while
                    // another connection held the lock, feedback failed at once instead of waiting
                    del.setString(1, f.predictionId());
                    del.executeUpdate();
                    fb.setString(1, f.predictionId());
                    fb.setLong(2, f.time());
                    fb.setString(3, f.actual());
                    if (f.kpi() == null) {
                        fb.setNull(4, java.sql.Types.DOUBLE);
                    } else {
                        fb.setDouble(4, f.kpi());
                    }
                    fb.setString(5, f.predictionId());
                    boolean known = fb.executeUpdate() == 1;
                    futures.add(f.done());
                    acks.add(known ? Ack.STORED : Ack.UNKNOWN_PREDICTION);
                }
            }
            if (pending) {
                ins.executeBatch();
            }
            writer.commit();
        } catch (SQLException e) {
            try {
                ins.clearBatch();
                writer.rollback();
            } catch (SQLException ignored) {
                // the failure below is what matters
            }
            for (Op op : batch) {
                if (op instanceof Feedback f) {
                    f.done().completeExceptionally(e);
                }
            }
            warnings.println("mlx: the feedback store " + label + " refused a batch: " + e.getMessage());
            return;
        }
        for (int i = 0; i < futures.size(); i++) {
            futures.get(i).complete(acks.get(i));
        }
    }

    /** Predictions since {@code since} (epoch ms) with their feedback, oldest first. */
    public List<Joined> joined(long since) {
        List<Joined> out = new ArrayList<>();
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("SELECT p.id, p.ts, p.variant, p.shadow, p.prediction, p.value, "
                     + "p.probabilities, f.actual, f.kpi FROM mlx_predictions p LEFT JOIN mlx_feedback f ON f.prediction_id = p.request_id "
                     + "WHERE p.ts >= ? ORDER BY p.ts, p.id")) {
            s.setLong(1, since);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    double v = rs.getDouble(6);
                    Double value = rs.wasNull() ? null : v;
                    double k = rs.getDouble(9);
                    Double kpi = rs.wasNull() ? null : k;
                    out.add(new Joined(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4) == 1, rs.getString(5),
                            value, rs.getString(7), rs.getString(8), kpi));
                }
            }
        } catch (SQLException e) {
            throw new RunException("cannot read the feedback store " + label + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Inputs of the answered predictions since {@code since}, newest first, at most {@code limit}. */
    public List<Logged> inputs(long since, int limit) {
        List<Logged> out = new ArrayList<>();
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("SELECT ts, inputs FROM mlx_predictions WHERE ts >= ? AND shadow = 0 "
                     + "ORDER BY ts DESC")) {
            s.setLong(1, since);
            s.setMaxRows(limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Logged(rs.getLong(1), rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new RunException("cannot read the feedback store " + label + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Labelled rows: the inputs of every answered prediction that has feedback, with the actual value. */
    public List<String[]> labelled() {
        List<String[]> out = new ArrayList<>();
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("SELECT p.inputs, f.actual FROM mlx_predictions p JOIN mlx_feedback f "
                     + "ON f.prediction_id = p.id WHERE p.shadow = 0 ORDER BY p.ts, p.id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        } catch (SQLException e) {
            throw new RunException("cannot read the feedback store " + label + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Commits what is queued, then stops the writer. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(new Stop());
            LockSupport.unpark(thread);
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (PreparedStatement st : new PreparedStatement[] {ins, del, fb}) {
                st.close();
            }
            writer.close();
        } catch (SQLException ignored) {
            // closing after the final commit: nothing left to lose
        }
    }
}
