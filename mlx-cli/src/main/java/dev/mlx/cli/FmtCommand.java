package dev.mlx.cli;

import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.HumanRenderer;
import dev.mlx.fmt.Formatter;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlx fmt [--check|-w] FILE...}: print, rewrite or check the canonical layout. Exit 0 when
 * fine, 1 for syntax errors or (with --check) unformatted files, 2 for unreadable files or bad flags.
 */
@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = "Format .mlx files canonically (layout only; files with syntax errors are left alone).")
public final class FmtCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "the .mlx files to format")
    List<Path> files;

    @Option(names = {"-w", "--write"}, description = "rewrite the files in place (only those that change)")
    boolean write;

    @Option(names = "--check", description = "list the files that are not formatted; exit 1 if any")
    boolean check;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (write && check) {
            err.println("error: use either --check or -w, not both");
            return Main.USAGE;
        }
        if (!write && !check && files.size() > 1) {
            // Several files concatenated on stdout are of no use to anyone.
            err.println("error: printing more than one file; use -w to rewrite them or --check to list them");
            return Main.USAGE;
        }
        HumanRenderer human = new HumanRenderer(Terminal.colourOnStderr());
        int code = Main.OK;
        for (Path path : files) {
            code = Math.max(code, formatOne(path, out, err, human));
        }
        return code;
    }

    private int formatOne(Path path, PrintWriter out, PrintWriter err, HumanRenderer human) {
        String original;
        try {
            if (Files.isDirectory(path)) {
                err.println("error: `" + path + "` is a folder, not an .mlx file");
                return Main.USAGE;
            }
            original = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println("error: cannot read `" + path + "`: no such file");
            return Main.USAGE;
        } catch (IOException e) {
            err.println("error: cannot read `" + path + "`: " + e.getMessage());
            return Main.USAGE;
        }
        // Compared with `original` below, not with SourceFile's text (which hides a byte-order mark).
        SourceFile file = new SourceFile(path.toString(), path.toAbsolutePath().normalize(), original);
        Formatter.FormatResult result = Formatter.formatChecked(file);
        if (!result.ok()) {
            for (Diagnostic d : result.errors()) {
                err.print(human.render(d));
                err.println();
            }
            err.println("error: `" + path + "` has syntax errors; not formatted");
            return Main.ERRORS;
        }
        boolean changed = !result.text().equals(original);
        if (check) {
            if (changed) {
                out.println(path);
                return Main.ERRORS;
            }
            return Main.OK;
        }
        if (!write) {
            out.print(result.text());
            return Main.OK;
        }
        if (!changed) {
            return Main.OK;
        }
        try {
            replace(path, result.text());
        } catch (IOException e) {
            err.println("error: cannot write `" + path + "`: " + e.getMessage());
            return Main.USAGE;
        }
        return Main.OK;
    }

    /** Writes beside the file, then moves over it: an interrupted write never leaves half a file. */
    private static void replace(Path path, String text) throws IOException {
        Path target = path.toAbsolutePath();
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".fmt");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the default permissions will do
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
