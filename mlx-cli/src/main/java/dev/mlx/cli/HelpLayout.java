package dev.mlx.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;

/**
 * Help text wrapped between words. picocli breaks lines where the JDK's line breaker may, which
 * splits {@code run.json} after its dot; here every section is laid out on one long line per entry
 * and then wrapped at spaces only, continuation lines indented under the entry's description.
 */
final class HelpLayout {
    static final int WIDTH = 80;
    private static final int UNWRAPPED = 10_000;
    private static final String USAGE = "Usage: ";

    private HelpLayout() {
    }

    /** Applies the layout to {@code cl} and every subcommand under it; help is never coloured. */
    static void install(CommandLine cl) {
        cl.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        cl.getCommandSpec().usageMessage().width(UNWRAPPED);
        Map<String, IHelpSectionRenderer> sections = cl.getHelpSectionMap();
        for (Map.Entry<String, IHelpSectionRenderer> e : List.copyOf(sections.entrySet())) {
            IHelpSectionRenderer original = e.getValue();
            // The synopsis follows its heading ("Usage: ") on the same line: wrapped as one line with it.
            sections.put(e.getKey(), e.getKey().equals(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS)
                    ? help -> wrap(USAGE + original.render(help)).substring(USAGE.length())
                    : help -> wrap(original.render(help)));
        }
        cl.setHelpSectionMap(sections);
        for (CommandLine sub : cl.getSubcommands().values()) {
            install(sub);
        }
    }

    /** Every line of {@code text} wrapped at spaces to {@link #WIDTH} columns. */
    static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            wrapLine(lines[i], out);
        }
        return out.toString();
    }

    private static void wrapLine(String line, StringBuilder out) {
        String stripped = line.stripTrailing();
        if (stripped.length() <= WIDTH) {
            out.append(line);
            return;
        }
        int indent = indent(stripped);
        List<String> words = new ArrayList<>(List.of(stripped.substring(indent).trim().split(" +")));
        String head = stripped.substring(0, indent);
        StringBuilder current = new StringBuilder(head);
        boolean empty = true;
        for (String w : words) {
            if (!empty && current.length() + 1 + w.length() > WIDTH) {
                out.append(current).append('\n');
                current = new StringBuilder(" ".repeat(indent));
                empty = true;
            }
            if (!empty) {
                current.append(' ');
            }
            current.append(w);
            empty = false;
        }
        out.append(current);
    }

    /**
     * Where a continuation line starts: under the description of an option or command (after the
     * label and the gap of two or more spaces that follows it), under the first argument of a usage
     * line, or under the first character of a paragraph.
     */
    static int indent(String line) {
        int lead = 0;
        while (lead < line.length() && line.charAt(lead) == ' ') {
            lead++;
        }
        if (line.startsWith(USAGE)) {
            int firstArgument = line.indexOf(" [");
            return firstArgument > 0 && firstArgument < WIDTH / 2 ? firstArgument + 1 : USAGE.length();
        }
        int gap = line.indexOf("  ", lead);
        if (lead > 0 && gap > 0 && gap < WIDTH / 2) {
            int start = gap;
            while (start < line.length() && line.charAt(start) == ' ') {
                start++;
            }
            if (start < WIDTH / 2) {
                return start;
            }
        }
        return lead;
    }
}
