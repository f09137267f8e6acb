package dev.mlx.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.testing.Repo;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * editors/vscode with its real tools: the npm packages from the committed lock file, the grammar
 * tests under `node --test` (vscode-textmate on vscode-oniguruma), and the extension packaged by
 * `@vscode/vsce` into target/editors/.
 */
class VsCodeExtensionTest {
    private static final Path DIR = Path.of("editors/vscode").toAbsolutePath();
    private static final String NODE = "Node.js 20 and npm (Debian: apt-get install nodejs npm)";

    /** `npm ci` only when the lock file changed since the last install: it wipes node_modules. */
    @BeforeAll
    static void installPackages() throws IOException, NoSuchAlgorithmException {
        ExternalTool.require("node", NODE);
        ExternalTool.require("npm", NODE);
        String lock = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(DIR.resolve("package-lock.json"))));
        Path stamp = DIR.resolve("node_modules/.mlx-installed-lock");
        if (Files.exists(stamp) && Files.readString(stamp).strip().equals(lock)) {
            return;
        }
        ExternalTool.Result r = ExternalTool.run(DIR, 300,
                List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"));
        assertEquals(0, r.exitCode(), "npm ci in editors/vscode failed:\n" + r.output());
        Files.writeString(stamp, lock + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void nodeTestsPass() {
        ExternalTool.Result r = ExternalTool.run(DIR, 120, List.of("node", "--test", "test/grammar.test.js", "test/server.test.js"));
        assertEquals(0, r.exitCode(), "node --test in editors/vscode failed:\n" + r.output());
        Matcher pass = Pattern.compile("(?m)^# pass (\\d+)$").matcher(r.output());
        assertTrue(pass.find(), r.output());
        assertTrue(Integer.parseInt(pass.group(1)) >= 12, "expected every grammar test to run:\n" + r.output());
        assertTrue(r.output().contains("# fail 0"), r.output());
    }

    @Test
    void clientLoadsWithoutSyntaxErrors() {
        ExternalTool.Result r = ExternalTool.run(DIR, 60, List.of("node", "--check", "src/extension.js"));
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void packagesIntoAVsix() throws IOException {
        Path out = Repo.module("target/editors").toAbsolutePath();
        Files.createDirectories(out);
        JsonObject manifest = JsonParser.parseString(Files.readString(DIR.resolve("package.json"))).getAsJsonObject();
        Path vsix = out.resolve("mlx-language-" + manifest.get("version").getAsString() + ".vsix");
        Files.deleteIfExists(vsix);
        ExternalTool.Result r = ExternalTool.run(DIR, 180, List.of("node", "node_modules/@vscode/vsce/vsce", "package",
                "--allow-missing-repository", "--out", vsix.toString()));
        assertEquals(0, r.exitCode(), "vsce package failed:\n" + r.output());
        assertTrue(Files.exists(vsix), "vsce wrote no " + vsix + ":\n" + r.output());

        Set<String> entries = new TreeSet<>();
        try (ZipFile zip = new ZipFile(vsix.toFile())) {
            zip.stream().forEach(e -> entries.add(e.getName()));
            String packaged = new String(zip.getInputStream(zip.getEntry("extension/package.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            JsonObject pj = JsonParser.parseString(packaged).getAsJsonObject();
            String main = pj.get("main").getAsString().replaceFirst("^\\./", "");
            assertTrue(entries.contains("extension/" + main), "the client " + main + " is not in the .vsix");
            assertTrue(pj.getAsJsonObject("contributes").getAsJsonObject("configuration")
                    .getAsJsonObject("properties").has("mlx.path"), "the setting mlx.path is contributed");
        }
        for (String needed : List.of("extension.vsixmanifest", "extension/LICENSE.txt", "extension/syntaxes/mlx.tmLanguage.json",
                "extension/language-configuration.json", "extension/snippets/mlx.code-snippets", "extension/src/server.js",
                "extension/node_modules/vscode-languageclient/package.json")) {
            assertTrue(entries.contains(needed), needed + " is missing from the .vsix: " + entries);
        }
        // Tests, snapshots and development packages stay out of what users install.
        assertFalse(entries.stream().anyMatch(e -> e.startsWith("extension/test/")
                || e.startsWith("extension/node_modules/vscode-textmate/")
                || e.startsWith("extension/node_modules/@vscode/vsce/")), "test files or dev packages in the .vsix");
    }
}
