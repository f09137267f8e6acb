package dev.mlx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.runtime.result.RunResult;
import dev.mlx.testing.Repo;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** run.json's environment names each library's version as its own jar records it: the one the build pins. */
class LibraryVersionsTest {
    private static String pinned(String property) throws Exception {
        Matcher m = Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</").matcher(Files.readString(Repo.root("pom.xml")));
        assertTrue(m.find(), "the parent pom pins " + property);
        return m.group(1).strip();
    }

    @Test
    void theEnvironmentNamesTheVersionsThePomPins() throws Exception {
        RunResult.Environment env = Stages.environment();
        assertEquals(pinned("tablesaw.version"), env.tablesaw());
        assertEquals(pinned("tribuo.version"), env.tribuo());
        assertEquals(pinned("gson.version"), LibraryVersions.of("com.google.code.gson", "gson"));
        assertEquals("unknown", LibraryVersions.of("dev.mlx", "no-such-library"));
    }
}
