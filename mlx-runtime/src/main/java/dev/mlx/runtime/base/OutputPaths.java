package dev.mlx.runtime.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the files a {@code .mlx} file names ({@code report "…"}, {@code export … "…"}) are written:
 * inside the run's output folder, relative to it. An experiment file may come from anyone, and a
 * path such as {@code "/home/me/.bashrc"} or {@code "../../x"} would let it overwrite whatever the
 * user can write. A path outside the output folder is written only when the person running mlx
 * names its folder with {@code --allow-outside DIR}; then it is an absolute path inside DIR. Symbolic
 * links are followed before deciding, so a link inside the folder cannot lead out of it.
 */
public final class OutputPaths {
    /** The command-line flag that lets outputs be written inside a folder outside the output folder. */
    public static final String FLAG = "--allow-outside";

    private OutputPaths() {
    }

    /**
     * Why a path written in a file would not stay inside the output folder, or null when it does
     * (a relative path that never climbs above its start). Symbolic links cannot be seen from the
     * text alone; {@link #resolve} checks them when the file is written.
     *
     * @param written the path as written in the file
     * @return a phrase such as "an absolute path", or null
     */
    public static String outside(String written) {
        Path p;
        try {
            p = Path.of(written);
        } catch (InvalidPathException e) {
            return "not a valid path";
        }
        if (p.isAbsolute() || p.getRoot() != null || written.startsWith("~")) {
            return "an absolute path";
        }
        int depth = 0;
        for (Path part : p) {
            String s = part.toString();
            if (s.equals("..")) {
                if (--depth < 0) {
                    return "a path that climbs out with `..`";
                }
            } else if (!s.equals(".") && !s.isEmpty()) {
                depth++;
            }
        }
        return null;
    }

    /**
     * Whether an absolute path written in the file lies inside one of the folders the command line
     * allowed; relative paths are never allowed outside.
     *
     * @param written the path as written
     * @param allowed the {@code --allow-outside} folders
     * @return true when {@code written} is absolute and inside one of them
     */
    public static boolean allowedOutside(String written, List<Path> allowed) {
        Path p;
        try {
            p = Path.of(written);
        } catch (InvalidPathException e) {
            return false;
        }
        if (!p.isAbsolute()) {
            return false;
        }
        Path target = p.normalize();
        for (Path folder : allowed) {
            if (target.startsWith(folder.toAbsolutePath().normalize())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The file to write for a path written in the file: inside {@code outDir} (links followed), or
     * inside an allowed folder; anything else is a {@link RunException} naming the flag.
     *
     * @param outDir the run's output folder
     * @param written the path as written in the file
     * @param allowed the {@code --allow-outside} folders (often empty)
     * @param what what the file is, for the message ("the report")
     * @return the absolute path to write
     */
    public static Path resolve(Path outDir, String written, List<Path> allowed, String what) {
        String why = outside(written);
        Path target;
        List<Path> roots;
        if (why == null) {
            target = outDir.toAbsolutePath().resolve(written).normalize();
            roots = List.of(outDir);
        } else if (allowedOutside(written, allowed)) {
            target = Path.of(written).normalize();
            roots = allowed;
        } else {
            throw new RunException(what + " `" + written + "` is " + why + ", outside the output folder " + outDir
                    + " (pass " + FLAG + " DIR to let the run write inside DIR, and write an absolute path there)");
        }
        Path real = real(target);
        for (Path root : roots) {
            if (real.startsWith(real(root.toAbsolutePath().normalize()))) {
                return target;
            }
        }
        throw new RunException(what + " `" + written + "` leads through a symbolic link to " + real
                + ", outside the folder it must stay in");
    }

    /** The path with links resolved as far as it exists; the part that does not exist yet is appended. */
    private static Path real(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p)).normalize();
        } catch (IOException e) {
            // A dangling link: it leads nowhere we can vouch for.
            throw new RunException("cannot follow " + existing + ": " + e.getMessage(), e);
        }
    }
}
