package dev.mlx.runtime.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.runtime.base.RunException;
import dev.mlx.testing.Repo;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline file is data, read with limits: the files of issue 15 that kept {@code predict}
 * busy for minutes, overflowed its stack or asked for 16 GB are refused at once with a message
 * that says why, and so is any file that is not a pipeline.
 */
class PipelineFileTest {
    static final Path PEN = Repo.module("src/test/resources/serve/pen/model.tribuo.pipeline");

    @TempDir
    Path dir;

    private RunException refused(byte[] content) throws Exception {
        Path f = dir.resolve("model.tribuo.pipeline");
        Files.write(f, content);
        long t0 = System.nanoTime();
        RunException e = assertThrows(RunException.class, () -> PipelineFile.read(f));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused at once");
        assertTrue(e.getMessage().startsWith("cannot read the pipeline " + f + ": "), e.getMessage());
        assertTrue(!e.getMessage().endsWith(": null"), e.getMessage());
        return e;
    }

    @Test
    void readsWhatARunWrote() {
        FittedFeatures p = PipelineFile.read(PEN);
        assertEquals(java.util.List.of("penguin_id", "island", "beak_length_mm", "beak_depth_mm", "flipper_length_mm",
                "body_mass_g", "sex").containsAll(p.inputColumns()), true);
        assertTrue(p.featureNames().contains("body_mass_g"), p.featureNames().toString());
    }

    /** Issue 15: ~5.7 KB of nested HashSets, Java-serialised, kept predict busy for minutes. */
    @Test
    void javaSerialisedFilesAreNotRead() throws Exception {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(root);
        }
        assertTrue(refused(bytes.toByteArray()).getMessage().contains("Java-serialised"));
        // the 35-byte stream that asked for 16 GB: a long[] of Integer.MAX_VALUE elements
        byte[] huge = {(byte) 0xac, (byte) 0xed, 0, 5, 0x75, 0x72, 0, 2, 0x5b, 0x4a, 0x78, 0x20, 0x04, (byte) 0xb5, 0x12,
            (byte) 0xb1, 0x75, (byte) 0x93, 2, 0, 0, 0x78, 0x70, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 0};
        assertTrue(refused(huge).getMessage().contains("Java-serialised"));
    }

    /** Issue 15: 3,000 nested lists overflowed the stack. */
    @Test
    void deepNestingIsRefusedBeforeParsing() throws Exception {
        String deep = "{\"format\":\"mlx-pipeline\",\"version\":1,\"steps\":" + "[".repeat(3000) + "]".repeat(3000) + "}";
        assertTrue(refused(deep.getBytes(StandardCharsets.UTF_8)).getMessage().contains("nests"));
    }

    @Test
    void otherFilesSayWhatIsWrong() throws Exception {
        String good = Files.readString(PEN);
        assertTrue(refused(new byte[0]).getMessage().contains("empty"));
        assertTrue(refused("not json at all".getBytes(StandardCharsets.UTF_8)).getMessage().length() > 40);
        assertTrue(refused(good.substring(0, good.length() / 2).getBytes(StandardCharsets.UTF_8)).getMessage().length() > 40);
        assertTrue(refused(good.replace("\"version\":1", "\"version\":7").getBytes(StandardCharsets.UTF_8)).getMessage()
                .contains("version 7"));
        assertTrue(refused(good.replace("\"format\":\"mlx-pipeline\"", "\"format\":\"x\"").getBytes(StandardCharsets.UTF_8))
                .getMessage().contains("not an mlx pipeline"));
        // a class name is never instantiated: only the step kinds of the features package are known
        String gadget = good.replaceFirst("\"type\":\"Impute\"", "\"type\":\"java.util.HashSet\"");
        assertTrue(refused(gadget.getBytes(StandardCharsets.UTF_8)).getMessage().contains("expected one of Bin"));
    }
}
