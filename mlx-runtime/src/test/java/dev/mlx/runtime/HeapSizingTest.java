package dev.mlx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapSizingTest {
    private static final long MB = 1L << 20;

    @Test
    void theHeapGrowsWithTheDataAndStaysWithinPhysicalMemory() {
        assertEquals(256, HeapSizing.heapMegabytes(20_000, false, 16_000), "a small table stays small");
        assertEquals(256 + 4 * 135, HeapSizing.heapMegabytes(135 * MB, false, 16_000));
        assertEquals(256 + 12 * 135, HeapSizing.heapMegabytes(135 * MB, true, 16_000), "text vectors outgrow the text");
        assertEquals(3_000, HeapSizing.heapMegabytes(10_000 * MB, false, 4_000), "75% of physical memory at most");
        assertEquals(150, HeapSizing.heapMegabytes(10_000 * MB, false, 200), "a tiny machine caps even the base");
    }

    @Test
    void anyMaximumHeapSettingLeavesTheJvmAsItIs() {
        assertTrue(HeapSizing.hasMaxHeap(List.of("-Dx=1", "-Xmx2g")));
        assertTrue(HeapSizing.hasMaxHeap(List.of("-XX:MaxRAMPercentage=50")));
        assertTrue(HeapSizing.hasMaxHeap(List.of("-XX:MaxHeapSize=1g")));
        assertFalse(HeapSizing.hasMaxHeap(List.of("-Xms64m", "-Dmlx.threads=2")));
    }

    @Test
    void theChildKeepsTheJvmOptionsAndTheArguments() {
        List<String> c = HeapSizing.command(Path.of("x.jar"), "900m", List.of("-Dmlx.threads=2"),
                new String[] {"run", "--out", "o"});
        assertEquals("-Dmlx.threads=2", c.get(1));
        assertTrue(c.contains("-Xmx900m") && c.contains("-XX:+UseG1GC") && c.contains("-Dmlx.heap.sized=900m"), c.toString());
        assertEquals(List.of("-jar", "x.jar", "run", "--out", "o"), c.subList(c.size() - 5, c.size()));
        List<String> serial = HeapSizing.command(Path.of("x.jar"), "1g", List.of("-XX:+UseSerialGC"), new String[0]);
        assertFalse(serial.contains("-XX:+UseG1GC"), "the user's collector is kept");
    }

    @Test
    void helpAndVersionNeedNoSecondJvm() {
        assertTrue(HeapSizing.onlyPrints(new String[] {"--help"}));
        assertTrue(HeapSizing.onlyPrints(new String[] {"predict", "-h"}));
        assertTrue(HeapSizing.onlyPrints(new String[] {"--version"}));
        assertFalse(HeapSizing.onlyPrints(new String[] {"--out", "o"}));
        assertFalse(HeapSizing.onlyPrints(new String[] {"serve", "--port", "8080"}));
    }

    @Test
    void theBaseFolderComesFromEitherSpelling() {
        assertEquals(Path.of("d"), HeapSizing.baseArgument(new String[] {"run", "--base", "d"}));
        assertEquals(Path.of("e"), HeapSizing.baseArgument(new String[] {"--base=e"}));
        assertNull(HeapSizing.baseArgument(new String[] {"run"}));
    }
}
