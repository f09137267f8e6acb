package dev.mlx.syntax;

import dev.mlx.ast.Argument;
import dev.mlx.ast.Condition;
import dev.mlx.ast.Expr;
import dev.mlx.ast.Name;
import dev.mlx.ast.Quantity;
import dev.mlx.ast.Range;
import dev.mlx.ast.Unit;
import dev.mlx.ast.Value;
import dev.mlx.source.Span;
import dev.mlx.syntax.grammar.MlxLexer;
import dev.mlx.syntax.grammar.MlxParser;
import dev.mlx.syntax.grammar.MlxParser.*;
import dev.mlx.syntax.grammar.MlxParserVisitor;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.AbstractParseTreeVisitor;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.RuleNode;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * The half of {@link AstBuilder} that builds what statements are made of: names, values,
 * quantities, ranges, conditions and expressions, one visit method per parser rule or labelled
 * alternative, each returning its {@link dev.mlx.ast} piece. Nothing here falls back to ANTLR's
 * "visit the children and return null": a parse-tree node the builder has no visit method for is
 * an internal error naming its rule, never a piece silently left out.
 */
abstract class ValueBuilder extends AbstractParseTreeVisitor<Object> implements MlxParserVisitor<Object> {

    // ---- what has no AST: reaching one of these is a bug in the builder, not a user's mistake

    /**
     * ANTLR's default for a rule: reached through a context whose alternative the parser could not
     * choose, or a context class newer than the visitor (the compiler sees to every other rule).
     */
    @Override
    public final Object visitChildren(RuleNode node) {
        if (node instanceof ParserRuleContext c) {
            boolean unchosen = label(c).equals(MlxParser.ruleNames[c.getRuleIndex()]);
            throw noAst(c, unchosen ? "the parser chose none of its alternatives"
                    : "the builder has no visit method for it");
        }
        throw new IllegalStateException("internal error: no AST for " + node.getClass().getSimpleName());
    }

    @Override
    public final Object visitTerminal(TerminalNode node) {
        throw new IllegalStateException("internal error: the AST builder visited the token `" + node.getText()
                + "`; tokens are read by the visit method of the rule that holds them");
    }

    @Override
    public final Object visitErrorNode(ErrorNode node) {
        throw new IllegalStateException("internal error: the AST builder visited the unreadable token `"
                + node.getText() + "`; statements with syntax errors are left out before they are built");
    }

    @Override
    public final Object visitSep(SepContext c) {
        throw noAst(c, "separators end statements; blocks read past them");
    }

    @Override
    public final Object visitNl(NlContext c) {
        throw noAst(c, "line breaks end statements; blocks read past them");
    }

    @Override
    public final Object visitUnknownTail(UnknownTailContext c) {
        throw noAst(c, "an unknown statement is kept by its first word only");
    }

    @Override
    public final Object visitBraced(BracedContext c) {
        throw noAst(c, "an unknown statement is kept by its first word only");
    }

    /** The internal error for a rule (and labelled alternative) with no AST. */
    static IllegalStateException noAst(ParserRuleContext c, String why) {
        String rule = MlxParser.ruleNames[c.getRuleIndex()];
        String label = label(c);
        return new IllegalStateException("internal error: no AST for parser rule `" + rule + "`"
                + (label.equals(rule) ? "" : " (alternative `" + label + "`)") + ": " + why);
    }

    /** The labelled alternative a context stands for ({@code taskStmt}), or its rule's name. */
    static String label(ParserRuleContext c) {
        String simple = c.getClass().getSimpleName();
        String bare = simple.endsWith("Context") ? simple.substring(0, simple.length() - "Context".length()) : simple;
        return bare.isEmpty() ? bare : Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }

    /** Builds a rule's piece through its visit method; no piece, or the wrong kind, is a bug. */
    final <T> T build(ParserRuleContext c, Class<T> type) {
        Object built = c.accept(this);
        if (!type.isInstance(built)) {
            throw noAst(c, "its visit method built " + (built == null ? "nothing"
                    : "a " + built.getClass().getSimpleName()) + " where a " + type.getSimpleName() + " belongs");
        }
        return type.cast(built);
    }

