package dev.mlx.maven;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The .mlx files of a source folder that a goal works on: those whose path relative to the folder
 * matches an include pattern and no exclude pattern. Patterns are globs with {@code /} as separator, as
 * Maven users write them; {@code **}{@code /} also matches no folder at all, so {@code **}{@code /*.mlx}
 * takes the folder's own files too. The list is sorted, so builds print in the same order everywhere.
 */
record MlxFiles(Path root, List<String> includes, List<String> excludes) {
    static final List<String> DEFAULT_INCLUDES = List.of("**/*.mlx");

    MlxFiles {
        includes = includes == null || includes.isEmpty() ? DEFAULT_INCLUDES : List.copyOf(includes);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
    }

    /** The matching files, sorted by relative path; none when the folder does not exist. */
    List<Path> find() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<PathMatcher> in = matchers(includes);
        List<PathMatcher> out = matchers(excludes);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                Path relative = root.relativize(file);
                if (matches(in, relative) && !matches(out, relative)) {
                    found.add(file);
                }
            });
        }
        found.sort((a, b) -> slashed(root.relativize(a)).compareTo(slashed(root.relativize(b))));
        return List.copyOf(found);
    }

    private static List<PathMatcher> matchers(List<String> patterns) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String pattern : patterns) {
            String p = pattern.trim().replace('\\', '/');
            if (p.endsWith("/")) { // Ant's rule: a folder means everything under it
                p += "**";
            }
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
            while (p.startsWith("**/")) {
                p = p.substring(3);
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
            }
        }
        return matchers;
    }

    private static boolean matches(List<PathMatcher> matchers, Path relative) {
        Path forGlob = Path.of(slashed(relative));
        for (PathMatcher m : matchers) {
            if (m.matches(forGlob)) {
                return true;
            }
        }
        return false;
    }

    static String slashed(Path relative) {
        return relative.toString().replace('\\', '/');
    }
}
