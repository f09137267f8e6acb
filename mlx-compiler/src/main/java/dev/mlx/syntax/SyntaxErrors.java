package dev.mlx.syntax;

import dev.mlx.diag.Code;
import dev.mlx.diag.Diagnostic;
import dev.mlx.source.SourceFile;
import dev.mlx.source.Span;
import dev.mlx.syntax.grammar.MlxLexer;
import dev.mlx.syntax.grammar.MlxParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Translates ANTLR's syntax errors into sentences: what was being read, what was expected (in
 * words, never token names), what was found. At most one error per line, so one mistake does not
 * become a cascade.
 */
final class SyntaxErrors extends BaseErrorListener {
    /** What each parser rule reads, in words; ParseTreeToAstTest checks every key is a rule. */
    static final Map<String, String> CONTEXT = Map.ofEntries(
            Map.entry("file", "the file"),
            Map.entry("experiment", "the `experiment` header"),
            Map.entry("experimentBody", "the experiment's blocks"),
            Map.entry("section", "a block"),
            Map.entry("paramsBlock", "the `params` block"),
            Map.entry("paramDecl", "a parameter (`name = value`)"),
            Map.entry("scopeBlock", "the `scope` block"),
            Map.entry("scopeStmt", "a `scope` setting"),
            Map.entry("gate", "a `require` gate"),
            Map.entry("retrainPlan", "the `retrain` plan"),
            Map.entry("dataBlock", "the `data` block"),
            Map.entry("dataStmt", "a `data` setting"),
            Map.entry("typesBlock", "the `types` list"),
            Map.entry("typeDecl", "a column type (`column: type`)"),
            Map.entry("describeBlock", "the `describe` list"),
            Map.entry("columnDoc", "a column description (`column: \"what it means\" in \"unit\"`)"),
            Map.entry("splitOption", "the `split` options"),
            Map.entry("reviewBlock", "the `review` block"),
            Map.entry("reviewStmt", "a `review` statement"),
            Map.entry("checksBlock", "the `checks` block"),
            Map.entry("checkStmt", "a check"),
            Map.entry("featuresBlock", "the `features` block"),
            Map.entry("featureStmt", "a feature transform"),
            Map.entry("selector", "a column selector (`all numeric except id`)"),
            Map.entry("transformOption", "a transform option"),
            Map.entry("inspectBlock", "the `inspect` block"),
            Map.entry("inspectStmt", "an `inspect` statement"),
            Map.entry("modelsBlock", "the `models` block"),
            Map.entry("modelStmt", "a model"),
            Map.entry("hyperBlock", "the hyperparameters"),
            Map.entry("hyperParam", "a hyperparameter (`name value`)"),
            Map.entry("tuneBlock", "the ranges to tune"),
            Map.entry("tuneParam", "a tuning range (`name in lo..hi`)"),
            Map.entry("tuneOption", "the `tune` options"),
            Map.entry("evaluateBlock", "the `evaluate` block"),
            Map.entry("evaluateStmt", "an `evaluate` statement"),
            Map.entry("explainBlock", "the `explain` block"),
            Map.entry("explainStmt", "an `explain` statement"),
            Map.entry("limeRows", "the rows LIME explains"),
            Map.entry("deployBlock", "the `deploy` block"),
            Map.entry("deployStmt", "a `deploy` statement"),
            Map.entry("feedbackBlock", "the `feedback` block"),
            Map.entry("feedbackStmt", "a `feedback` statement"),
            Map.entry("abOption", "the `abtest` options"),
            Map.entry("condition", "a condition"),
            Map.entry("expr", "an expression"),
            Map.entry("list", "a list"),
            Map.entry("set", "a set of values"),
            Map.entry("range", "a range (`lo..hi`)"),
            Map.entry("quantity", "a number"),
            Map.entry("value", "a value"));

    private final SourceFile file;
    private final List<Diagnostic> found = new ArrayList<>();
    private final Set<Integer> linesWithErrors = new java.util.HashSet<>();
    private final Set<Integer> blocksWithErrors = new java.util.HashSet<>();

    SyntaxErrors(SourceFile file) {
        this.file = file;
    }

    List<Diagnostic> diagnostics() {
        return found;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int col, String msg,
                            RecognitionException e) {
        if (!(recognizer instanceof Parser parser) || !(offendingSymbol instanceof Token token)) {
            return;
        }
        int type = token.getType();
        if (type == MlxLexer.BAD_CHAR || type == MlxLexer.SINGLE_QUOTED || type == MlxLexer.UNTERMINATED_STRING || type == MlxLexer.UNTERMINATED_NAME) {
            return; // reported by the lexical pass, once
        }
        Span at = spanOf(token);
        int errLine = file.line(at.start());
        if (!linesWithErrors.add(errLine)) {
            return;
        }
        // One syntax error per block: after the first, the parser's recovery is guessing, and a brace lost
        // on a half-typed line would otherwise give one error per statement down to the end of the file.
        if (!blocksWithErrors.add(blockStart(parser))) {
            return;
        }
        IntervalSet expected;
        try {
            expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        } catch (RuntimeException ex) {
            expected = new IntervalSet();
        }
        String context = context(parser);
        String expectedWords = describe(expected);
        String foundWords = found(token);
        Token previous = previousToken(parser, token);
        String after = previous == null ? "" : " after `" + previous.getText() + "`";
        String message = expectedWords.isEmpty()
                ? "unexpected " + foundWords + (context.isEmpty() ? "" : " in " + context)
                : "expected " + expectedWords + after + ", found " + foundWords;
        Diagnostic.Builder b = Diagnostic.error(Code.MLX0101, message).file(file)
                .primary(at, expectedWords.isEmpty() ? "unexpected here" : "expected " + expectedWords);
        if (!context.isEmpty()) {
            b.note("while reading " + context);
        }
        hint(b, token, expected);
        found.add(b.build());
    }

