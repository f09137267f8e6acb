package dev.mlx.legal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.testing.Repo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * THIRD-PARTY.md names every library the jars can bundle, with its licence: the artifact lists the
 * build writes (META-INF/mlx/dependencies.txt of the runtime bundle inside every compiled experiment
 * jar, and of the mlx tool jar) are read and each artifact looked up in the file. The runtime bundle
 * carries mlx's LICENSE, NOTICE and THIRD-PARTY.md, byte for byte the repository's.
 */
class ThirdPartyNoticesTest {
    private static final Pattern LISTED = Pattern.compile("^\\s*([\\w.\\-]+):([\\w.\\-]+):jar:(?:[\\w.\\-]+:)?([\\w.\\-]+):(?:compile|runtime)");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (.+) \\| ([a-z, ]+) \\|$");

    @Test
    void everyBundledArtifactHasItsLicenceListed(@TempDir Path tmp) throws IOException {
        Map<String, String[]> rows = rows();
        assertTrue(rows.size() > 50, "THIRD-PARTY.md lists " + rows.size() + " artifacts");
        List<String> problems = new ArrayList<>();
        try (ZipFile bundle = new ZipFile(bundle(tmp).toFile())) {
            Set<String> runtime = artifacts(read(bundle, "META-INF/mlx/dependencies.txt"));
            assertTrue(runtime.stream().anyMatch(a -> a.startsWith("org.tribuo:tribuo-core:")), "the runtime's list: " + runtime);
            check(runtime, "runtime", rows, problems);
            for (String file : List.of("LICENSE", "NOTICE", "THIRD-PARTY.md")) {
                assertEquals(Files.readString(Path.of(file)), read(bundle, "META-INF/mlx/" + file),
                        file + " in the runtime bundle is the repository's");
            }
        }
        Set<String> tool = artifacts(Files.readString(Repo.module("target/classes/META-INF/mlx/dependencies.txt")));
        assertTrue(tool.stream().anyMatch(a -> a.startsWith("org.antlr:antlr4-runtime:")), "the tool's list: " + tool);
        check(tool, "tool", rows, problems);
        assertEquals(List.of(), problems, "THIRD-PARTY.md is out of date: run `python3 legal/third-party.py` after a build");
    }

    @Test
    void theLicenceIsApache2() throws IOException {
        String licence = Files.readString(Path.of("LICENSE"));
        assertTrue(licence.contains("Apache License") && licence.contains("Version 2.0, January 2004"), "LICENSE is Apache-2.0");
        assertTrue(Files.readString(Path.of("NOTICE")).contains("THIRD-PARTY.md"), "NOTICE points at the list");
    }

    private static void check(Set<String> artifacts, String jar, Map<String, String[]> rows, List<String> problems) {
        for (String a : artifacts) {
            String[] row = rows.get(a);
            if (row == null) {
                problems.add(a + " (" + jar + ") is not listed");
            } else if (row[0].isBlank()) {
                problems.add(a + " has no licence");
            } else if (!List.of(row[1].split(", ")).contains(jar)) {
                problems.add(a + " is not marked as in the " + jar + " jar");
            }
        }
    }

    /** THIRD-PARTY.md's table: artifact → {licence, jars}. */
    private static Map<String, String[]> rows() throws IOException {
        Map<String, String[]> out = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("THIRD-PARTY.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                out.put(m.group(1), new String[] {m.group(2).strip(), m.group(3).strip()});
            }
        }
        return out;
    }

    private static Set<String> artifacts(String list) {
        Set<String> out = new TreeSet<>();
        for (String line : list.split("\n")) {
            Matcher m = LISTED.matcher(line);
            if (m.find() && !m.group(1).equals("dev.mlx")) {
                out.add(m.group(1) + ":" + m.group(2) + ":" + m.group(3));
            }
        }
        return out;
    }

    /** The runtime bundle the compiler copies into every experiment jar, from the compiler's resources. */
    private static Path bundle(Path tmp) throws IOException {
        Path out = tmp.resolve("runtime-bundle.jar");
        try (InputStream in = ThirdPartyNoticesTest.class.getResourceAsStream("/dev/mlx/codegen/runtime-bundle.jar")) {
            assertNotNull(in, "the runtime bundle is on the classpath");
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    private static String read(ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        assertNotNull(e, name + " is in the jar");
        try (InputStream in = zip.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
