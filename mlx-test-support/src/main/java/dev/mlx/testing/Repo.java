package dev.mlx.testing;

import java.nio.file.Path;

/**
 * Where tests find things. Surefire runs every module's tests from the repository's top folder, so
 * {@code examples/}, {@code docs/}, {@code editors/} and {@code grammar/} are plain relative paths;
 * a module's own files ({@code src/test/resources/...}) resolve against that module's folder.
 */
public final class Repo {
    private Repo() {
    }

    /** A path inside the module whose tests are running (its folder comes from the build). */
    public static Path module(String relative) {
        String dir = System.getProperty("mlx.module.dir");
        return dir == null ? Path.of(relative) : Path.of(dir).resolve(relative).normalize();
    }

    /** A path from the repository's top folder. */
    public static Path root(String relative) {
        return Path.of(relative);
    }
}
