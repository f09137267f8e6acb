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
        assertEquals(256 + 12 * 1 + 6 * 39, HeapSizing.heapMegabytes(MB, 39 * MB, true, 16_000),
                "a stored model to read counts too, not as text");
    }

    @Test
    void commandsThatReadTheStoredModelCountItsFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.write(dir.resolve("model.tribuo"), new byte[12_345]);
        java.util.function.Function<Params, dev.mlx.runtime.spec.Experiment> define = p -> {
            throw new AssertionError("--out names the folder: the experiment is not needed");
        };
        assertEquals(12_345, HeapSizing.storedModelBytes(new String[] {"predict", "--out", dir.toString(), "in.csv"}, define, java.util.Map.of()));
        assertEquals(12_345, HeapSizing.storedModelBytes(new String[] {"serve", "--out=" + dir}, define, java.util.Map.of()));
        assertEquals(0, HeapSizing.storedModelBytes(new String[] {"run", "--out", dir.toString()}, define, java.util.Map.of()),
                "a run trains its model");
        assertEquals(0, HeapSizing.storedModelBytes(new String[] {"predict", "--out", dir.resolve("none").toString()}, define,
                java.util.Map.of()), "no stored model yet");
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
        List<String> c = HeapSizing.command(Path.of("x.jar"), "900m", false, List.of("-Dmlx.threads=2"),
                new String[] {"run", "--out", "o"});
        assertEquals("-Dmlx.threads=2", c.get(1));
        assertTrue(c.contains("-Xmx900m") && c.contains("-XX:+UseG1GC") && c.contains("-Dmlx.heap.sized=900m"), c.toString());
        assertEquals(List.of("-jar", "x.jar", "run", "--out", "o"), c.subList(c.size() - 5, c.size()));
        List<String> serial = HeapSizing.command(Path.of("x.jar"), "1g", false, List.of("-XX:+UseSerialGC"), new String[0]);
        assertFalse(serial.contains("-XX:+UseG1GC"), "the user's collector is kept");
        assertFalse(c.contains("-XX:TieredStopAtLevel=1"), "a full run keeps every compiler tier");
    }

    @Test
    void aQuickChildRunsTheQuickCompilerAndTheSerialCollector() {
        List<String> q = HeapSizing.command(Path.of("x.jar"), "256m", true, List.of(), new String[] {"run"});
        assertTrue(q.contains("-XX:TieredStopAtLevel=1") && q.contains("-XX:+UseSerialGC"), q.toString());
        assertFalse(q.contains("-XX:+UseG1GC") || q.stream().anyMatch(o -> o.startsWith("-XX:G1")), q.toString());
        List<String> own = HeapSizing.command(Path.of("x.jar"), "256m", true,
                List.of("-XX:+UseParallelGC", "-XX:-TieredCompilation"), new String[] {"run"});
        assertFalse(own.contains("-XX:TieredStopAtLevel=1") || own.contains("-XX:+UseSerialGC"), "the user's choices are kept: " + own);
    }

    @Test
    void smallTablesGetTheQuickCompilerServersAndLargeTablesTheFullTiers() {
        long mb = 1L << 20;
        assertTrue(HeapSizing.quick(20_000, new String[] {"run"}, null));
        assertTrue(HeapSizing.quick(20_000, new String[0], null), "run is the default command");
        assertFalse(HeapSizing.quick(HeapSizing.QUICK_LIMIT_MB * mb, new String[0], null));
        assertFalse(HeapSizing.quick(140 * mb, new String[] {"run"}, null));
        assertFalse(HeapSizing.quick(20_000, new String[] {"serve", "--port", "0"}, null), "a server lives long");
        assertFalse(HeapSizing.quick(-1, new String[0], null), "data of unknown size");
        assertTrue(HeapSizing.quick(140 * mb, new String[0], "quick"));
        assertFalse(HeapSizing.quick(20_000, new String[0], " FULL "));
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
