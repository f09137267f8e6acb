package dev.mlx.runtime.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void resultsComeBackInTheOrderGivenWhateverOrderTheyFinishIn() {
        List<Integer> items = IntStream.range(0, 40).boxed().toList();
        List<Integer> squares = Parallel.call(4, () -> Parallel.map(items, i -> {
            sleep(40 - i); // the first items finish last
            return i * i;
        }));
        for (int i = 0; i < 40; i++) {
            assertEquals(i * i, squares.get(i));
        }
    }

    @Test
    void nestedWorkAndParallelStreamsStayOnThePoolsThreads() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Parallel.call(2, () -> Parallel.map(List.of(1, 2, 3, 4), outer -> {
            threads.add(Thread.currentThread().getName());
            Parallel.map(List.of(1, 2, 3), inner -> threads.add(Thread.currentThread().getName()));
            IntStream.range(0, 1000).parallel().forEach(x -> threads.add(Thread.currentThread().getName()));
            return outer;
        }));
        assertTrue(threads.size() <= 2, "at most the pool's 2 threads: " + threads);
        assertTrue(threads.stream().allMatch(n -> n.startsWith("mlx-worker-2-")), threads.toString());
    }

    @Test
    void oneThreadRunsOnTheCallingThread() {
        List<String> names = Parallel.call(1, () -> Parallel.map(List.of(1, 2, 3), i -> Thread.currentThread().getName()));
        assertEquals(1, Set.copyOf(names).size());
        assertEquals(1, Parallel.call(1, Parallel::threads));
        assertEquals(3, Parallel.call(3, Parallel::threads));
    }

    @Test
    void theFirstFailureInTheGivenOrderIsRethrownAsItIs() {
        RunException first = new RunException("first");
        List<Integer> ran = new ArrayList<>();
        RunException thrown = assertThrows(RunException.class, () -> Parallel.call(3, () -> Parallel.map(List.of(0, 1, 2, 3), i -> {
            synchronized (ran) {
                ran.add(i);
            }
            if (i == 1) {
                sleep(30);
                throw first;
            }
            if (i == 3) {
                throw new RunException("later");
            }
            return i;
        })));
        assertSame(first, thrown);
        assertEquals(4, ran.size(), "every piece ran");
    }

    @Test
    void aBadThreadCountIsAMessageNamingWhereItCameFrom() {
        RunException e = assertThrows(RunException.class, () -> Parallel.parse("many", "the environment variable MLX_THREADS"));
        assertEquals("the environment variable MLX_THREADS must be a whole number of threads, not `many`", e.getMessage());
        assertThrows(RunException.class, () -> Parallel.parse("0", "--threads"));
        assertEquals(8, Parallel.parse(" 8 ", "--threads"));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
