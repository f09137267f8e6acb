package dev.mlx.syntax;

import dev.mlx.source.Span;

/**
 * A lexed token as the rest of the compiler sees it, without ANTLR types: the formatter, the
 * language server and the editor-grammar tests work from these.
 */
public record Tok(Kind kind, String symbol, String text, Span span) {
    public enum Kind {
        KEYWORD, UNIT, NAME, QUOTED_NAME, NUMBER, STRING, VARIABLE, PUNCTUATION, OPERATOR, COMMENT, NEWLINE,
        WHITESPACE, BAD
    }

    public boolean is(String sym) {
        return symbol.equals(sym);
    }
}
