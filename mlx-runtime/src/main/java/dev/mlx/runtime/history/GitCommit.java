package dev.mlx.runtime.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The commit checked out in the git work tree that holds a folder, read from {@code .git} itself
 * (HEAD, the loose ref it names, else {@code packed-refs}; a {@code .git} file of a linked work tree
 * or submodule is followed, and a linked work tree's refs are read from the common folder), so no
 * git program is needed. Anything unexpected gives null: the commit is a fact worth recording, never a
 * reason to stop a run.
 */
public final class GitCommit {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    private GitCommit() {
    }

    /** The commit of the work tree holding {@code folder}, or null when there is none or it cannot be read. */
    public static String of(Path folder) {
        try {
            for (Path dir = folder.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                Path dotGit = dir.resolve(".git");
                if (Files.isDirectory(dotGit)) {
                    return head(dotGit);
                }
                if (Files.isRegularFile(dotGit)) {
                    String text = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
                    return text.startsWith("gitdir:") ? head(dir.resolve(text.substring("gitdir:".length()).strip()).normalize())
                            : null;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static String head(Path gitDir) throws IOException {
        String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).strip();
        if (!head.startsWith("ref:")) {
            return SHA.matcher(head).matches() ? head : null; // a detached HEAD
        }
        String ref = head.substring("ref:".length()).strip();
        Path common = gitDir;
        Path commonFile = gitDir.resolve("commondir");
        if (Files.isRegularFile(commonFile)) {
            common = gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).strip()).normalize();
        }
        for (Path dir : new Path[] {gitDir, common}) {
            Path loose = dir.resolve(ref);
            if (Files.isRegularFile(loose)) {
                String sha = Files.readString(loose, StandardCharsets.UTF_8).strip();
                return SHA.matcher(sha).matches() ? sha : null;
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (space > 0 && line.substring(space + 1).strip().equals(ref) && SHA.matcher(line.substring(0, space)).matches()) {
                    return line.substring(0, space);
                }
            }
        }
        return null; // a branch with no commit yet
    }
}
