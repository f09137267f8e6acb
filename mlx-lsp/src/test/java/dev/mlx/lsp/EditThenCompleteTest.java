package dev.mlx.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Completion asked the moment after an edit, with no pause, as editors ask it while one types: the
 * answer comes from the text as edited, whether or not the check of that text has run yet.
 */
class EditThenCompleteTest {
    @TempDir
    Path dir;

    @Test
    void completionRightAfterEachKeystrokeAnswersFromTheLatestText() throws Exception {
        Files.writeString(dir.resolve("customers.csv"), "customer_id,age,monthly fee,plan,churned\n1,30,10.5,basic,yes\n"
                + "2,,20.25,pro,no\n3,45,15,basic,no\n4,52,30,family,yes\n", StandardCharsets.UTF_8);
        String text = """
                experiment churn "Which customers will cancel?" {
                  scope {
                    task classification
                    target churned
                  }
                  data {
                    source csv "customers.csv"
                    id customer_id
                  }
                  features {
                    impute age with median
                  }
                }
                """;
        Path file = dir.resolve("churn.mlx");
        Files.writeString(file, text);
        String uri = file.toUri().toString();
        MlxLanguageServer server = new MlxLanguageServer("test");
        InitializeParams init = new InitializeParams();
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "work"))); // data is read inside it
        server.initialize(init).get(30, TimeUnit.SECONDS);
        TextDocumentService docs = server.getTextDocumentService();
        docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "mlx", 1, text)));
        int line = 11; // the blank end of the features block: `  }` is line 11, typed in front of it
        String typed = "    standardize ";
        int version = 1;
        for (int round = 0; round < 5; round++) {
            // Type the statement one character at a time, asking for completion after every keystroke.
            for (int i = 0; i < typed.length(); i++) {
                version++;
                TextDocumentContentChangeEvent change = new TextDocumentContentChangeEvent(
                        new Range(new Position(line, i), new Position(line, i)), String.valueOf(typed.charAt(i)));
                docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), List.of(change)));
            }
            List<String> labels = labels(docs, uri, new Position(line, typed.length()));
            assertEquals(List.of("age", "monthly fee", "all"), labels, "round " + round + ": the columns standardize takes");
            // Then a line break, so the next round types a fresh statement.
            version++;
            docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version),
                    List.of(new TextDocumentContentChangeEvent(new Range(new Position(line, typed.length()),
                            new Position(line, typed.length())), "age\n"))));
            line++;
        }
        server.shutdown().get(10, TimeUnit.SECONDS);
    }

    private static List<String> labels(TextDocumentService docs, String uri, Position at) throws Exception {
        var result = docs.completion(new CompletionParams(new TextDocumentIdentifier(uri), at)).get(30, TimeUnit.SECONDS);
        List<CompletionItem> items = result.isLeft() ? result.getLeft() : result.getRight().getItems();
        return items.stream().map(CompletionItem::getLabel).toList();
    }
}