    /** The first token of the block being read (its {@code section}), or -1 outside every block. */
    private static int blockStart(Parser parser) {
        int start = -1;
        String[] rules = parser.getRuleNames();
        for (org.antlr.v4.runtime.ParserRuleContext c = parser.getContext(); c != null; c = c.getParent()) {
            if (c.getRuleIndex() >= 0 && c.getRuleIndex() < rules.length && rules[c.getRuleIndex()].equals("section")
                    && c.getStart() != null) {
                start = c.getStart().getTokenIndex();
            }
        }
        return start;
    }

    private void hint(Diagnostic.Builder b, Token token, IntervalSet expected) {
        if (token.getType() == MlxLexer.NL && expected.contains(MlxLexer.RBRACE)) {
            return;
        }
        if (expected.contains(MlxLexer.NL) && expected.contains(MlxLexer.SEMI) && token.getType() != Token.EOF) {
            b.help("put each statement on its own line, or separate statements with `;`");
        } else if (token.getType() == MlxLexer.STRING && expected.contains(MlxLexer.IDENT)) {
            b.help("names are written bare or in backticks: `" + token.getText().replace("\"", "") + "`, not in double quotes");
        } else if (token.getType() == MlxLexer.IDENT && expected.contains(MlxLexer.STRING)
                && !expected.contains(MlxLexer.IDENT)) {
            b.help("strings are written in double quotes: \"" + token.getText() + "\"");
        }
    }

    private static Token previousToken(Parser parser, Token token) {
        int i = token.getTokenIndex() - 1;
        while (i >= 0) {
            Token t = parser.getTokenStream().get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL && t.getType() != MlxLexer.NL) {
                return t;
            }
            if (t.getType() == MlxLexer.NL) {
                return null;
            }
            i--;
        }
        return null;
    }

    private static String context(Parser parser) {
        for (String rule : parser.getRuleInvocationStack()) {
            String words = CONTEXT.get(rule);
            if (words != null && !rule.equals("quantity") && !rule.equals("value") && !rule.equals("range")) {
                return words;
            }
        }
        return "";
    }

    private static String found(Token t) {
        return switch (t.getType()) {
            case Token.EOF -> "the end of the file";
            case MlxLexer.NL -> "the end of the line";
            case MlxLexer.STRING -> "the string " + t.getText();
            case MlxLexer.NUMBER -> "the number `" + t.getText() + "`";
            default -> "`" + t.getText() + "`";
        };
    }

    /** The expected set in words, shortest first: "a name", "a number or `}`". */
    static String describe(IntervalSet expected) {
        Set<String> words = new LinkedHashSet<>();
        boolean name = false;
        for (int type : expected.toList()) {
            if (type == MlxLexer.IDENT || type == MlxLexer.QUOTED_NAME) {
                name = true;
            }
        }
        if (name) {
            words.add("a name");
        }
        List<String> keywords = new ArrayList<>();
        for (int type : expected.toList()) {
            String w = switch (type) {
                case MlxLexer.IDENT, MlxLexer.QUOTED_NAME -> null;
                case MlxLexer.NUMBER -> "a number";
                case MlxLexer.VARIABLE, MlxLexer.MINUS -> null;
                case MlxLexer.STRING -> "a string";
                case MlxLexer.NL, MlxLexer.SEMI -> "the end of the statement";
                case Token.EOF -> "the end of the file";
                case MlxLexer.PERCENT, MlxLexer.MS, MlxLexer.SECONDS, MlxLexer.MINUTES, MlxLexer.HOURS, MlxLexer.DAYS,
                        MlxLexer.WEEKS -> "a unit";
                case MlxLexer.EQEQ, MlxLexer.NEQ, MlxLexer.LE, MlxLexer.GE, MlxLexer.LT, MlxLexer.GT -> "a comparison such as `>=`";
                case MlxLexer.BAD_CHAR, MlxLexer.SINGLE_QUOTED, MlxLexer.UNTERMINATED_NAME, MlxLexer.UNTERMINATED_STRING, MlxLexer.WS,
                        MlxLexer.LINE_COMMENT -> null;
                default -> {
                    String lit = MlxLexer.VOCABULARY.getLiteralName(type);
                    if (lit == null) {
                        yield null;
                    }
                    String bare = lit.substring(1, lit.length() - 1);
                    boolean isWord = Character.isLetter(bare.charAt(0));
                    if (isWord && name) {
                        yield null; // a keyword is also a name here
                    }
                    if (isWord) {
                        keywords.add("`" + bare + "`");
                        yield null;
                    }
                    yield "`" + bare + "`";
                }
            };
            if (w != null) {
                words.add(w);
            }
        }
        if (!keywords.isEmpty()) {
            if (keywords.size() > 6) {
                words.add("one of " + String.join(", ", keywords.subList(0, 6)) + "…");
            } else {
                words.add(keywords.size() == 1 ? keywords.get(0) : "one of " + String.join(", ", keywords));
            }
        }
        List<String> list = new ArrayList<>(words);
        if (list.isEmpty()) {
            return "";
        }
        if (list.size() == 1) {
            return list.get(0);
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
    }

    static Span spanOf(Token t) {
        if (t.getType() == Token.EOF) {
            int s = Math.max(0, t.getStartIndex());
            return new Span(s, s);
        }
        if (t.getType() == MlxLexer.NL) {
            int s = Math.max(0, t.getStartIndex());
            return new Span(s, s);
        }
        return AstBuilder.tokenSpan(t);
    }
}