    // ---- conditions and expressions

    final Condition condition(ConditionContext c) {
        return build(c, Condition.class);
    }

    @Override
    public Condition.Compare visitCompareCondition(CompareConditionContext c) {
        return new Condition.Compare(expr(c.expr(0)), visitCompOp(c.compOp()), expr(c.expr(1)), span(c));
    }

    @Override
    public Condition.InRange visitRangeCondition(RangeConditionContext c) {
        return new Condition.InRange(expr(c.expr()), visitRange(c.range()), c.NOT() != null, span(c));
    }

    @Override
    public Condition.InSet visitSetCondition(SetConditionContext c) {
        return new Condition.InSet(expr(c.expr()), visitSet(c.set()), c.NOT() != null, span(c));
    }

    @Override
    public String visitCompOp(CompOpContext c) {
        return c.getText();
    }

    final Expr expr(ExprContext e) {
        return build(e, Expr.class);
    }

    @Override
    public Expr.Neg visitNegExpr(NegExprContext e) {
        return new Expr.Neg(expr(e.expr()), span(e));
    }

    @Override
    public Expr.Binary visitMulExpr(MulExprContext e) {
        return new Expr.Binary(expr(e.expr(0)), e.getChild(1).getText(), expr(e.expr(1)), span(e));
    }

    @Override
    public Expr.Binary visitAddExpr(AddExprContext e) {
        return new Expr.Binary(expr(e.expr(0)), e.getChild(1).getText(), expr(e.expr(1)), span(e));
    }

    @Override
    public Expr.Paren visitParenExpr(ParenExprContext e) {
        return new Expr.Paren(expr(e.expr()), span(e));
    }

    @Override
    public Expr.Call visitCallExpr(CallExprContext e) {
        return new Expr.Call(visitName(e.name()), e.argument().stream().map(this::visitArgument).toList(), span(e));
    }

    @Override
    public Argument visitArgument(ArgumentContext a) {
        return a.condition() != null ? condition(a.condition()) : expr(a.expr());
    }

    @Override
    public Expr.Rows visitRowsExpr(RowsExprContext e) {
        return new Expr.Rows(span(e));
    }

    @Override
    public Expr.Num visitNumberExpr(NumberExprContext e) {
        return new Expr.Num(visitQuantity(e.quantity()));
    }

    @Override
    public Expr.Str visitStringExpr(StringExprContext e) {
        return new Expr.Str(unquote(e.STRING().getText()), span(e));
    }

    @Override
    public Expr.Column visitColumnExpr(ColumnExprContext e) {
        return new Expr.Column(visitName(e.name()));
    }

    // ---- values

    final Value value(ValueContext v) {
        return build(v, Value.class);
    }

    @Override
    public Value.Num visitQuantityValue(QuantityValueContext v) {
        return new Value.Num(visitQuantity(v.quantity()));
    }

    @Override
    public Value.Rng visitRangeValue(RangeValueContext v) {
        return new Value.Rng(visitRange(v.range()));
    }

    @Override
    public Value.Str visitStringValue(StringValueContext v) {
        return str(v.STRING().getSymbol());
    }

    @Override
    public Value.ListOf visitListValue(ListValueContext v) {
        return visitList(v.list());
    }

    @Override
    public Value.Bool visitBoolValue(BoolValueContext v) {
        return new Value.Bool(v.TRUE() != null, span(v));
    }

    @Override
    public Value.Word visitNameValue(NameValueContext v) {
        return new Value.Word(visitName(v.name()));
    }

    @Override
    public Value.ListOf visitList(ListContext l) {
        return new Value.ListOf(values(l.value()), span(l));
    }

    /** The members of {@code {"a", "b"}} in a condition. */
    @Override
    public List<Value> visitSet(SetContext s) {
        return values(s.value());
    }

    private List<Value> values(List<ValueContext> vs) {
        List<Value> out = new ArrayList<>();
        for (ValueContext v : vs) {
            out.add(value(v));
        }
        return out;
    }

