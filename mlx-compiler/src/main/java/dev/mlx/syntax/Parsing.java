package dev.mlx.syntax;

import dev.mlx.ast.ExperimentNode;
import dev.mlx.diag.Code;
import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.DiagnosticSink;
import dev.mlx.source.SourceFile;
import dev.mlx.source.Span;
import dev.mlx.syntax.grammar.MlxLexer;
import dev.mlx.syntax.grammar.MlxParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * The one entry point into parsing: text in, syntax tree and tokens out, syntax errors into the
 * sink. Never throws on bad input. Runs a lexical pass (bad characters, unterminated strings), a
 * brace pass (which block was left open), then the parser in fast SLL mode, falling back to full
 * LL with error reporting only when SLL fails.
 */
public final class Parsing {
    private Parsing() {
    }

    /** The tree (null when even the header is unreadable) and every token, comments included. */
    public record Result(ExperimentNode experiment, List<Tok> tokens, boolean hasSyntaxErrors, boolean bracesBroken) {
    }

    public static Result parse(SourceFile file, DiagnosticSink sink) {
        return parseWithTree(file, sink).result();
    }

    /** What {@link #parse} returns, with the parse tree the AST was built from (null when none was). */
    record Parsed(Result result, MlxParser.FileContext tree) {
    }

    /** {@link #parse}, keeping the parse tree: the tests hold the AST to it. */
    static Parsed parseWithTree(SourceFile file, DiagnosticSink sink) {
        CommonTokenStream stream = tokenStream(file.text());
        List<Token> all = stream.getTokens();

        List<Diagnostic> lexical = lexicalErrors(file, all);
        Diagnostic deep = nestingError(file, all);
        if (deep == null) {
            deep = operatorError(file, all);
        }
        if (deep != null) {
            // Parsing this would only exhaust the stack; no real experiment nests this deep.
            lexical.forEach(sink::report);
            sink.report(deep);
            return new Parsed(new Result(null, tokens(all), true, true), null);
        }
        Diagnostic braces = braceError(file, all);

        MlxParser parser = new MlxParser(stream);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        MlxParser.FileContext tree;
        SyntaxErrors errors = new SyntaxErrors(file);
        try {
            tree = parser.file();
        } catch (ParseCancellationException e) {
            stream.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new StatementRecovery());
            parser.addErrorListener(errors);
            tree = parser.file();
        }

        List<Diagnostic> candidates = new ArrayList<>(lexical);
        int cutoff = braces == null ? Integer.MAX_VALUE : braces.span().start();
        for (Diagnostic d : errors.diagnostics()) {
            // After an unclosed or stray brace, later parse errors are its echoes.
            if (d.span().start() < cutoff) {
                candidates.add(d);
            }
        }
        List<Diagnostic> out = firstPerLine(file, candidates);
        boolean unterminated = all.stream().anyMatch(t -> t.getType() == MlxLexer.UNTERMINATED_STRING
                || t.getType() == MlxLexer.UNTERMINATED_NAME);
        if (braces != null && !unterminated) { // an open string swallows braces: the brace error would be its echo
            out.add(braces);
        }
        out.forEach(sink::report);

