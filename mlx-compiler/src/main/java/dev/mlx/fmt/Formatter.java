package dev.mlx.fmt;

import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.Diagnostics;
import dev.mlx.source.SourceFile;
import dev.mlx.syntax.Parsing;
import dev.mlx.syntax.Tok;
import dev.mlx.syntax.TokenType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Canonical layout of a {@code .mlx} file, in the spirit of gofmt and {@code hcl fmt}: only
 * whitespace changes. Lines the author broke stay broken and one-line value groups
 * ({@code { trees 200, max_depth 12 }}) stay on one line; blocks (the experiment body and its
 * sections) always get one statement per line. Text with syntax errors is refused, not guessed at.
 */
public final class Formatter {
    private Formatter() {
    }

    /** The formatted text, or null with the syntax errors that made formatting refuse. */
    public record FormatResult(String text, List<Diagnostic> errors) {
        public FormatResult {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Parses first: a file that does not parse is returned as its syntax errors, untouched. */
    public static FormatResult formatChecked(SourceFile file) {
        Diagnostics diags = new Diagnostics(file);
        Parsing.Result parsed = Parsing.parse(file, diags);
        if (parsed.hasSyntaxErrors()) {
            return new FormatResult(null, diags.sorted());
        }
        return new FormatResult(new Layout().run(parsed.tokens()), List.of());
    }

    /**
     * For text already known to parse (tests, editors after a clean parse); user input goes
     * through {@link #formatChecked} so its errors can be shown.
     */
    public static String format(String text) {
        FormatResult result = formatChecked(SourceFile.of("<text>", text));
        if (!result.ok()) {
            throw new IllegalArgumentException("cannot format text with syntax errors: "
                    + result.errors().get(0).message());
        }
        return result.text();
    }

    // Section keywords whose braces hold statements (expanded one per line), unlike value groups.
    private static final Set<TokenType> BLOCK_KEYWORDS = EnumSet.of(TokenType.PARAMS, TokenType.SCOPE,
            TokenType.DATA, TokenType.REVIEW, TokenType.CHECKS, TokenType.FEATURES, TokenType.INSPECT,
            TokenType.MODELS, TokenType.EVALUATE, TokenType.EXPLAIN, TokenType.DEPLOY, TokenType.FEEDBACK);
    private static final Set<TokenType> OPENERS = EnumSet.of(TokenType.LBRACE, TokenType.LPAREN, TokenType.LBRACK);
    private static final Set<TokenType> CLOSERS = EnumSet.of(TokenType.RBRACE, TokenType.RPAREN, TokenType.RBRACK);
    private static final Set<TokenType> TIGHT_BEFORE = EnumSet.of(TokenType.COMMA, TokenType.SEMI, TokenType.COLON,
            TokenType.RPAREN, TokenType.RBRACK, TokenType.PERCENT, TokenType.DOTDOT);
    private static final Set<TokenType> TIGHT_AFTER = EnumSet.of(TokenType.LPAREN, TokenType.LBRACK, TokenType.DOTDOT);
    private static final String WS = " \t\f\u00A0\uFEFF";

    /** An open bracket; {@code keyword} is the section word for blocks (EXPERIMENT for the body), else null. */
    private static final class Frame {
        final Tok open;
        final boolean block;
        final TokenType keyword;
        final int lineIndent;
        final boolean tight;
        Tok stmtFirst;
        boolean seenAssign;

        Frame(Tok open, boolean block, TokenType keyword, int lineIndent, boolean tight) {
            this.open = open;
            this.tight = tight;
            this.block = block;
            this.keyword = keyword;
            this.lineIndent = lineIndent;
        }
    }

    /** One pass over the tokens, building output line by line. */
    private static final class Layout {
        private final StringBuilder out = new StringBuilder();
        private final Deque<Frame> frames = new ArrayDeque<>();
        private final StringBuilder line = new StringBuilder();
        private int lineIndent;
        private Tok last;              // last code token on the current line; null at its start
        private boolean lastUnary;     // ... and it was a unary minus
        private boolean commented;     // the current line ends in a comment
        private boolean afterOpener;   // the last thing written opened a bracket: no blank line next
        private int newlines;          // source newlines since the last token or comment
        private boolean breakNext;     // a block demands a new line before the next token
        private boolean continued;     // the line broke after a comma: the statement goes on

        String run(List<Tok> tokens) {
            for (Tok t : tokens) {
                switch (t.kind()) {
                    case WHITESPACE -> { }
                    case NEWLINE -> {
                        newlines++;
                        if (last != null && last.is(TokenType.COMMA)) {
                            continued = true; // a list wrapped onto the next line
                        } else if (!continued) {
                            endStatement();
                        }
                    }
                    case COMMENT -> comment(t);
                    default -> {
                        if (t.is(TokenType.SEMI) && !frames.isEmpty() && frames.peek().block) {
                            breakNext = true; // in a block `;` and newline are the same separator
                            endStatement();
                        } else {
                            token(t);
                        }
                    }
                }
            }
            endLine();
            return out.toString();
        }

        private void endStatement() {
            if (!frames.isEmpty() && frames.peek().block) {
                frames.peek().stmtFirst = null;
                frames.peek().seenAssign = false;
            }
        }

        private void comment(Tok t) {
            String text = rstrip(t.text());
            if (newlines == 0 && line.length() > 0) {
                line.append("  ").append(text);
            } else {
                startLine(contentIndent(), false);
                line.append(text);
                afterOpener = false;
            }
            commented = true;
            newlines = 0;
        }

        private void token(Tok t) {
            Frame closing = CLOSERS.contains(t.type()) ? frames.peek() : null;
            boolean empty = closing != null && last == closing.open && !commented;
            boolean mustBreak = newlines > 0 || breakNext || commented || (closing != null && closing.block);
            if (line.length() == 0 || (mustBreak && !empty)) {
                boolean wrap = continued && closing == null && !frames.isEmpty() && frames.peek().block;
                startLine(closing != null ? closing.lineIndent : contentIndent() + (wrap ? 1 : 0), closing != null);
            } else if ((!empty && spaced(last, t)) || !joinable(last, t)) {
                line.append(' ');
            }
            boolean unary = t.is(TokenType.MINUS) && !(inExpression() && last != null && endsOperand(last));
            Tok before = last;
            line.append(t.text());
            last = t;
            lastUnary = unary;
            newlines = 0;
            breakNext = false;
            continued = false;
            afterOpener = OPENERS.contains(t.type());

            Frame top = frames.peek();
            if (top != null && top.block) {
                if (top.stmtFirst == null) {
                    top.stmtFirst = t;
                }
                top.seenAssign |= t.is(TokenType.ASSIGN);
            }
            if (afterOpener) {
                boolean body = frames.isEmpty() && t.is(TokenType.LBRACE);
                boolean section = top != null && top.block && top.keyword == TokenType.EXPERIMENT
                        && t.is(TokenType.LBRACE) && before != null && before == top.stmtFirst
                        && BLOCK_KEYWORDS.contains(before.type());
                // A set (`plan in {"a", "b"}`) is a value list: tight inside, like `[64, 32]`.
                boolean set = t.is(TokenType.LBRACE) && before != null && before.is(TokenType.IN);
                frames.push(new Frame(t, body || section, body ? TokenType.EXPERIMENT : section ? before.type() : null,
                        lineIndent, set));
                breakNext = body || section;
            } else if (closing != null) {
                frames.pop();
                breakNext = closing.block;
            }
        }

        /** Finishes the current line (if any) and opens a new one; keeps at most one blank line. */
        private void startLine(int indent, boolean closer) {
            if (line.length() > 0) {
                boolean blank = newlines >= 2 && !afterOpener && !closer;
                endLine();
                if (blank) {
                    out.append('\n');
                }
            }
            lineIndent = indent;
            last = null;
            lastUnary = false;
            commented = false;
        }

        private void endLine() {
            if (line.length() > 0) {
                out.append("  ".repeat(lineIndent)).append(line).append('\n');
                line.setLength(0);
            }
        }

        private int contentIndent() {
            return frames.isEmpty() ? 0 : frames.peek().lineIndent + 1;
        }

        private boolean spaced(Tok prev, Tok t) {
            TokenType a = prev.type();
            TokenType b = t.type();
            if (TIGHT_BEFORE.contains(b) || TIGHT_AFTER.contains(a) || lastUnary) {
                return false;
            }
            if ((a == TokenType.LBRACE || b == TokenType.RBRACE) && frames.peek() != null && frames.peek().tight) {
                return false;
            }
            if (b == TokenType.LPAREN && isWord(prev)) {
                return false; // a call: `missing(total_charges)`
            }
            // Outside expressions `/` is a ratio (`split 90/10`), not a division.
            return !((a == TokenType.SLASH || b == TokenType.SLASH) && !inExpression());
        }

        /** Checks, and the right side of `derive x = ...`, are expressions: there `-` may be binary. */
        private boolean inExpression() {
            for (Frame f : frames) {
                if (f.block) {
                    return f.keyword == TokenType.CHECKS || (f.keyword == TokenType.FEATURES && f.seenAssign
                            && f.stmtFirst != null && f.stmtFirst.is(TokenType.DERIVE));
                }
            }
            return false;
        }
    }

    private static boolean isWord(Tok t) {
        return switch (t.kind()) {
            case NAME, QUOTED_NAME, KEYWORD, UNIT -> true;
            default -> false;
        };
    }

    private static boolean endsOperand(Tok t) {
        return switch (t.kind()) {
            case NUMBER, STRING, VARIABLE, NAME, QUOTED_NAME, UNIT -> true;
            case KEYWORD -> !t.is(TokenType.IN) && !t.is(TokenType.NOT);
            default -> t.is(TokenType.RPAREN) || t.is(TokenType.PERCENT);
        };
    }

    /** Writing two tokens with nothing between them must not lex differently (`-` `>` is `->`). */
    private static boolean joinable(Tok a, Tok b) {
        List<Tok> again = Parsing.lex(a.text() + b.text());
        return again.size() == 2 && again.get(0).text().equals(a.text());
    }

    private static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && WS.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }
}