    @Override
    public Quantity visitQuantity(QuantityContext q) {
        Unit unit = q.unit() == null ? Unit.NONE : visitUnit(q.unit());
        if (q.VARIABLE() != null) {
            String var = q.VARIABLE().getText().substring(1);
            return new Quantity(Double.NaN, q.VARIABLE().getText(), unit, var, span(q));
        }
        String text = visitNumber(q.number());
        return new Quantity(parseNumber(text), text, unit, null, span(q));
    }

    /** The number as written, sign included. */
    @Override
    public String visitNumber(NumberContext n) {
        return n.getText();
    }

    @Override
    public Unit visitUnit(UnitContext u) {
        return switch (u.getStart().getType()) {
            case MlxLexer.PERCENT -> Unit.PERCENT;
            case MlxLexer.MS -> Unit.MS;
            case MlxLexer.SECONDS -> Unit.SECONDS;
            case MlxLexer.MINUTES -> Unit.MINUTES;
            case MlxLexer.HOURS -> Unit.HOURS;
            case MlxLexer.DAYS -> Unit.DAYS;
            case MlxLexer.WEEKS -> Unit.WEEKS;
            default -> throw noAst(u, "no unit for the token `" + u.getText() + "`");
        };
    }

    @Override
    public List<Quantity> visitNumberList(NumberListContext l) {
        return l.quantity().stream().map(this::visitQuantity).toList();
    }

    static double parseNumber(String text) {
        try {
            return Double.parseDouble(text.replace("_", ""));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Override
    public Range visitRange(RangeContext r) {
        return new Range(visitQuantity(r.quantity(0)), visitQuantity(r.quantity(1)), span(r));
    }

    // ---- names and strings

    @Override
    public Name visitName(NameContext n) {
        Token t = n.getStart();
        if (t.getType() == MlxLexer.QUOTED_NAME) {
            return new Name(unquote(t.getText()), tokenSpan(t), true);
        }
        return new Name(t.getText(), tokenSpan(t), false);
    }

    @Override
    public List<Name> visitNameList(NameListContext l) {
        return l.name().stream().map(this::visitName).toList();
    }

    static Name keywordName(TerminalNode t) {
        return new Name(t.getText(), tokenSpan(t.getSymbol()), false);
    }

    static Value.Str str(Token t) {
        return new Value.Str(unquote(t.getText()), tokenSpan(t));
    }

    /** Strips the quotes of a string or a quoted name and resolves backslash escapes. */
    static String unquote(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        if (body.indexOf('\\') < 0) {
            return body;
        }
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char n = body.charAt(++i);
                switch (n) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    default -> sb.append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // ---- spans and poisoned statements

    /** True when the parser read the whole rule without an error. */
    static boolean clean(ParserRuleContext c) {
        if (c.exception != null) {
            return false;
        }
        if (c.children == null) {
            return true;
        }
        for (ParseTree child : c.children) {
            if (child instanceof ErrorNode) {
                return false;
            }
            if (child instanceof TerminalNode t && t.getSymbol().getTokenIndex() < 0) {
                return false;
            }
            if (child instanceof ParserRuleContext p && !clean(p)) {
                return false;
            }
        }
        return true;
    }

    static Span tokenSpan(Token t) {
        int start = Math.max(0, t.getStartIndex());
        int end = Math.max(start, t.getStopIndex() + 1);
        return new Span(start, end);
    }

    static Span span(ParserRuleContext c) {
        Token start = c.getStart();
        Token stop = c.getStop();
        if (start == null) {
            return Span.NONE;
        }
        int s = Math.max(0, start.getStartIndex());
        int e = stop == null || stop.getStopIndex() < s ? s + Math.max(0, start.getStopIndex() + 1 - s)
                : stop.getStopIndex() + 1;
        if (start.getType() == Token.EOF) {
            e = s;
        }
        return new Span(s, Math.max(s, e));
    }

    /** The span of the word that starts a statement, as outlines and "duplicate" labels use it. */
    static Span keyword(ParserRuleContext c) {
        return c.getStart() == null ? span(c) : tokenSpan(c.getStart());
    }
}
