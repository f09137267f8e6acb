package dev.mlx.runtime.data;

import dev.mlx.runtime.base.RunException;

/**
 * A CSV file that cannot be read as it is: an unterminated quote, a row of another width than the
 * header, a byte that is not UTF-8, a runaway field. The message names the file, then the
 * {@link #detail()}, which names the physical line (1-based, as an editor shows it). The checker
 * shows the detail beside its own mention of the file; the run shows the whole message.
 */
public final class CsvException extends RunException {
    private static final long serialVersionUID = 1L;
    private final String detail;
    private final int line;

    CsvException(String file, int line, String detail) {
        super("`" + file + "`: " + detail);
        this.detail = detail;
        this.line = line;
    }

    /** What is wrong and on which line, without the file's name. */
    public String detail() {
        return detail;
    }

    /** The 1-based physical line the problem is on. */
    public int line() {
        return line;
    }
}
