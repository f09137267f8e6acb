package dev.mlx.syntax;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.Condition;
import dev.mlx.ast.Argument;
import dev.mlx.ast.ExperimentNode;
import dev.mlx.ast.ExprNode;
import dev.mlx.ast.Name;
import dev.mlx.ast.Quantity;
import dev.mlx.ast.Range;
import dev.mlx.ast.Section;
import dev.mlx.ast.Stmt;
import dev.mlx.ast.Unit;
import dev.mlx.ast.Value;
import dev.mlx.source.Span;
import dev.mlx.syntax.grammar.MlxLexer;
import dev.mlx.syntax.grammar.MlxParser;
import dev.mlx.syntax.grammar.MlxParser.*;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns the parse tree into {@link dev.mlx.ast} records. A statement the parser could not read
 * completely is left out (poisoned): its syntax error was reported, and the checker must not pile
 * further diagnostics on it.
 */
final class AstBuilder {

    ExperimentNode build(FileContext file) {
        ExperimentContext e = file.experiment();
        if (e == null || e.EXPERIMENT() == null) {
            return null;
        }
        Name name = name(e.name());
        Value.Str question = e.STRING() == null ? null : str(e.STRING().getSymbol());
        List<Section> sections = new ArrayList<>();
        if (e.body != null) {
            for (SectionContext s : e.body.section()) {
                Section built = section(s);
                if (built != null) {
                    sections.add(built);
                }
            }
        }
        return new ExperimentNode(name, question, sections, span(e));
    }

    private Section section(SectionContext s) {
        if (s instanceof ReportSectionContext r) {
            Name kw = keywordName(r.REPORT());
            List<Stmt> stmts = r.STRING() == null ? List.of()
                    : List.of(new Stmt.ReportPath(str(r.STRING().getSymbol()), kw.span(), span(r)));
            return new Section(BlockKind.REPORT, kw, null, stmts, span(r));
        }
        if (s instanceof UnknownSectionContext u) {
            return new Section(BlockKind.UNKNOWN, keywordName(u.IDENT()), null, List.of(), span(u));
        }
        TerminalNode keyword = (TerminalNode) s.getChild(0);
        ParserRuleContext block = s.getChildCount() > 1 && s.getChild(1) instanceof ParserRuleContext p ? p : null;
        BlockKind kind = blockKind(keyword.getSymbol().getType());
        List<Stmt> stmts = new ArrayList<>();
        if (block != null) {
            for (ParseTree child : block.children == null ? List.<ParseTree>of() : block.children) {
                if (child instanceof ParserRuleContext c && !(c instanceof SepContext) && !(c instanceof NlContext)) {
                    if (!clean(c)) {
                        continue;
                    }
                    Stmt st = statement(c);
                    if (st != null) {
                        stmts.add(st);
                    }
                }
            }
        }
        return new Section(kind, keywordName(keyword), block == null ? null : span(block), stmts, span(s));
    }

    private static BlockKind blockKind(int tokenType) {
        switch (tokenType) {
            case MlxLexer.PARAMS: return BlockKind.PARAMS;
            case MlxLexer.SCOPE: return BlockKind.SCOPE;
            case MlxLexer.DATA: return BlockKind.DATA;
            case MlxLexer.REVIEW: return BlockKind.REVIEW;
            case MlxLexer.CHECKS: return BlockKind.CHECKS;
            case MlxLexer.FEATURES: return BlockKind.FEATURES;
            case MlxLexer.INSPECT: return BlockKind.INSPECT;
            case MlxLexer.MODELS: return BlockKind.MODELS;
            case MlxLexer.EVALUATE: return BlockKind.EVALUATE;
            case MlxLexer.EXPLAIN: return BlockKind.EXPLAIN;
            case MlxLexer.DEPLOY: return BlockKind.DEPLOY;
            case MlxLexer.FEEDBACK: return BlockKind.FEEDBACK;
            default: return BlockKind.UNKNOWN;
        }
    }

