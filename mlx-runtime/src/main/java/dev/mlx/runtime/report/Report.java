package dev.mlx.runtime.report;

import java.util.List;

/**
 * The report model: everything the page shows, already worded and laid out, built from run.json by
 * {@link ReportBuilder}. The templates only walk it. Twelve sections, in workflow order.
 *
 * @param title     the experiment's name
 * @param question  the question it answers (may be null)
 * @param status    run.json's status
 * @param tone      {@code pass} or {@code fail}: the colour of the verdict
 * @param mlx       the mlx version that produced the run
 * @param sections  the sections in page order
 */
public record Report(String title, String question, String status, String tone, String mlx, List<Section> sections) {
    public Report {
        sections = List.copyOf(sections);
    }

    /** One section: its anchor, heading, a one-line summary for the nav and the reader in a hurry, and its blocks. */
    public record Section(String id, String title, String summary, List<Block> blocks) {
        public Section {
            blocks = List.copyOf(blocks);
        }
    }

    /** A piece of a section, drawn by the template macro of its {@code kind}. */
    public sealed interface Block permits Prose, Facts, Heading, Code, Figures, Details, TableBlock, ChartBlock, Marked, Bullets {
        String kind();
    }

    /** A paragraph; tone "" (plain), {@code note}, {@code pass}, {@code warn} or {@code fail}. */
    public record Prose(String text, String tone) implements Block {
        public String kind() {
            return "prose";
        }
    }

    /** A label and its value; tone as for {@link Prose}, {@code mono} for hashes and paths. */
    public record Fact(String label, String value, String tone) {
    }

    /** Key figures as a grid of tiles ({@code big}) or a definition list. */
    public record Facts(List<Fact> facts, boolean big) implements Block {
        public Facts {
            facts = List.copyOf(facts);
        }

        public String kind() {
            return "facts";
        }
    }

    /** A bulleted list of short statements, each drawn like {@link Prose}'s text. */
    public record Bullets(List<String> items) implements Block {
        public Bullets {
            items = List.copyOf(items);
        }

        public String kind() {
            return "bullets";
        }
    }

    public record Heading(String text) implements Block {
        public String kind() {
            return "heading";
        }
    }

    /** Verbatim text: a command, the .mlx source, JSON. */
    public record Code(String title, String text) implements Block {
        public String kind() {
            return "code";
        }
    }

    /** Charts side by side (they wrap on narrow screens). */
    public record Figures(List<Chart> charts) implements Block {
        public Figures {
            charts = List.copyOf(charts);
        }

        public String kind() {
            return "figures";
        }
    }

    /** Blocks folded under a summary line, open or closed. */
    public record Details(String summary, boolean open, List<Block> blocks) implements Block {
        public Details {
            blocks = List.copyOf(blocks);
        }

        public String kind() {
            return "details";
        }
    }

    public record TableBlock(Table table) implements Block {
        public String kind() {
            return "table";
        }
    }

    /** A piece of free text; tone {@code pos} or {@code neg} marks a word that pushed a prediction, with its weight in {@code title}. */
    public record Mark(String text, String tone, String title) {
    }

    /** Free text with the words that mattered marked: a text column of an explained row. */
    public record Marked(String title, List<Mark> marks) implements Block {
        public Marked {
            marks = List.copyOf(marks);
        }

        public String kind() {
            return "marked";
        }
    }

    /** One chart across the width. */
    public record ChartBlock(Chart chart) implements Block {
        public String kind() {
            return "chart";
        }
    }
}
