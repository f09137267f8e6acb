package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

/** What every store must do, whatever the database: run against SQLite and PostgreSQL. */
final class StoreContract {
    private StoreContract() {
    }

    static void check(Store s) throws Exception {
        String run = Long.toString(System.nanoTime());
        long now = System.currentTimeMillis();
        String inputsA = "{\"x\":1.5,\"c\":\"" + run + "\"}"; // unique: a database may keep earlier runs' rows
        s.log(new Store.Prediction(run + "-a", run + "-a", now, "lr", false, inputsA, "yes", null, "{\"yes\":0.8}"));
        s.log(new Store.Prediction(run + "-a/shadow", run + "-a", now, "tree", true, inputsA, "no", null, null));
        s.log(new Store.Prediction(run + "-b", run + "-b", now + 1, "tree", false, "{\"x\":2.5,\"c\":\"v\"}", "no", null, null));
        // the feedback follows its prediction through the same queue: it always finds it
        assertEquals(Store.Ack.STORED, s.feedback(run + "-a", "yes").get());
        assertEquals(Store.Ack.STORED, s.feedback(run + "-a", "no").get()); // the latest word counts
        assertEquals(Store.Ack.STORED, s.feedback(run + "-a", "yes").get());
        assertEquals(Store.Ack.UNKNOWN_PREDICTION, s.feedback(run + "-zzz", "yes").get());
        List<Store.Joined> joined = s.joined(now).stream().filter(j -> j.id().startsWith(run)).toList();
        assertEquals(3, joined.size());
        assertEquals("yes", joined.get(0).actual());
        assertEquals(run + "-a/shadow", joined.get(1).id());
        assertEquals("yes", joined.get(1).actual(), "shadow rows share the request's feedback");
        assertNull(joined.get(2).actual());
        List<String[]> labelled = s.labelled().stream().filter(l -> l[0].equals(inputsA)).toList();
        assertEquals(1, labelled.stream().filter(l -> l[1].equals("yes")).count());
        // drift reads answered inputs only: the shadow copy of request a is not counted twice
        assertEquals(1, s.inputs(now, 100_000).stream().filter(l -> l.inputs().equals(inputsA))
                .count());
        assertEquals(1, s.inputs(now, 100_000).stream().filter(l -> l.time() == now + 1).count());
    }
}
