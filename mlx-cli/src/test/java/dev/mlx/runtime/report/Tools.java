package dev.mlx.runtime.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** External programs the report tests drive: each missing one fails the test with how to install it. */
final class Tools {
    private Tools() {
    }

    record Result(int exit, String out, String err) {
    }

    static Result run(List<String> cmd, Map<String, String> env, int timeoutSeconds) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("mlx-tool", ".out");
        Path stderr = Files.createTempFile("mlx-tool", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** The folder of globally installed npm packages, or null without npm. */
    static Path npmRoot() {
        try {
            Result r = run(List.of("npm", "root", "-g"), Map.of(), 60);
            return r.exit() == 0 ? Path.of(r.out().strip()) : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    static Path chromium() {
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        throw new AssertionError("Chromium is missing: install the Debian package (apt-get install chromium); .ci/run does");
    }

    static Path npmPackage(String name, String file) {
        Path root = npmRoot();
        if (root == null || !Files.exists(root.resolve(name).resolve(file))) {
            throw new AssertionError("the npm package " + name + " is missing: install it with `npm install -g " + name
                    + "` (.ci/run does)");
        }
        return root.resolve(name).resolve(file);
    }
}
