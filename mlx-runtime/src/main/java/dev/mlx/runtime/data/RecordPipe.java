package dev.mlx.runtime.data;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Splits a large CSV between two cores: a reader thread cuts the text into records (decoding,
 * quoting, line counting) while the caller's thread parses their values into columns. Records travel
 * in order, in batches, through a short queue. The reader stops at the first record it cannot pass on
 * (a ragged row, an unterminated quote, a read error) and sends that problem in its place, so the
 * caller meets every problem in file order, exactly as a single-threaded read would.
 */
final class RecordPipe implements AutoCloseable {
    /** Records per batch: large enough that the queue is cheap, small enough to keep both cores busy. */
    static final int BATCH = 2048;

    /** A run of records: their fields, their first lines, and what ended the input after them. */
    static final class Batch {
        final String[][] fields = new String[BATCH][];
        final int[] lines = new int[BATCH];
        int size;
        /** The problem that stopped the reader after these records, or null. */
        RuntimeException problem;
        IOException ioProblem;
        boolean last;
    }

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(4);
    private final Thread reader;
    private volatile boolean closed;

    /**
     * Starts reading the records after the header; {@code width} is the header's field count (an
     * empty line is skipped when the header has more than one column, as the sequential reader does).
     */
    RecordPipe(CsvRecords records, int width) {
        reader = new Thread(() -> read(records, width), "mlx-csv-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(CsvRecords records, int width) {
        Batch batch = new Batch();
        try {
            String[] fields;
            while ((fields = records.nextRow(width)) != null) {
                batch.fields[batch.size] = fields;
                batch.lines[batch.size++] = records.recordLine();
                if (batch.size == BATCH) {
                    if (!put(batch)) {
                        return;
                    }
                    batch = new Batch();
                }
            }
        } catch (RuntimeException e) {
            batch.problem = e;
        } catch (IOException e) {
            batch.ioProblem = e;
        }
        batch.last = true;
        put(batch);
    }

    /** Hands a batch over; false when the caller has stopped listening. */
    private boolean put(Batch batch) {
        try {
            while (!closed) {
                if (queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The next batch, in file order; the last one has {@code last} set (and possibly a problem). */
    Batch next() throws IOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading", e);
        }
    }

    /** Stops the reader (it may still be mid-record) and waits for it, before the file is closed. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
