package dev.mlx.diag;

import dev.mlx.source.SourceFile;
import dev.mlx.source.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders a diagnostic the way rustc does: headline, location arrow, the source lines with the
 * primary span under {@code ^} and context spans under {@code -}, then notes and helps.
 */
public final class HumanRenderer {
    private final boolean color;

    public HumanRenderer(boolean color) {
        this.color = color;
    }

    public String render(Diagnostic d) {
        StringBuilder out = new StringBuilder();
        String sev = d.severity().word();
        out.append(paint(sev + "[" + d.code().name() + "]", d.isError() ? "1;31" : "1;33"))
                .append(paint(": " + d.message(), "1")).append('\n');
        SourceFile file = d.file();
        Span primary = d.span();
        if (file == null || primary == null) {
            appendTrailers(out, d, "");
            return out.toString();
        }
        List<Label> labels = new ArrayList<>(d.labels());
        labels.sort(Comparator.comparingInt((Label l) -> file.line(l.span().start()))
                .thenComparingInt(l -> l.span().start()));
        int maxLine = 0;
        for (Label l : labels) {
            maxLine = Math.max(maxLine, file.line(l.span().start()) + 1);
        }
        String gutter = " ".repeat(String.valueOf(maxLine).length());
        out.append(gutter).append(paint("--> ", "1;34")).append(file.displayPath()).append(':')
                .append(file.line(primary.start()) + 1).append(':')
                .append(file.displayColumn(primary.start())).append('\n');
        out.append(gutter).append(paint(" |", "1;34")).append('\n');
        int previousLine = -1;
        for (int i = 0; i < labels.size(); i++) {
            Label label = labels.get(i);
            int line = file.line(label.span().start());
            if (line != previousLine) {
                if (previousLine >= 0 && line > previousLine + 1) {
                    out.append(paint("...", "1;34")).append('\n');
                }
                String lineNo = String.valueOf(line + 1);
                out.append(paint(" ".repeat(gutter.length() - lineNo.length()) + lineNo + " |", "1;34"))
                        .append(expandTabs(file.lineText(line))).append('\n');
            }
            out.append(gutter).append(paint(" |", "1;34")).append(underline(file, label)).append('\n');
            previousLine = line;
        }
        out.append(gutter).append(paint(" |", "1;34")).append('\n');
        appendTrailers(out, d, gutter);
        return out.toString();
    }

    private String underline(SourceFile file, Label label) {
        int line = file.line(label.span().start());
        String text = file.lineText(line);
        int startCol = Math.min(file.column(label.span().start()), text.length());
        int endOffset = Math.min(label.span().end(), file.lineStart(line) + text.length());
        int endCol = Math.max(startCol, endOffset - file.lineStart(line));
        int padding = displayWidth(text.substring(0, startCol));
        int width = Math.max(1, displayWidth(text.substring(startCol, Math.min(endCol, text.length()))));
        String marks = (label.primary() ? "^" : "-").repeat(width);
        String painted = paint(marks + (label.message().isEmpty() ? "" : " " + label.message()),
                label.primary() ? "1;31" : "1;34");
        return " ".repeat(padding + 1) + painted;
    }

    private static int displayWidth(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += cp == '\t' ? 4 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    private static String expandTabs(String s) {
        return " " + s.replace("\t", "    ");
    }

    private void appendTrailers(StringBuilder out, Diagnostic d, String gutter) {
        for (String n : d.notes()) {
            out.append(gutter).append(paint(" = note: ", "1")).append(n).append('\n');
        }
        for (String h : d.helps()) {
            out.append(gutter).append(paint(" = help: ", "1")).append(h).append('\n');
        }
    }

    private String paint(String s, String ansi) {
        return color ? "\u001b[" + ansi + "m" + s + "\u001b[0m" : s;
    }
}
