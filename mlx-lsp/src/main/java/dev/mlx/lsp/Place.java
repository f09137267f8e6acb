package dev.mlx.lsp;

import dev.mlx.source.Span;
import dev.mlx.syntax.Tok;
import dev.mlx.syntax.TokenType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a position sits, read from the tokens alone so that it works on half-written files: the
 * nesting of braces, brackets and parentheses around it (which block, which model's
 * hyperparameters, which function call), the tokens of the current statement before it, and the
 * word under it. Completion and hover both start here.
 */
final class Place {
    /** What a pair of braces (or brackets, or parentheses) holds. */
    enum Kind { TOP, BODY, BLOCK, HYPER, TUNE, TYPES, DESCRIBE, SET, PARENS, LIST, OTHER }

    /** One level of nesting; {@code owner} is the block keyword, model kind, tuned model or function. */
    static final class Frame {
        final Kind kind;
        final String owner;
        final List<Tok> outer;
        /** The first words of the entries already written in this frame (hyperparameters, types). */
        final Set<String> used = new LinkedHashSet<>();

        Frame(Kind kind, String owner, List<Tok> outer) {
            this.kind = kind;
            this.owner = owner;
            this.outer = outer;
        }
    }

    final Frame frame;
    final List<Frame> stack;
    /** The significant tokens of the current statement (or entry) before the word. */
    final List<Tok> stmt;
    /** The word under the position (possibly half-typed), or null. */
    final Tok word;
    /** What a completion replaces: the word, or an empty span at the position. */
    final Span replace;
    /** False inside a comment or a string, where nothing is offered. */
    final boolean open;

    private Place(Frame frame, List<Frame> stack, List<Tok> stmt, Tok word, Span replace, boolean open) {
        this.frame = frame;
        this.stack = stack;
        this.stmt = stmt;
        this.word = word;
        this.replace = replace;
        this.open = open;
    }

    static boolean isWord(Tok t) {
        return t.kind() == Tok.Kind.KEYWORD || t.kind() == Tok.Kind.NAME || t.kind() == Tok.Kind.QUOTED_NAME
                || t.kind() == Tok.Kind.UNIT;
    }