    /** True when the parser read the whole statement without an error. */
    private static boolean clean(ParserRuleContext c) {
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

    private Stmt statement(ParserRuleContext c) {
        Span sp = span(c);
        Span kw = c.getStart() == null ? sp : tokenSpan(c.getStart());
        if (c instanceof ParamDeclContext p) {
            return new Stmt.Param(name(p.name()), value(p.value()), name(p.name()).span(), sp);
        }
        if (c instanceof TaskStmtContext t) {
            return new Stmt.Task(name(t.name()), kw, sp);
        }
        if (c instanceof TargetStmtContext t) {
            return new Stmt.Target(name(t.name()), kw, sp);
        }
        if (c instanceof PositiveStmtContext t) {
            return new Stmt.Positive(value(t.value()), kw, sp);
        }
        if (c instanceof MetricStmtContext t) {
            return new Stmt.Metric(name(t.name()), kw, sp);
        }
        if (c instanceof RequireStmtContext r) {
            return require(r, kw, sp);
        }
        if (c instanceof RetrainStmtContext r) {
            return retrain(r.retrainPlan(), kw, sp);
        }
        if (c instanceof CsvSourceContext s) {
            return new Stmt.CsvSource(str(s.STRING(0).getSymbol()), s.STRING().size() > 1 ? str(s.STRING(1).getSymbol()) : null, kw, sp);
        }
        if (c instanceof JdbcSourceContext s) {
            return new Stmt.JdbcSource(str(s.STRING(0).getSymbol()), str(s.STRING(1).getSymbol()), kw, sp);
        }
        if (c instanceof IdStmtContext s) {
            return new Stmt.Id(name(s.name()), kw, sp);
        }
        if (c instanceof TypesStmtContext s) {
            return types(s, kw, sp);
        }
        if (c instanceof MissingStmtContext s) {
            return new Stmt.Missing(s.STRING().stream().map(t -> str(t.getSymbol())).toList(), kw, sp);
        }
        if (c instanceof SplitStmtContext s) {
            return split(s, kw, sp);
        }
        if (c instanceof SummaryStmtContext s) {
            return new Stmt.Summary(kw, sp);
        }
        if (c instanceof OutliersStmtContext s) {
            return new Stmt.Outliers(name(s.name()), s.quantity() == null ? null : quantity(s.quantity()), kw, sp);
        }
        if (c instanceof PlotStmtContext s) {
            return new Stmt.Plot(name(s.name()), names(s.nameList()), kw, sp);
        }
        if (c instanceof CorrelationsStmtContext s) {
            return new Stmt.Correlations(s.name() == null ? null : name(s.name()), kw, sp);
        }
        if (c instanceof BalanceStmtContext s) {
            return new Stmt.Balance(kw, sp);
        }
        if (c instanceof QuantilesStmtContext s) {
            return new Stmt.Quantiles(quantities(s.numberList()), kw, sp);
        }
        if (c instanceof ReviewSampleStmtContext s) {
            return new Stmt.Sample(quantity(s.quantity()), kw, sp);
        }
        if (c instanceof UniqueCheckContext u) {
            return new Stmt.UniqueCheck(names(u.nameList()), warn(u.severity()), kw, sp);
        }
        if (c instanceof ConditionCheckContext cc) {
            return new Stmt.ConditionCheck(condition(cc.condition()), warn(cc.severity()), kw, sp);
        }
        if (c instanceof DropStmtContext d) {
            return new Stmt.Drop(names(d.nameList()), kw, sp);
        }
        if (c instanceof DeriveStmtContext d) {
            return new Stmt.Derive(name(d.name()), expr(d.expr()), kw, sp);
        }
        if (c instanceof TransformStmtContext t) {
            return new Stmt.Transform(name(t.kind), names(t.nameList()), t.transformOption().stream().map(this::option).toList(), name(t.kind).span(), sp);
        }
        if (c instanceof NoStmtContext n) {
            return new Stmt.No(n.getChild(1).getText(), kw, sp);
        }
        if (c instanceof LeakageStmtContext l) {
            return new Stmt.Leakage(quantity(l.quantity()), kw, sp);
        }
        if (c instanceof CoverageStmtContext l) {
            return new Stmt.Coverage(quantity(l.quantity()), kw, sp);
        }
        if (c instanceof InspectSampleStmtContext s) {
            return new Stmt.Sample(quantity(s.quantity()), kw, sp);
        }
        if (c instanceof ModelDeclContext m) {
            return new Stmt.Model(name(m.kind), m.modelName == null ? null : name(m.modelName), m.hyperBlock() == null ? List.of() : m.hyperBlock().hyperParam().stream() .map(h -> new Stmt.HyperParam(name(h.name()), value(h.value()), span(h))).toList(), name(m.kind).span(), sp);
        }
        if (c instanceof TuneStmtContext t) {
            return tune(t, kw, sp);
        }
        if (c instanceof CvStmtContext cv) {
            return new Stmt.Cv(quantity(cv.quantity()), cv.STRATIFIED() != null, cv.STRATIFIED() == null ? null : tokenSpan(cv.STRATIFIED().getSymbol()), kw, sp);
        }
        if (c instanceof HoldoutOnlyStmtContext h) {
            return new Stmt.HoldoutOnly(kw, sp);
        }
        if (c instanceof MetricsStmtContext m) {
            return new Stmt.Metrics(names(m.nameList()), kw, sp);
        }
        if (c instanceof SelectBestStmtContext s) {
            return new Stmt.Select(false, null, name(s.name()), kw, sp);
        }
        if (c instanceof SelectSimplestStmtContext s) {
            return new Stmt.Select(true, quantity(s.quantity()), name(s.name()), kw, sp);
        }
        if (c instanceof SlicesStmtContext s) {
            return new Stmt.Slices(names(s.nameList()), kw, sp);
        }
        if (c instanceof ImportanceStmtContext i) {
            return new Stmt.Importance(i.name() == null ? null : name(i.name()), i.quantity() == null ? null : quantity(i.quantity()), kw, sp);
        }
        if (c instanceof LimeStmtContext l) {
            return lime(l.limeRows(), kw, sp);
        }
        if (c instanceof DependenceStmtContext d) {
            return new Stmt.Dependence(names(d.nameList()), kw, sp);
        }
        if (c instanceof ExportStmtContext e) {
            return new Stmt.Export(name(e.name()), str(e.STRING().getSymbol()), kw, sp);
        }
        if (c instanceof ServeStmtContext s) {
            return new Stmt.Serve(s.quantity() == null ? null : quantity(s.quantity()), s.name() == null ? null : name(s.name()), kw, sp);
        }
        if (c instanceof StoreStmtContext s) {
            return new Stmt.Store(name(s.name()), str(s.STRING().getSymbol()), kw, sp);
        }
        if (c instanceof AbtestStmtContext a) {
            return abtest(a, kw, sp);
        }
        if (c instanceof OnlineStmtContext o) {
            return new Stmt.Online(name(o.name()), quantity(o.quantity()), kw, sp);
        }
        if (c instanceof UnknownScopeStmtContext u) {
            return unknownToken(u.getStart(), sp);
        }
        if (c instanceof UnknownDataStmtContext u) {
            return unknownToken(u.getStart(), sp);
        }
        if (c instanceof UnknownReviewStmtContext u) {
            return unknownToken(u.getStart(), sp);
        }
        if (c instanceof UnknownInspectStmtContext u) {
            return unknownToken(u.getStart(), sp);
        }
        if (c instanceof UnknownEvaluateStmtContext u) {
            return unknownToken(u.getStart(), sp);
        }
        if (c instanceof UnknownExplainStmtContext u) {
            return unknownToken(u.getStart(), sp);
        }
        if (c instanceof UnknownDeployStmtContext u) {
            return unknownToken(u.getStart(), sp);
        }
        if (c instanceof UnknownFeedbackStmtContext u) {
            return unknownToken(u.getStart(), sp);
        }
        return null;
    }

    private Stmt unknownToken(Token head, Span sp) {
        String text = head.getType() == MlxLexer.QUOTED_NAME ? unquote(head.getText()) : head.getText();
        Name n = new Name(text, tokenSpan(head), head.getType() == MlxLexer.QUOTED_NAME);
        return new Stmt.Unknown(n, n.span(), sp);
    }

    private Stmt unknown(TerminalNode head, Span sp) {
        Name n = keywordName(head);
        return new Stmt.Unknown(n, n.span(), sp);
    }

    private Stmt require(RequireStmtContext r, Span kw, Span sp) {
        GateContext g = r.gate();
        if (g instanceof LatencyGateContext l) {
            return new Stmt.Require(true, name(l.name()), l.compOp().getText(), quantity(l.quantity()), null, kw, sp);
        }
        MetricGateContext m = (MetricGateContext) g;
        return new Stmt.Require(false, name(m.name(0)), m.compOp().getText(), quantity(m.quantity()),
                m.name().size() > 1 ? name(m.name(1)) : null, kw, sp);
    }

    private Stmt retrain(RetrainPlanContext p, Span kw, Span sp) {
        if (p instanceof RetrainEveryContext e) {
            Quantity every = quantity(e.quantity(0));
            boolean drift = e.DRIFT() != null;
            return new Stmt.Retrain(every, drift ? e.compOp().getText() : null, drift ? quantity(e.quantity(1)) : null, kw, sp);
        }
        RetrainOnDriftContext d = (RetrainOnDriftContext) p;
        return new Stmt.Retrain(null, d.compOp().getText(), quantity(d.quantity()), kw, sp);
    }

    private Stmt types(TypesStmtContext s, Span kw, Span sp) {
        List<Stmt.TypeDecl> decls = new ArrayList<>();
        for (TypeDeclContext d : s.typesBlock().typeDecl()) {
            if (clean(d)) {
                decls.add(new Stmt.TypeDecl(name(d.name(0)), name(d.typeName),
                        d.STRING() == null ? null : str(d.STRING().getSymbol()), span(d)));
            }
        }
        return new Stmt.Types(decls, kw, sp);
    }

    private Stmt split(SplitStmtContext s, Span kw, Span sp) {
        boolean stratified = false;
        Span stratifiedSpan = null;
        Value seed = null;
        Name ordered = null;
        for (SplitOptionContext o : s.splitOption()) {
            if (o instanceof StratifiedOptionContext x) {
                stratified = true;
                stratifiedSpan = span(x);
            } else if (o instanceof SeedOptionContext x) {
                seed = value(x.value());
            } else if (o instanceof OrderedOptionContext x) {
                ordered = name(x.name());
            }
        }
        return new Stmt.Split(quantity(s.quantity()), stratified, stratifiedSpan, seed, ordered, kw, sp);
    }

    private Stmt tune(TuneStmtContext t, Span kw, Span sp) {
        List<Stmt.TuneParam> params = new ArrayList<>();
        for (TuneParamContext p : t.tuneBlock().tuneParam()) {
            if (p instanceof RangeTuneParamContext r) {
                params.add(new Stmt.TuneParam(name(r.name()), range(r.range()), r.LOG() != null, null, span(r)));
            } else if (p instanceof ChoiceTuneParamContext c) {
                params.add(new Stmt.TuneParam(name(c.name()), null, false, (Value.ListOf) list(c.list()), span(c)));
            }
        }
        Quantity trials = null;
        Name search = null;
        Name metric = null;
        Quantity folds = null;
        for (TuneOptionContext o : t.tuneOption()) {
            if (o instanceof TrialsOptionContext x) {
                trials = quantity(x.quantity());
            } else if (o instanceof SearchOptionContext x) {
                search = name(x.name());
            } else if (o instanceof TuneMetricOptionContext x) {
                metric = name(x.name());
            } else if (o instanceof TuneFoldsOptionContext x) {
                folds = quantity(x.quantity());
            }
        }
        return new Stmt.Tune(name(t.name()), params, trials, search, metric, folds, kw, sp);
    }

    private Stmt lime(LimeRowsContext r, Span kw, Span sp) {
        if (r instanceof LimeFirstContext f) {
            return new Stmt.Lime("first", quantity(f.quantity()), List.of(), kw, sp);
        }
        if (r instanceof LimeUncertainContext u) {
            return new Stmt.Lime("uncertain", quantity(u.quantity()), List.of(), kw, sp);
        }
        if (r instanceof LimeChosenContext c) {
            return new Stmt.Lime("rows", null, quantities(c.numberList()), kw, sp);
        }
        return null;
    }

    private Stmt abtest(AbtestStmtContext a, Span kw, Span sp) {
        Quantity champion = null;
        Quantity challenger = null;
        Name sticky = null;
        boolean shadow = false;
        for (AbOptionContext o : a.abOption()) {
            if (o instanceof AbSplitOptionContext x) {
                champion = quantity(x.quantity(0));
                challenger = quantity(x.quantity(1));
            } else if (o instanceof StickyOptionContext x) {
                sticky = name(x.name());
            } else if (o instanceof ShadowOptionContext) {
                shadow = true;
            }
        }
        return new Stmt.AbTest(name(a.name(0)), name(a.name(1)), champion, challenger, sticky, shadow, kw, sp);
    }

    private Stmt.Option option(TransformOptionContext o) {
        Token key = o.getStart();
        Span sp = span(o);
        Span ks = tokenSpan(key);
        if (o instanceof WithOptionContext w) {
            return new Stmt.Option("with", ks, value(w.value()), null, sp);
        }
        if (o instanceof ToOptionContext t) {
            return new Stmt.Option("to", ks, new Value.Rng(range(t.range())), null, sp);
        }
        if (o instanceof TopOptionContext t) {
            return new Stmt.Option("top", ks, new Value.Num(quantity(t.quantity())), null, sp);
        }
        if (o instanceof MaxOptionContext t) {
            return new Stmt.Option("max", ks, new Value.Num(quantity(t.quantity())), null, sp);
        }
        if (o instanceof MinOptionContext t) {
            return new Stmt.Option("min", ks, new Value.Num(quantity(t.quantity())), null, sp);
        }
        if (o instanceof NgramsOptionContext t) {
            return new Stmt.Option("ngrams", ks, new Value.Rng(range(t.range())), null, sp);
        }
        if (o instanceof IntoOptionContext t) {
            return new Stmt.Option("into", ks, new Value.Num(quantity(t.quantity())), null, sp);
        }
        if (o instanceof PartsOptionContext t) {
            return new Stmt.Option("->", ks, null, names(t.nameList()), sp);
        }
        if (o instanceof UnknownPolicyOptionContext t) {
            return new Stmt.Option("unknown", ks, new Value.Word(name(t.name())), null, sp);
        }
        return null;
    }

    // ---- expressions

    Condition condition(ConditionContext c) {
        Span sp = span(c);
        if (c instanceof CompareConditionContext x) {
            return new Condition.Compare(expr(x.expr(0)), x.compOp().getText(), expr(x.expr(1)), sp);
        }
        if (c instanceof RangeConditionContext x) {
            return new Condition.InRange(expr(x.expr()), range(x.range()), x.NOT() != null, sp);
        }
        if (c instanceof SetConditionContext x) {
            return new Condition.InSet(expr(x.expr()), values(x.set().value()), x.NOT() != null, sp);
        }
        return null;
    }

    ExprNode expr(ExprContext e) {
        Span sp = span(e);
        if (e instanceof NegExprContext x) {
            return new ExprNode.Neg(expr(x.expr()), sp);
        }
        if (e instanceof MulExprContext x) {
            return new ExprNode.Binary(expr(x.expr(0)), x.getChild(1).getText(), expr(x.expr(1)), sp);
        }
        if (e instanceof AddExprContext x) {
            return new ExprNode.Binary(expr(x.expr(0)), x.getChild(1).getText(), expr(x.expr(1)), sp);
        }
        if (e instanceof ParenExprContext x) {
            return new ExprNode.Paren(expr(x.expr()), sp);
        }
        if (e instanceof CallExprContext x) {
            return new ExprNode.Call(name(x.name()), x.argument().stream().map(this::argument).toList(), sp);
        }
        if (e instanceof RowsExprContext x) {
            return new ExprNode.Rows(sp);
        }
        if (e instanceof NumberExprContext x) {
            return new ExprNode.Num(quantity(x.quantity()));
        }
        if (e instanceof StringExprContext x) {
            return new ExprNode.Str(unquote(x.STRING().getText()), sp);
        }
        if (e instanceof ColumnExprContext x) {
            return new ExprNode.Column(name(x.name()));
        }
        return null;
    }

    private Argument argument(ArgumentContext a) {
        return a.condition() != null ? condition(a.condition()) : expr(a.expr());
    }

    // ---- values

    Value value(ValueContext v) {
        if (v instanceof QuantityValueContext q) {
            return new Value.Num(quantity(q.quantity()));
        }
        if (v instanceof RangeValueContext r) {
            return new Value.Rng(range(r.range()));
        }
        if (v instanceof StringValueContext s) {
            return str(s.STRING().getSymbol());
        }
        if (v instanceof ListValueContext l) {
            return list(l.list());
        }
        if (v instanceof BoolValueContext b) {
            return new Value.Bool(b.TRUE() != null, span(b));
        }
        if (v instanceof NameValueContext n) {
            return new Value.Word(name(n.name()));
        }
        return null;
    }

    private Value list(ListContext l) {
        return new Value.ListOf(values(l.value()), span(l));
    }

    private List<Value> values(List<ValueContext> vs) {
        List<Value> out = new ArrayList<>();
        for (ValueContext v : vs) {
            out.add(value(v));
        }
        return out;
    }

    Quantity quantity(QuantityContext q) {
        Unit unit = Unit.NONE;
        if (q.unit() != null) {
            unit = switch (q.unit().getStart().getType()) {
                case MlxLexer.PERCENT -> Unit.PERCENT;
                case MlxLexer.MS -> Unit.MS;
                case MlxLexer.SECONDS -> Unit.SECONDS;
                case MlxLexer.MINUTES -> Unit.MINUTES;
                case MlxLexer.HOURS -> Unit.HOURS;
                case MlxLexer.DAYS -> Unit.DAYS;
                case MlxLexer.WEEKS -> Unit.WEEKS;
                default -> Unit.NONE;
            };
        }
        if (q.VARIABLE() != null) {
            String var = q.VARIABLE().getText().substring(1);
            return new Quantity(Double.NaN, q.VARIABLE().getText(), unit, var, span(q));
        }
        String text = q.number().getText();
        return new Quantity(parseNumber(text), text, unit, null, span(q));
    }

    private List<Quantity> quantities(NumberListContext l) {
        return l.quantity().stream().map(this::quantity).toList();
    }

    static double parseNumber(String text) {
        try {
            return Double.parseDouble(text.replace("_", ""));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    Range range(RangeContext r) {
        return new Range(quantity(r.quantity(0)), quantity(r.quantity(1)), span(r));
    }

    private static boolean warn(SeverityContext s) {
        return s != null && s.WARN() != null;
    }

    // ---- names and strings

    Name name(NameContext n) {
        Token t = n.getStart();
        if (t.getType() == MlxLexer.QUOTED_NAME) {
            return new Name(unquote(t.getText()), tokenSpan(t), true);
        }
        return new Name(t.getText(), tokenSpan(t), false);
    }

    private List<Name> names(NameListContext l) {
        return l.name().stream().map(this::name).toList();
    }

    private static Name keywordName(TerminalNode t) {
        return new Name(t.getText(), tokenSpan(t.getSymbol()), false);
    }

    private static Value.Str str(Token t) {
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
        if (start.getType() == org.antlr.v4.runtime.Token.EOF) {
            e = s;
        }
        return new Span(s, Math.max(s, e));
    }
}