        ExperimentNode ast = null;
        try {
            ast = new AstBuilder().build(tree);
        } catch (RuntimeException e) {
            if (out.isEmpty()) {
                throw e; // a clean parse must build; anything else is a bug
            }
        }
        return new Parsed(new Result(ast, tokens(all), !out.isEmpty(), braces != null), tree);
    }

    /** One root cause per line: the leftmost error on a line explains the rest of it. */
    private static List<Diagnostic> firstPerLine(SourceFile file, List<Diagnostic> all) {
        java.util.TreeMap<Integer, Diagnostic> byLine = new java.util.TreeMap<>();
        for (Diagnostic d : all) {
            int line = file.line(d.span().start());
            Diagnostic seen = byLine.get(line);
            if (seen == null || d.span().start() < seen.span().start()) {
                byLine.put(line, d);
            }
        }
        return new ArrayList<>(byLine.values());
    }

    /**
     * A char stream indexed in UTF-16 units, so token offsets are the spans the rest of the
     * compiler (and LSP clients) use. CharStreams.fromString would index by code point and shift
     * every span after an emoji. Supplementary letters in bare names are the price: quote them.
     */
    @SuppressWarnings("deprecation")
    private static org.antlr.v4.runtime.CharStream utf16(String text) {
        return new org.antlr.v4.runtime.ANTLRInputStream(text);
    }

    /** Tokens only, for the formatter and editors: no parse, no diagnostics. */
    public static List<Tok> lex(String text) {
        return tokens(tokenStream(text).getTokens());
    }

    private static CommonTokenStream tokenStream(String text) {
        MlxLexer lexer = new MlxLexer(utf16(text));
        lexer.removeErrorListeners();
        CommonTokenStream stream = new CommonTokenStream(lexer);
        stream.fill();
        return stream;
    }

    private static List<Diagnostic> lexicalErrors(SourceFile file, List<Token> tokens) {
        List<Diagnostic> out = new ArrayList<>();
        for (Token t : tokens) {
            Span s = AstBuilder.tokenSpan(t);
            switch (t.getType()) {
                case MlxLexer.BAD_CHAR -> out.add(Diagnostic.error(Code.MLX0104,
                                "unexpected character `" + printable(t.getText()) + "`").file(file)
                        .primary(s, "not part of the language")
                        .help(t.getText().equals("'") ? "strings are written in double quotes: \"text\""
                                : t.getText().equals("#") ? "comments start with `//`"
                                : "names with unusual characters are written in backticks: `my column`")
                        .build());
                case MlxLexer.SINGLE_QUOTED -> out.add(Diagnostic.error(Code.MLX0104,
                                "strings are written in double quotes").file(file)
                        .primary(s, "single quotes are not part of the language")
                        .help("write \"" + t.getText().substring(1, t.getText().length() - 1) + "\"")
                        .fix("use double quotes", s, "\"" + t.getText().substring(1, t.getText().length() - 1)
                                .replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                        .build());
                case MlxLexer.UNTERMINATED_STRING -> out.add(Diagnostic.error(Code.MLX0103, "unterminated string").file(file)
                        .primary(new Span(s.start(), s.start() + 1), "this string is never closed")
                        .help("close it with `\"` before the end of the line")
                        .build());
                case MlxLexer.UNTERMINATED_NAME -> out.add(Diagnostic.error(Code.MLX0106, "unterminated quoted name").file(file)
                        .primary(new Span(s.start(), s.start() + 1), "this name is never closed")
                        .help("close it with a backtick before the end of the line")
                        .build());
                default -> { }
            }
        }
        return out;
    }

    static final int MAX_NESTING = 64;

    private static Diagnostic nestingError(SourceFile file, List<Token> tokens) {
        int depth = 0;
        for (Token t : tokens) {
            int type = t.getType();
            if (type == MlxLexer.LBRACE || type == MlxLexer.LPAREN || type == MlxLexer.LBRACK) {
                if (++depth > MAX_NESTING) {
                    return Diagnostic.error(Code.MLX0101, "brackets nest deeper than " + MAX_NESTING + " levels").file(file)
                            .primary(AstBuilder.tokenSpan(t), "too deep")
                            .note("an experiment never needs more than a few levels of `{`, `(` and `[`")
                            .build();
                }
            } else if (type == MlxLexer.RBRACE || type == MlxLexer.RPAREN || type == MlxLexer.RBRACK) {
                depth = Math.max(0, depth - 1);
            }
        }
        // Long operator chains (a - - - - b) recurse too: bound the run of unary minus signs.
        int run = 0;
        for (Token t : tokens) {
            if (t.getType() == MlxLexer.MINUS) {
                if (++run > MAX_NESTING) {
                    return Diagnostic.error(Code.MLX0101, "more than " + MAX_NESTING + " signs in a row").file(file)
                            .primary(AstBuilder.tokenSpan(t), "too many").build();
                }
            } else if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                run = 0;
            }
        }
        return null;
    }

    /** The most operators one statement's expressions may hold; see {@link #operatorError}. */
    static final int MAX_OPERATORS = 256;

    /**
     * An expression is a tree as deep as its operator chain ({@code a + a + a} nests to the left), and
     * every stage after the parser (syntax tree, checker, planner, generated Java and javac) walks it
     * recursively. Bounding the operators of one statement bounds that depth for all of them at once.
     * Expressions never span lines, so a statement ends at a line break, a {@code ;} or a brace.
     */
    private static Diagnostic operatorError(SourceFile file, List<Token> tokens) {
        int count = 0;
        for (Token t : tokens) {
            switch (t.getType()) {
                case MlxLexer.PLUS, MlxLexer.MINUS, MlxLexer.STAR, MlxLexer.SLASH -> {
                    if (++count > MAX_OPERATORS) {
                        return Diagnostic.error(Code.MLX0101, "an expression with more than " + MAX_OPERATORS
                                        + " operators").file(file)
                                .primary(AstBuilder.tokenSpan(t), "operator " + count)
                                .note("the compiler and the generated Java handle expressions of up to " + MAX_OPERATORS
                                        + " operators")
                                .help("split it into several `derive` steps, each using the one before")
                                .build();
                    }
                }
                case MlxLexer.NL, MlxLexer.SEMI, MlxLexer.LBRACE, MlxLexer.RBRACE -> count = 0;
                default -> { }
            }
        }
        return null;
    }

    private static String printable(String s) {
        int cp = s.codePointAt(0);
        return Character.isISOControl(cp) ? String.format("\\u%04x", cp) : s;
    }

    /**
     * Finds an unclosed or stray brace. When a `}` sits left of the line that opened the block it
     * closes, that block is the likely one missing its `}` (the way a reader sees it).
     */
    private static Diagnostic braceError(SourceFile file, List<Token> tokens) {
        Deque<Token> open = new ArrayDeque<>();
        Token suspect = null;
        for (Token t : tokens) {
            if (t.getType() == MlxLexer.LBRACE) {
                open.push(t);
            } else if (t.getType() == MlxLexer.RBRACE) {
                if (open.isEmpty()) {
                    return Diagnostic.error(Code.MLX0105, "unmatched `}`").file(file)
                            .primary(AstBuilder.tokenSpan(t), "nothing to close here")
                            .help("remove this `}` or add the `{` it was meant to close")
                            .build();
                }
                Token opened = open.pop();
                if (suspect == null && startsLine(file, t)
                        && indent(file, t.getStartIndex()) < indent(file, opened.getStartIndex())) {
                    suspect = opened;
                }
            }
        }
        if (open.isEmpty()) {
            return null;
        }
        Token unclosed = suspect != null ? suspect : open.peek();
        Token owner = ownerKeyword(tokens, unclosed);
        String what = owner == null ? "this block" : "`" + owner.getText() + "`";
        Span eof = new Span(file.text().length(), file.text().length());
        Diagnostic.Builder b = Diagnostic.error(Code.MLX0102, "block " + what + " is never closed").file(file)
                .primary(AstBuilder.tokenSpan(unclosed), "this `{` has no matching `}`");
        if (owner != null) {
            b.secondary(AstBuilder.tokenSpan(owner), "the block opened here");
        }
        b.help("add `}` at the end of " + what + (suspect != null ? ", before the next block starts" : ""));
        if (suspect == null) {
            b.fix("add `}` at the end of the file", eof, "\n}");
        }
        return b.build();
    }

    private static Token ownerKeyword(List<Token> tokens, Token brace) {
        int line = brace.getLine();
        Token first = null;
        for (int i = brace.getTokenIndex() - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.getLine() != line) {
                break;
            }
            if (t.getChannel() == Token.DEFAULT_CHANNEL && t.getType() != MlxLexer.NL) {
                first = t;
            }
        }
        return first;
    }

    /** Whether only blanks precede the token on its line; scans back over them only, not the whole line. */
    private static boolean startsLine(SourceFile file, Token t) {
        String text = file.text();
        int lineStart = file.lineStart(file.line(t.getStartIndex()));
        for (int i = t.getStartIndex() - 1; i >= lineStart; i--) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The blanks that start the offset's line, read up to the offset at most (long lines stay linear). */
    private static int indent(SourceFile file, int offset) {
        String text = file.text();
        int start = file.lineStart(file.line(offset));
        int i = start;
        while (i < offset && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i - start;
    }

    private static List<Tok> tokens(List<Token> all) {
        List<Tok> out = new ArrayList<>(all.size());
        for (Token t : all) {
            if (t.getType() == Token.EOF) {
                continue;
            }
            out.add(new Tok(TokenType.of(t.getType()), t.getText(), AstBuilder.tokenSpan(t)));
        }
        return out;
    }

    /** Every keyword of the lexer, as written: the editor grammars are tested against this list. */
    public static List<String> keywords() {
        List<String> out = new ArrayList<>();
        for (int t = 1; t <= MlxLexer.VOCABULARY.getMaxTokenType(); t++) {
            String lit = MlxLexer.VOCABULARY.getLiteralName(t);
            if (lit != null && Character.isLetter(lit.charAt(1)) && TokenType.of(t).kind() == Tok.Kind.KEYWORD) {
                out.add(lit.substring(1, lit.length() - 1));
            }
        }
        return out;
    }

    /** Unit words (`ms`, `days`...), including alternatives the lexer accepts. */
    public static List<String> unitWords() {
        return List.of("ms", "s", "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks");
    }
}
