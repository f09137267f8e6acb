package dev.mlx.syntax;

import dev.mlx.source.Span;

/**
 * A lexed token as the rest of the compiler sees it, without ANTLR types: the formatter, the
 * language server and the editor-grammar tests work from these. {@code type} says exactly which
 * token of the lexer it is ({@link TokenType#COMMA}); {@link #kind} the sort of token, for layout
 * and highlighting.
 */
public record Tok(TokenType type, String text, Span span) {
    /** The sort of token, as editors colour them. */
    public enum Kind {
        KEYWORD, UNIT, NAME, QUOTED_NAME, NUMBER, STRING, VARIABLE, PUNCTUATION, OPERATOR, COMMENT, NEWLINE,
        WHITESPACE, BAD
    }

    public Kind kind() {
        return type.kind();
    }

    public boolean is(TokenType t) {
        return type == t;
    }
}