    /** The name a word token stands for: backticks removed and escapes undone for quoted names. */
    static String text(Tok t) {
        if (t.kind() != Tok.Kind.QUOTED_NAME) {
            return t.text();
        }
        String s = t.text();
        int end = s.length() > 1 && s.endsWith("`") ? s.length() - 1 : s.length();
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < end; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < end) {
                c = s.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** The word of a statement token for matching keywords: the text, or "" for non-words. */
    static String wordOf(Tok t) {
        return isWord(t) ? text(t) : "";
    }

    static Place at(List<Tok> tokens, int offset) {
        Tok word = null;
        for (Tok t : tokens) {
            Span s = t.span();
            if (s.start() > offset) {
                break;
            }
            boolean inside = s.start() < offset && offset <= s.end();
            if (inside && (t.kind() == Tok.Kind.COMMENT
                    || (t.kind() == Tok.Kind.STRING && (offset < s.end() || !closed(t))))) {
                return new Place(null, List.of(), List.of(), null, new Span(offset, offset), false);
            }
            if (isWord(t) && s.start() <= offset && offset <= s.end()) {
                word = t;
            }
        }
        int stop = word != null ? word.span().start() : offset;
        Deque<Frame> frames = new ArrayDeque<>();
        Frame frame = new Frame(Kind.TOP, null, List.of());
        List<Tok> stmt = new ArrayList<>();
        for (Tok t : tokens) {
            if (t.span().start() >= stop) {
                break;
            }
            switch (t.kind()) {
                case WHITESPACE, COMMENT -> {
                    continue;
                }
                default -> { }
            }
            TokenType type = t.type();
            if (type == TokenType.LBRACE || type == TokenType.LPAREN || type == TokenType.LBRACK) {
                Frame inner = open(frame, stmt, type);
                frames.push(frame);
                frame = inner;
                stmt = new ArrayList<>();
            } else if ((type == TokenType.RBRACE || type == TokenType.RPAREN || type == TokenType.RBRACK)
                    && !frames.isEmpty()) {
                List<Tok> outer = new ArrayList<>(frame.outer);
                outer.add(t);
                frame = frames.pop();
                stmt = outer;
            } else if (t.kind() == Tok.Kind.NEWLINE || type == TokenType.SEMI) {
                // Call arguments never span lines: a parenthesis left open ends with its line.
                while (frame.kind == Kind.PARENS && !frames.isEmpty()) {
                    frame = frames.pop();
                    stmt = new ArrayList<>();
                }
                boolean continues = !stmt.isEmpty() && stmt.get(stmt.size() - 1).is(TokenType.COMMA);
                if (!continues && frame.kind != Kind.SET && frame.kind != Kind.PARENS && frame.kind != Kind.LIST) {
                    endEntry(frame, stmt);
                    stmt = new ArrayList<>();
                }
            } else if (type == TokenType.COMMA && (frame.kind == Kind.HYPER || frame.kind == Kind.TUNE
                    || frame.kind == Kind.TYPES || frame.kind == Kind.DESCRIBE)) {
                endEntry(frame, stmt);
                stmt = new ArrayList<>();
            } else {
                stmt.add(t);
            }
        }
        List<Frame> stack = new ArrayList<>(frames);
        java.util.Collections.reverse(stack);
        stack.add(frame);
        Span replace = word != null ? word.span() : new Span(offset, offset);
        return new Place(frame, List.copyOf(stack), List.copyOf(stmt), word, replace, true);
    }

    private static boolean closed(Tok t) {
        return t.text().length() >= 2 && t.text().endsWith("\"") && !t.text().endsWith("\\\"");
    }

    private static void endEntry(Frame frame, List<Tok> stmt) {
        if (!stmt.isEmpty() && isWord(stmt.get(0))) {
            frame.used.add(text(stmt.get(0)));
        }
    }

    /** The frame a bracket opens, decided by where it stands. */
    private static Frame open(Frame outer, List<Tok> stmt, TokenType bracket) {
        List<Tok> saved = List.copyOf(stmt);
        String first = stmt.isEmpty() ? "" : wordOf(stmt.get(0));
        if (bracket == TokenType.LPAREN) {
            Tok last = stmt.isEmpty() ? null : stmt.get(stmt.size() - 1);
            return new Frame(Kind.PARENS, last != null && isWord(last) ? text(last) : null, saved);
        }
        if (bracket == TokenType.LBRACK) {
            return new Frame(Kind.LIST, null, saved);
        }
        return switch (outer.kind) {
            case TOP -> new Frame(first.equals("experiment") ? Kind.BODY : Kind.OTHER, null, saved);
            case BODY -> new Frame(first.isEmpty() ? Kind.OTHER : Kind.BLOCK, first, saved);
            case BLOCK -> switch (outer.owner) {
                case "models" -> first.equals("tune")
                        ? new Frame(Kind.TUNE, stmt.size() > 1 ? wordOf(stmt.get(1)) : null, saved)
                        : new Frame(Kind.HYPER, first, saved);
                case "data" -> new Frame(first.equals("types") ? Kind.TYPES : first.equals("describe") ? Kind.DESCRIBE
                        : Kind.OTHER, null, saved);
                case "checks" -> new Frame(Kind.SET, first, saved);
                default -> new Frame(Kind.OTHER, null, saved);
            };
            default -> new Frame(Kind.OTHER, null, saved);
        };
    }

    /** The block the position is in ("models", "data"...), or null outside any block. */
    String block() {
        for (Frame f : stack) {
            if (f.kind == Kind.BLOCK) {
                return f.owner;
            }
        }
        return null;
    }

    /** The statement's words (non-words as ""), for matching shapes. */
    List<String> words() {
        List<String> out = new ArrayList<>();
        for (Tok t : stmt) {
            out.add(wordOf(t));
        }
        return out;
    }

    Tok last() {
        return stmt.isEmpty() ? null : stmt.get(stmt.size() - 1);
    }

    /** The typed part of the word, up to the position. */
    String prefix(int offset) {
        if (word == null) {
            return "";
        }
        String t = word.text();
        int n = Math.max(0, Math.min(t.length(), offset - word.span().start()));
        return t.substring(0, n);
    }
}
