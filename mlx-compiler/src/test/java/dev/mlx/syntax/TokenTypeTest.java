package dev.mlx.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.syntax.grammar.MlxLexer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link TokenType} is the lexer's vocabulary for code that must not see ANTLR (the formatter, the
 * language server): the same names, in the same order, each mapped to its own lexer token.
 */
class TokenTypeTest {

    @Test
    void theConstantsAreTheLexersVocabulary() {
        List<String> vocabulary = new ArrayList<>();
        for (int type = 1; type <= MlxLexer.VOCABULARY.getMaxTokenType(); type++) {
            vocabulary.add(MlxLexer.VOCABULARY.getSymbolicName(type));
        }
        List<String> constants = Arrays.stream(TokenType.values()).map(Enum::name).toList();
        assertEquals(vocabulary, constants);
    }

    @Test
    void eachLexerTypeMapsToTheConstantOfItsName() {
        for (int type = 1; type <= MlxLexer.VOCABULARY.getMaxTokenType(); type++) {
            assertEquals(MlxLexer.VOCABULARY.getSymbolicName(type), TokenType.of(type).name());
        }
        assertSame(TokenType.COMMA, TokenType.of(MlxLexer.COMMA));
        assertSame(TokenType.BAD_CHAR, TokenType.of(MlxLexer.BAD_CHAR));
    }

    /** Words are keywords or units, symbols punctuation or operators, and the rest neither. */
    @Test
    void kindsFollowWhatTheLexerMatches() {
        Set<String> units = Set.of("MS", "SECONDS", "MINUTES", "HOURS", "DAYS", "WEEKS");
        for (TokenType t : TokenType.values()) {
            int type = Arrays.asList(TokenType.values()).indexOf(t) + 1;
            String literal = MlxLexer.VOCABULARY.getLiteralName(type);
            Tok.Kind kind = t.kind();
            if (units.contains(t.name())) {
                assertEquals(Tok.Kind.UNIT, kind, t.name());
            } else if (literal != null && Character.isLetter(literal.charAt(1))) {
                assertEquals(Tok.Kind.KEYWORD, kind, t.name());
            } else if (literal != null) {
                assertTrue(kind == Tok.Kind.PUNCTUATION || kind == Tok.Kind.OPERATOR, t.name() + " is " + kind);
            } else {
                assertTrue(kind != Tok.Kind.KEYWORD && kind != Tok.Kind.PUNCTUATION && kind != Tok.Kind.OPERATOR,
                        t.name() + " is " + kind);
            }
        }
    }

    @Test
    void lexedTokensCarryTheirType() {
        List<TokenType> types = Parsing.lex("cv 5 folds, `a b` -> x // note\n").stream().map(Tok::type).toList();
        assertEquals(List.of(TokenType.CV, TokenType.WS, TokenType.NUMBER, TokenType.WS, TokenType.FOLDS,
                TokenType.COMMA, TokenType.WS, TokenType.QUOTED_NAME, TokenType.WS, TokenType.ARROW, TokenType.WS,
                TokenType.IDENT, TokenType.WS, TokenType.LINE_COMMENT, TokenType.NL), types);
    }
}
