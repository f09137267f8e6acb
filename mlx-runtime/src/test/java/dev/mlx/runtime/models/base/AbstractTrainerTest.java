package dev.mlx.runtime.models.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.baseline.DummyClassifierTrainer;
import org.tribuo.provenance.TrainerProvenance;

class AbstractTrainerTest {
    /** Described by its own settings; remembers the invocation of its last call. */
    static final class Settled extends AbstractTrainer<Label> {
        @Config(description = "A setting the provenance must record.")
        private int depth = 3;
        Invocation last;

        @Override
        public Model<Label> train(Dataset<Label> examples, Map<String, Provenance> runProvenance) {
            last = invoke();
            return null;
        }
    }

    /** A wrapper, described by the Tribuo trainer it would build. */
    static final class Wrapper extends AbstractTrainer<Label> {
        Wrapper() {
            super(DummyClassifierTrainer::createMostFrequentTrainer);
        }

        @Override
        public Model<Label> train(Dataset<Label> examples, Map<String, Provenance> runProvenance) {
            count();
            return null;
        }
    }

    @Test
    void aTrainerWithSettingsDescribesItselfAsOfEachCall() {
        Settled t = new Settled();
        TrainerProvenance before = t.getProvenance();
        assertEquals(Settled.class.getName(), before.getClassName());
        assertEquals("3", before.getConfiguredParameters().get("depth").toString());
        t.train(null, Map.of());
        assertEquals(0, t.last.number());
        assertEquals(before, t.last.provenance(), "the model of the first call records the count before it");
        t.train(null, Map.of());
        assertEquals(1, t.last.number());
        assertEquals(2, t.getInvocationCount());
        assertNotEquals(before, t.getProvenance());
    }

    @Test
    void aWrapperIsDescribedByTheTrainerItBuilds() {
        Wrapper w = new Wrapper();
        assertEquals(DummyClassifierTrainer.createMostFrequentTrainer().getProvenance(), w.getProvenance());
        w.train(null, Map.of());
        assertEquals(1, w.getInvocationCount());
    }

    @Test
    void aRecordedCountReplaysTheCall() {
        Settled t = new Settled();
        t.train(null, Map.of());
        t.train(null, Map.of());
        long second = t.last.generator(99).nextLong();
        t.train(null, Map.of(), 1);
        assertEquals(1, t.last.number());
        assertEquals(second, t.last.generator(99).nextLong());
        assertNotEquals(second, new AbstractTrainer.Invocation(0, null).generator(99).nextLong());
        assertEquals(2, t.getInvocationCount());
        assertThrows(IllegalArgumentException.class, () -> t.setInvocationCount(-1));
    }

    @Test
    void concurrentCallsGetDistinctNumbers() throws Exception {
        Wrapper w = new Wrapper();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> numbers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                numbers.add(pool.submit(w::count));
            }
            Set<Integer> seen = new TreeSet<>();
            for (Future<Integer> n : numbers) {
                seen.add(n.get());
            }
            assertEquals(400, seen.size());
            assertEquals(400, w.getInvocationCount());
        } finally {
            pool.shutdownNow();
        }
    }
}
