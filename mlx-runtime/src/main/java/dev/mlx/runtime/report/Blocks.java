package dev.mlx.runtime.report;

import dev.mlx.runtime.report.Report.Block;
import dev.mlx.runtime.report.Report.Fact;
import dev.mlx.runtime.report.Table.Cell;
import java.util.ArrayList;
import java.util.List;

/** Small constructors for the report's blocks, so the section builders read as what the page says. */
final class Blocks {
    private Blocks() {
    }

    static Report.Prose p(String text) {
        return new Report.Prose(text, "");
    }

    static Report.Prose note(String text) {
        return new Report.Prose(text, "note");
    }

    static Report.Prose tone(String text, String tone) {
        return new Report.Prose(text, tone);
    }

    static Report.Bullets bullets(List<String> items) {
        return new Report.Bullets(items);
    }

    static Report.Heading h(String text) {
        return new Report.Heading(text);
    }

    static Fact fact(String label, String value) {
        return new Fact(label, value == null ? "—" : value, "");
    }

    static Fact fact(String label, String value, String tone) {
        return new Fact(label, value == null ? "—" : value, tone);
    }

    static Report.Facts facts(List<Fact> facts) {
        return new Report.Facts(facts, false);
    }

    static Report.Facts tiles(List<Fact> facts) {
        return new Report.Facts(facts, true);
    }

    static Report.TableBlock table(String caption, List<String> headers, List<List<Cell>> rows) {
        return new Report.TableBlock(new Table(caption, headers, rows));
    }

    static Report.ChartBlock chart(Chart c) {
        return new Report.ChartBlock(c);
    }

    static Report.Figures figures(List<Chart> charts) {
        return new Report.Figures(charts);
    }

    static Report.Details details(String summary, boolean open, List<Block> blocks) {
        return new Report.Details(summary, open, blocks);
    }

    static Report.Code code(String title, String text) {
        return new Report.Code(title, text);
    }

    /** Backticked name, as the prose of mlx writes names. */
    static String q(String name) {
        return "`" + name + "`";
    }

    static String plural(long n, String one, String many) {
        return Fmt.num((double) n) + " " + (n == 1 ? one : many);
    }

    static List<Block> list(Block... blocks) {
        List<Block> out = new ArrayList<>();
        for (Block b : blocks) {
            if (b != null) {
                out.add(b);
            }
        }
        return out;
    }

    static String status(String s) {
        return switch (s == null ? "" : s) {
            case "pass" -> "pass";
            case "warn" -> "warn";
            default -> "fail";
        };
    }
}
