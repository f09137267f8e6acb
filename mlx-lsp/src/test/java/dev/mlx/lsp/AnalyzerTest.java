package dev.mlx.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.check.data.DataProfile;
import dev.mlx.source.SourceFile;
import dev.mlx.syntax.Parsing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analysis behind the editor features: brace repair, the profile cache and its refresh. */
class AnalyzerTest {
    @TempDir
    Path dir;

    @Test
    void bracesAreBalancedWithoutMovingAnything() {
        String stray = "experiment x {\n  scope { task classification }\n}\n}\n";
        assertEquals("experiment x {\n  scope { task classification }\n}\n \n",
                Analyzer.balanceBraces(Parsing.lex(stray), stray));
        String open = "experiment x {\n  models {\n    cart t {";
        String fixed = Analyzer.balanceBraces(Parsing.lex(open), open);
        assertEquals(open, fixed.substring(0, open.length()));
        assertEquals(3, fixed.substring(open.length()).chars().filter(c -> c == '}').count());
        assertNull(Analyzer.balanceBraces(Parsing.lex("experiment x { scope { } }"), "experiment x { scope { } }"));
    }

    @Test
    void anUnclosedBlockStillBindsTheDataAndGivesTheTree() throws IOException {
        Files.writeString(dir.resolve("d.csv"), "a,b,y\n1,2,yes\n3,4,no\n5,6,yes\n", StandardCharsets.UTF_8);
        String text = "experiment x {\n  scope { task classification; target y }\n  data { source csv \"d.csv\" }\n"
                + "  models {\n    cart t {";
        Snapshot snap = new Snapshot(1, new SourceFile("x.mlx", dir.resolve("x.mlx"), text));
        Analysis a = new Analyzer(new ProfileStore(4, 60_000)).analyze(snap, null);
        assertTrue(a.diagnostics().stream().anyMatch(d -> d.code().name().equals("MLX0102")), a.diagnostics().toString());
        assertNull(a.result().experiment(), "the checker itself stops at the brace");
        assertNotNull(a.tree());
        assertEquals(List.of("a", "b", "y"), a.data().names());
        assertEquals(dir.resolve("d.csv"), a.dataFile());
    }

    @Test
    void profilesAreReusedUntilTheFileChangesOnDisk() throws IOException {
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, "a,y\n1,yes\n2,no\n", StandardCharsets.UTF_8);
        ProfileStore store = new ProfileStore(4, 60_000);
        Analyzer analyzer = new Analyzer(store);
        String text = "experiment x {\n  scope { task classification; target y }\n  data { source csv \"d.csv\" }\n}\n";
        SourceFile file = new SourceFile("x.mlx", dir.resolve("x.mlx"), text);
        Analysis first = analyzer.analyze(new Snapshot(1, file), null);
        analyzer.analyze(new Snapshot(2, file), first);
        assertEquals(1, store.loads(), "the second check reads no data");
        Files.writeString(csv, "a,b,y\n1,5,yes\n2,6,no\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(csv, FileTime.fromMillis(Files.getLastModifiedTime(csv).toMillis() + 2000));
        assertTrue(!dev.mlx.check.DataFiles.stamp(csv).equals(first.dataStamp()), "the stamp sees the change");
        Analysis third = analyzer.analyze(new Snapshot(3, file), first);
        assertEquals(2, store.loads());
        assertEquals(List.of("a", "b", "y"), third.data().names());
    }

    @Test
    void aSqliteSourceGivesColumnsAndIsReadAgainWhenTheDatabaseChanges() throws Exception {
        Path db = dir.resolve("shop.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.Statement st = c.createStatement()) {
            st.execute("create table customers (id integer, spend real, churned text)");
            st.execute("insert into customers values (1, 10.5, 'yes'), (2, 20.0, 'no'), (3, 7.25, 'no')");
        }
        ProfileStore store = new ProfileStore(4, 60_000);
        Analyzer analyzer = new Analyzer(store);
        String text = "experiment x {\n  scope { task classification; target churned }\n"
                + "  data { source jdbc \"jdbc:sqlite:shop.db\" query \"select * from customers\" }\n"
                + "  features {\n    standardize \n  }\n}\n";
        SourceFile file = new SourceFile("x.mlx", dir.resolve("x.mlx"), text);
        Snapshot snap = new Snapshot(1, file);
        Analysis first = analyzer.analyze(snap, null);
        assertEquals(db, first.dataFile());
        int offset = text.indexOf("standardize ") + "standardize ".length();
        List<String> labels = Completions.at(file, offset, snap, Facts.of(first.tree(), first.data()), false).stream()
                .map(org.eclipse.lsp4j.CompletionItem::getLabel).toList();
        assertEquals(List.of("id", "spend", "all"), labels, "the numeric columns but the target, and `all` for a selector");
        analyzer.analyze(new Snapshot(2, file), first);
        assertEquals(1, store.loads());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.Statement st = c.createStatement()) {
            st.execute("alter table customers add column region text");
        }
        Files.setLastModifiedTime(db, FileTime.fromMillis(Files.getLastModifiedTime(db).toMillis() + 2000));
        Analysis third = analyzer.analyze(new Snapshot(3, file), first);
        assertEquals(2, store.loads(), "the database changed on disk");
        assertEquals(List.of("id", "spend", "churned", "region"), third.data().names());
    }

    @Test
    void theLeastRecentlyUsedProfileGoesFirst() throws Exception {
        ProfileStore store = new ProfileStore(2, 60_000);
        DataProfile p = new DataProfile("x", List.of(), 0, false);
        store.get("a", () -> p);
        store.get("b", () -> p);
        store.get("a", () -> p);
        store.get("c", () -> p);
        assertEquals(3, store.loads());
        store.get("a", () -> p);
        assertEquals(3, store.loads(), "a was used last, so b went");
        store.get("b", () -> p);
        assertEquals(4, store.loads());
    }
}
