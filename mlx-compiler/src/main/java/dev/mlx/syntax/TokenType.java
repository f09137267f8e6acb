package dev.mlx.syntax;

import dev.mlx.syntax.grammar.MlxLexer;

/**
 * Every token type of the lexer (grammar/MlxLexer.g4), named and ordered as the lexer names them,
 * each with the {@link Tok.Kind} of token it is. The formatter and the language server match tokens
 * by these constants, never by ANTLR's numbers or by name strings, so they need no ANTLR and a
 * renamed token breaks their build instead of silently never matching. TokenTypeTest holds this
 * list equal to the lexer's vocabulary; a token added to the lexer and not here stops the class
 * from loading.
 */
public enum TokenType {
    // blocks
    EXPERIMENT, PARAMS, SCOPE, DATA, REVIEW, CHECKS, FEATURES, INSPECT, MODELS, EVALUATE, EXPLAIN, DEPLOY,
    FEEDBACK, REPORT,
    // statements and options
    TASK, TARGET, POSITIVE, METRIC, REQUIRE, LATENCY, RETRAIN, EVERY, WHEN, DRIFT, OR, AND, NOT, ON, SOURCE,
    CSV, JDBC, PARQUET, JSONL, QUERY, DELIMITER, ID, TYPES, MISSING, SPLIT, HOLDOUT, STRATIFIED, SEED, ORDERED, BY,
    SUMMARY,
    OUTLIERS, PLOT, CORRELATIONS, BALANCE, QUANTILES, SAMPLE, ROWS, IN, UNIQUE, WARN, FAIL, DROP, DERIVE,
    ALL, EXCEPT, WITH, TO, TOP, MAX, MIN, NGRAMS, INTO, NO, NONE, CONSTANT, DUPLICATES, LEAKAGE, BELOW, COVERAGE, TUNE, TRIALS,
    SEARCH, LOG, CV, FOLDS, METRICS, SELECT, BEST, SIMPLEST, WITHIN, SLICES, IMPORTANCE, LIME, EXAMPLES, ROW,
    UNCERTAIN, DEPENDENCE, EXPORT, SERVE, PORT, UNKNOWN, STORE, ABTEST, VS, STICKY, SHADOW, ONLINE, WINDOW,
    DESCRIBE, LEARNING, CURVE, KPI, INTENDED, USE, LIMITATION, TRUE, FALSE,
    // units
    MS(Tok.Kind.UNIT), SECONDS(Tok.Kind.UNIT), MINUTES(Tok.Kind.UNIT), HOURS(Tok.Kind.UNIT), DAYS(Tok.Kind.UNIT),
    WEEKS(Tok.Kind.UNIT),
    // punctuation and operators
    LBRACE(Tok.Kind.PUNCTUATION), RBRACE(Tok.Kind.PUNCTUATION), LPAREN(Tok.Kind.PUNCTUATION),
    RPAREN(Tok.Kind.PUNCTUATION), LBRACK(Tok.Kind.PUNCTUATION), RBRACK(Tok.Kind.PUNCTUATION),
    COMMA(Tok.Kind.PUNCTUATION), COLON(Tok.Kind.PUNCTUATION), SEMI(Tok.Kind.PUNCTUATION),
    DOTDOT(Tok.Kind.OPERATOR), ARROW(Tok.Kind.OPERATOR), EQEQ(Tok.Kind.OPERATOR), NEQ(Tok.Kind.OPERATOR),
    LE(Tok.Kind.OPERATOR), GE(Tok.Kind.OPERATOR), LT(Tok.Kind.OPERATOR), GT(Tok.Kind.OPERATOR),
    ASSIGN(Tok.Kind.OPERATOR), PLUS(Tok.Kind.OPERATOR), MINUS(Tok.Kind.OPERATOR), STAR(Tok.Kind.OPERATOR),
    SLASH(Tok.Kind.OPERATOR), PERCENT(Tok.Kind.OPERATOR),
    // literals and names
    NUMBER(Tok.Kind.NUMBER), STRING(Tok.Kind.STRING), UNTERMINATED_STRING(Tok.Kind.STRING),
    QUOTED_NAME(Tok.Kind.QUOTED_NAME), UNTERMINATED_NAME(Tok.Kind.QUOTED_NAME), VARIABLE(Tok.Kind.VARIABLE),
    IDENT(Tok.Kind.NAME),
    // layout and what the lexer could not read
    LINE_COMMENT(Tok.Kind.COMMENT), NL(Tok.Kind.NEWLINE), WS(Tok.Kind.WHITESPACE), SINGLE_QUOTED(Tok.Kind.BAD),
    BAD_CHAR(Tok.Kind.BAD);

    private final Tok.Kind kind;

    TokenType() {
        this(Tok.Kind.KEYWORD);
    }

    TokenType(Tok.Kind kind) {
        this.kind = kind;
    }

    /** What sort of token this is: a keyword, a name, a number, punctuation... */
    public Tok.Kind kind() {
        return kind;
    }

    /** Indexed by the lexer's token type; matched by name, so the order here cannot mislead it. */
    private static final TokenType[] BY_LEXER_TYPE = byLexerType();

    private static TokenType[] byLexerType() {
        int max = MlxLexer.VOCABULARY.getMaxTokenType();
        TokenType[] out = new TokenType[max + 1];
        for (int type = 1; type <= max; type++) {
            String name = MlxLexer.VOCABULARY.getSymbolicName(type);
            try {
                out[type] = valueOf(name);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalStateException("internal error: lexer token " + name + " (type " + type
                        + ") has no TokenType constant; add it to dev.mlx.syntax.TokenType", e);
            }
        }
        return out;
    }

    /** The constant for one of the lexer's token types (never EOF: the token lists leave it out). */
    static TokenType of(int lexerType) {
        if (lexerType < 1 || lexerType >= BY_LEXER_TYPE.length) {
            throw new IllegalArgumentException("internal error: no lexer token type " + lexerType);
        }
        return BY_LEXER_TYPE[lexerType];
    }
}
