package dev.mlx.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlxFilesTest {
    @TempDir
    Path root;

    private List<String> found(List<String> includes, List<String> excludes) throws IOException {
        return new MlxFiles(root, includes, excludes).find().stream()
                .map(p -> MlxFiles.slashed(root.relativize(p))).toList();
    }

    private void touch(String... names) throws IOException {
        for (String name : names) {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "");
        }
    }

    @Test
    void byDefaultEveryMlxFileAtAnyDepthSorted() throws IOException {
        touch("zeta.mlx", "alpha.mlx", "churn/churn.mlx", "churn/data/notes.txt", "drafts/old.mlx.bak");
        assertEquals(List.of("alpha.mlx", "churn/churn.mlx", "zeta.mlx"), found(List.of(), List.of()));
    }

    @Test
    void excludesWinOverIncludes() throws IOException {
        touch("alpha.mlx", "drafts/wip.mlx", "drafts/deep/wip2.mlx", "churn/churn.mlx");
        assertEquals(List.of("alpha.mlx", "churn/churn.mlx"), found(List.of(), List.of("drafts/")));
        assertEquals(List.of("churn/churn.mlx", "drafts/deep/wip2.mlx", "drafts/wip.mlx"),
                found(List.of(), List.of("alpha.mlx")));
    }

    @Test
    void includesNarrowTheSearch() throws IOException {
        touch("alpha.mlx", "churn/churn.mlx", "churn/churn-small.mlx", "other/other.mlx");
        assertEquals(List.of("churn/churn-small.mlx", "churn/churn.mlx"), found(List.of("churn/*.mlx"), List.of()));
        assertEquals(List.of("churn/churn-small.mlx"), found(List.of("**/*-small.mlx"), List.of()));
        assertEquals(List.of("alpha.mlx"), found(List.of("*.mlx"), List.of()));
    }

    @Test
    void aMissingFolderHasNoFiles() throws IOException {
        assertEquals(List.of(), new MlxFiles(root.resolve("nowhere"), null, null).find());
    }
}
