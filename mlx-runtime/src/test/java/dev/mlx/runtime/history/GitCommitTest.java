package dev.mlx.runtime.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit of the work tree that holds a .mlx file, read from .git without a git program. */
class GitCommitTest {
    static final String A = "0123456789abcdef0123456789abcdef01234567";
    static final String B = "89abcdef0123456789abcdef0123456789abcdef";

    @Test
    void aBranchsLooseRefFromAFolderDeepInTheTree(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve(".git/refs/heads"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(dir.resolve(".git/refs/heads/main"), A + "\n");
        Path deep = Files.createDirectories(dir.resolve("examples/cars"));
        assertEquals(A, GitCommit.of(deep));
    }

    @Test
    void aPackedRefADetachedHeadAndABranchWithoutCommits(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/topic\n");
        Files.writeString(dir.resolve(".git/packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n" + B
                + " refs/heads/other\n" + A + " refs/heads/topic\n");
        assertEquals(A, GitCommit.of(dir));
        Files.writeString(dir.resolve(".git/HEAD"), B + "\n");
        assertEquals(B, GitCommit.of(dir));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/fresh\n");
        assertNull(GitCommit.of(dir));
    }

    @Test
    void aLinkedWorkTreeReadsItsHeadAndTheCommonRefs(@TempDir Path dir) throws Exception {
        Path common = Files.createDirectories(dir.resolve("main/.git/refs/heads"));
        Files.writeString(common.resolve("feature"), B + "\n");
        Path wtGit = Files.createDirectories(dir.resolve("main/.git/worktrees/wt"));
        Files.writeString(wtGit.resolve("HEAD"), "ref: refs/heads/feature\n");
        Files.writeString(wtGit.resolve("commondir"), "../..\n");
        Path wt = Files.createDirectories(dir.resolve("wt"));
        Files.writeString(wt.resolve(".git"), "gitdir: " + wtGit + "\n");
        assertEquals(B, GitCommit.of(wt));
    }

    @Test
    void noWorkTreeOrABrokenOneIsNull(@TempDir Path dir) throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        String found = GitCommit.of(plain);
        // the temporary folder may itself sit inside a work tree; whatever is found is a commit
        assertEquals(true, found == null || found.matches("[0-9a-f]{40}"));
        Path broken = Files.createDirectories(dir.resolve("broken/.git"));
        Files.writeString(broken.resolve("HEAD"), "not a ref\n");
        assertNull(GitCommit.of(dir.resolve("broken")));
    }
}
