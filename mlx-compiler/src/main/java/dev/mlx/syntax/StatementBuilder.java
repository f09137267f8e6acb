package dev.mlx.syntax;

import dev.mlx.ast.Name;
import dev.mlx.ast.Quantity;
import dev.mlx.ast.Stmt;
import dev.mlx.ast.Value;
import dev.mlx.source.Span;
import dev.mlx.syntax.grammar.MlxLexer;
import dev.mlx.syntax.grammar.MlxParser.*;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * The statements of every block and their options, one visit method per labelled alternative,
 * each returning its {@link Stmt} (an option, the part of the statement it sets). The middle layer
 * of {@link AstBuilder}: it is given statements the parser read completely.
 */
abstract class StatementBuilder extends ValueBuilder {

    // ---- params

    @Override
    public Stmt.Param visitParamDecl(ParamDeclContext p) {
        Name name = visitName(p.name());
        return new Stmt.Param(name, value(p.value()), name.span(), span(p));
    }

    // ---- scope

    @Override
    public Stmt.Task visitTaskStmt(TaskStmtContext c) {
        return new Stmt.Task(visitName(c.name()), keyword(c), span(c));
    }

    @Override
    public Stmt.Target visitTargetStmt(TargetStmtContext c) {
        return new Stmt.Target(visitName(c.name()), keyword(c), span(c));
    }

    @Override
    public Stmt.Positive visitPositiveStmt(PositiveStmtContext c) {
        return new Stmt.Positive(value(c.value()), keyword(c), span(c));
    }

    @Override
    public Stmt.Metric visitMetricStmt(MetricStmtContext c) {
        return new Stmt.Metric(visitName(c.name()), keyword(c), span(c));
    }

    @Override
    public Stmt.Require visitRequireStmt(RequireStmtContext c) {
        return build(c.gate(), Stmt.Require.class);
    }

    // A gate is the whole `require` statement but its keyword: it carries the statement's spans.
    @Override
    public Stmt.Require visitLatencyGate(LatencyGateContext g) {
        ParserRuleContext stmt = g.getParent();
        return new Stmt.Require(true, visitName(g.name()), visitCompOp(g.compOp()), visitQuantity(g.quantity()),
                null, keyword(stmt), span(stmt));
    }

    @Override
    public Stmt.Require visitMetricGate(MetricGateContext g) {
        ParserRuleContext stmt = g.getParent();
        return new Stmt.Require(false, visitName(g.name(0)), visitCompOp(g.compOp()), visitQuantity(g.quantity()),
                g.name().size() > 1 ? visitName(g.name(1)) : null, keyword(stmt), span(stmt));
    }

    @Override
    public Stmt.Retrain visitRetrainStmt(RetrainStmtContext c) {
        return build(c.retrainPlan(), Stmt.Retrain.class);
    }

    @Override
    public Stmt.IntendedUse visitIntendedUseStmt(IntendedUseStmtContext c) {
        return new Stmt.IntendedUse(str(c.STRING().getSymbol()), keyword(c), span(c));
    }

    @Override
    public Stmt.Limitation visitLimitationStmt(LimitationStmtContext c) {
        return new Stmt.Limitation(str(c.STRING().getSymbol()), keyword(c), span(c));
    }

    @Override
    public Stmt.Retrain visitRetrainEvery(RetrainEveryContext p) {
        ParserRuleContext stmt = p.getParent();
        boolean drift = p.DRIFT() != null;
        return new Stmt.Retrain(visitQuantity(p.quantity(0)), drift ? visitCompOp(p.compOp()) : null,
                drift ? visitQuantity(p.quantity(1)) : null, keyword(stmt), span(stmt));
    }

    @Override
    public Stmt.Retrain visitRetrainOnDrift(RetrainOnDriftContext p) {
        ParserRuleContext stmt = p.getParent();
        return new Stmt.Retrain(null, visitCompOp(p.compOp()), visitQuantity(p.quantity()), keyword(stmt), span(stmt));
    }

    @Override
    public Stmt.Unknown visitUnknownScopeStmt(UnknownScopeStmtContext c) {
        return unknown(c);
    }

    // ---- data

    @Override
    public Stmt.CsvSource visitCsvSource(CsvSourceContext c) {
        return new Stmt.CsvSource(str(c.STRING(0).getSymbol()),
                c.STRING().size() > 1 ? str(c.STRING(1).getSymbol()) : null, keyword(c), span(c));
    }

    @Override
    public Stmt.JdbcSource visitJdbcSource(JdbcSourceContext c) {
        return new Stmt.JdbcSource(str(c.STRING(0).getSymbol()), str(c.STRING(1).getSymbol()), keyword(c), span(c));
    }

    @Override
    public Stmt.FileSource visitFileSource(FileSourceContext c) {
        return new Stmt.FileSource(c.format.getText(), str(c.STRING().getSymbol()), keyword(c), span(c));
    }

    @Override
    public Stmt.Id visitIdStmt(IdStmtContext c) {
        return new Stmt.Id(visitName(c.name()), keyword(c), span(c));
    }

    @Override
    public Stmt.Types visitTypesStmt(TypesStmtContext c) {
        return new Stmt.Types(visitTypesBlock(c.typesBlock()), keyword(c), span(c));
    }

    @Override
    public List<Stmt.TypeDecl> visitTypesBlock(TypesBlockContext b) {
        List<Stmt.TypeDecl> out = new ArrayList<>();
        for (TypeDeclContext d : b.typeDecl()) {
            if (clean(d)) {
                out.add(visitTypeDecl(d));
            }
        }
        return out;
    }

    @Override
    public Stmt.TypeDecl visitTypeDecl(TypeDeclContext d) {
        return new Stmt.TypeDecl(visitName(d.name(0)), visitName(d.typeName),
                d.STRING() == null ? null : str(d.STRING().getSymbol()), span(d));
    }

    @Override
    public Stmt.Describe visitDescribeStmt(DescribeStmtContext c) {
        return new Stmt.Describe(visitDescribeBlock(c.describeBlock()), keyword(c), span(c));
    }

    @Override
    public List<Stmt.ColumnDoc> visitDescribeBlock(DescribeBlockContext b) {
        List<Stmt.ColumnDoc> out = new ArrayList<>();
        for (ColumnDocContext d : b.columnDoc()) {
            if (clean(d)) {
                out.add(visitColumnDoc(d));
            }
        }
        return out;
    }

    @Override
    public Stmt.ColumnDoc visitColumnDoc(ColumnDocContext d) {
        return new Stmt.ColumnDoc(visitName(d.name()), str(d.text), d.unitText == null ? null : str(d.unitText), span(d));
    }

    @Override
    public Stmt.Missing visitMissingStmt(MissingStmtContext c) {
        return new Stmt.Missing(c.STRING().stream().map(t -> str(t.getSymbol())).toList(), keyword(c), span(c));
    }

    // What one option of a statement sets: the AST keeps these as fields of the statement.
    private sealed interface SplitPart permits Stratified, SplitSeed, OrderedBy {
    }

    private record Stratified(Span span) implements SplitPart {
    }

    private record SplitSeed(Value seed) implements SplitPart {
    }

    private record OrderedBy(Name column) implements SplitPart {
    }

    @Override
    public Stmt.Split visitSplitStmt(SplitStmtContext c) {
        boolean stratified = false;
        Span stratifiedSpan = null;
        Value seed = null;
        Name ordered = null;
        for (SplitOptionContext o : c.splitOption()) {
            SplitPart part = build(o, SplitPart.class);
            if (part instanceof Stratified x) {
                stratified = true;
                stratifiedSpan = x.span();
            } else if (part instanceof SplitSeed x) {
                seed = x.seed();
            } else if (part instanceof OrderedBy x) {
                ordered = x.column();
            } else {
                throw noAst(o, "`split` does not read " + part);
            }
        }
        return new Stmt.Split(visitQuantity(c.quantity()), stratified, stratifiedSpan, seed, ordered, keyword(c),
                span(c));
    }

    @Override
    public Stmt.SplitNone visitSplitNoneStmt(SplitNoneStmtContext c) {
        return new Stmt.SplitNone(keyword(c), span(c));
    }

    @Override
    public Stratified visitStratifiedOption(StratifiedOptionContext o) {
        return new Stratified(span(o));
    }

    @Override
    public SplitSeed visitSeedOption(SeedOptionContext o) {
        return new SplitSeed(value(o.value()));
    }

    @Override
    public OrderedBy visitOrderedOption(OrderedOptionContext o) {
        return new OrderedBy(visitName(o.name()));
    }

    @Override
    public Stmt.Unknown visitUnknownDataStmt(UnknownDataStmtContext c) {
        return unknown(c);
    }

    // ---- review

    @Override
    public Stmt.Summary visitSummaryStmt(SummaryStmtContext c) {
        return new Stmt.Summary(keyword(c), span(c));
    }

    @Override
    public Stmt.Outliers visitOutliersStmt(OutliersStmtContext c) {
        return new Stmt.Outliers(visitName(c.name()), c.quantity() == null ? null : visitQuantity(c.quantity()),
                keyword(c), span(c));
    }

    @Override
    public Stmt.Plot visitPlotStmt(PlotStmtContext c) {
        return new Stmt.Plot(visitName(c.name()), visitNameList(c.nameList()), keyword(c), span(c));
    }

    @Override
    public Stmt.Correlations visitCorrelationsStmt(CorrelationsStmtContext c) {
        return new Stmt.Correlations(c.name() == null ? null : visitName(c.name()), keyword(c), span(c));
    }

    @Override
    public Stmt.Balance visitBalanceStmt(BalanceStmtContext c) {
        return new Stmt.Balance(keyword(c), span(c));
    }

    @Override
    public Stmt.Quantiles visitQuantilesStmt(QuantilesStmtContext c) {
        return new Stmt.Quantiles(visitNumberList(c.numberList()), keyword(c), span(c));
    }

    @Override
    public Stmt.Sample visitReviewSampleStmt(ReviewSampleStmtContext c) {
        return new Stmt.Sample(visitQuantity(c.quantity()), keyword(c), span(c));
    }

    @Override
    public Stmt.Unknown visitUnknownReviewStmt(UnknownReviewStmtContext c) {
        return unknown(c);
    }

    // ---- checks

    @Override
    public Stmt.UniqueCheck visitUniqueCheck(UniqueCheckContext c) {
        return new Stmt.UniqueCheck(visitNameList(c.nameList()), warn(c.severity()), keyword(c), span(c));
    }

    @Override
    public Stmt.ConditionCheck visitConditionCheck(ConditionCheckContext c) {
        return new Stmt.ConditionCheck(condition(c.condition()), warn(c.severity()), keyword(c), span(c));
    }

    /** True for {@code warn}, false for {@code fail}. */
    @Override
    public Boolean visitSeverity(SeverityContext s) {
        return s.WARN() != null;
    }

    private boolean warn(SeverityContext s) {
        return s != null && visitSeverity(s);
    }

    // ---- features

    @Override
    public Stmt.Drop visitDropStmt(DropStmtContext c) {
        return new Stmt.Drop(visitNameList(c.nameList()), keyword(c), span(c));
    }

    @Override
    public Stmt.Derive visitDeriveStmt(DeriveStmtContext c) {
        return new Stmt.Derive(visitName(c.name()), expr(c.expr()), keyword(c), span(c));
    }

    @Override
    public Stmt.Transform visitTransformStmt(TransformStmtContext c) {
        Name kind = visitName(c.kind);
        List<Stmt.Option> options = c.transformOption().stream().map(o -> build(o, Stmt.Option.class)).toList();
        return new Stmt.Transform(kind, visitNameList(c.nameList()), null, options, kind.span(), span(c));
    }

    @Override
    public Stmt.Transform visitSelectorTransformStmt(SelectorTransformStmtContext c) {
        Name kind = visitName(c.kind);
        List<Stmt.Option> options = c.transformOption().stream().map(o -> build(o, Stmt.Option.class)).toList();
        return new Stmt.Transform(kind, List.of(), visitSelector(c.selector()), options, kind.span(), span(c));
    }

    @Override
    public Stmt.Selector visitSelector(SelectorContext c) {
        return new Stmt.Selector(visitName(c.columnKind), c.nameList() == null ? List.of() : visitNameList(c.nameList()),
                span(c));
    }

    @Override
    public Stmt.Option visitWithOption(WithOptionContext o) {
        return option("with", o, value(o.value()));
    }

    @Override
    public Stmt.Option visitToOption(ToOptionContext o) {
        return option("to", o, new Value.Rng(visitRange(o.range())));
    }

    @Override
    public Stmt.Option visitTopOption(TopOptionContext o) {
        return option("top", o, new Value.Num(visitQuantity(o.quantity())));
    }

    @Override
    public Stmt.Option visitMaxOption(MaxOptionContext o) {
        return option("max", o, new Value.Num(visitQuantity(o.quantity())));
    }

    @Override
    public Stmt.Option visitMinOption(MinOptionContext o) {
        return option("min", o, new Value.Num(visitQuantity(o.quantity())));
    }

    @Override
    public Stmt.Option visitNgramsOption(NgramsOptionContext o) {
        return option("ngrams", o, new Value.Rng(visitRange(o.range())));
    }

    @Override
    public Stmt.Option visitIntoOption(IntoOptionContext o) {
        return option("into", o, new Value.Num(visitQuantity(o.quantity())));
    }

    @Override
    public Stmt.Option visitPartsOption(PartsOptionContext o) {
        return new Stmt.Option("->", tokenSpan(o.getStart()), null, visitNameList(o.nameList()), span(o));
    }

    @Override
    public Stmt.Option visitUnknownPolicyOption(UnknownPolicyOptionContext o) {
        return option("unknown", o, new Value.Word(visitName(o.name())));
    }

    private static Stmt.Option option(String key, TransformOptionContext o, Value value) {
        return new Stmt.Option(key, tokenSpan(o.getStart()), value, null, span(o));
    }

    // ---- inspect

    @Override
    public Stmt.No visitNoStmt(NoStmtContext c) {
        return new Stmt.No(c.getChild(1).getText(), keyword(c), span(c));
    }

    @Override
    public Stmt.Leakage visitLeakageStmt(LeakageStmtContext c) {
        return new Stmt.Leakage(visitQuantity(c.quantity()), keyword(c), span(c));
    }

    @Override
    public Stmt.Coverage visitCoverageStmt(CoverageStmtContext c) {
        return new Stmt.Coverage(visitQuantity(c.quantity()), keyword(c), span(c));
    }

    @Override
    public Stmt.Sample visitInspectSampleStmt(InspectSampleStmtContext c) {
        return new Stmt.Sample(visitQuantity(c.quantity()), keyword(c), span(c));
    }

    @Override
    public Stmt.Unknown visitUnknownInspectStmt(UnknownInspectStmtContext c) {
        return unknown(c);
    }

    // ---- models

    @Override
    public Stmt.Model visitModelDecl(ModelDeclContext c) {
        Name kind = visitName(c.kind);
        return new Stmt.Model(kind, c.modelName == null ? null : visitName(c.modelName),
                c.hyperBlock() == null ? List.of() : visitHyperBlock(c.hyperBlock()), kind.span(), span(c));
    }

    @Override
    public List<Stmt.HyperParam> visitHyperBlock(HyperBlockContext b) {
        return b.hyperParam().stream().map(this::visitHyperParam).toList();
    }

    @Override
    public Stmt.HyperParam visitHyperParam(HyperParamContext h) {
        return new Stmt.HyperParam(visitName(h.name()), value(h.value()), span(h));
    }

    private sealed interface TunePart permits Trials, SearchMethod, TuneMetric, TuneFolds {
    }

    private record Trials(Quantity trials) implements TunePart {
    }

    private record SearchMethod(Name method) implements TunePart {
    }

    private record TuneMetric(Name metric) implements TunePart {
    }

    private record TuneFolds(Quantity folds) implements TunePart {
    }

    @Override
    public Stmt.Tune visitTuneStmt(TuneStmtContext c) {
        Quantity trials = null;
        Name search = null;
        Name metric = null;
        Quantity folds = null;
        for (TuneOptionContext o : c.tuneOption()) {
            TunePart part = build(o, TunePart.class);
            if (part instanceof Trials x) {
                trials = x.trials();
            } else if (part instanceof SearchMethod x) {
                search = x.method();
            } else if (part instanceof TuneMetric x) {
                metric = x.metric();
            } else if (part instanceof TuneFolds x) {
                folds = x.folds();
            } else {
                throw noAst(o, "`tune` does not read " + part);
            }
        }
        return new Stmt.Tune(visitName(c.name()), visitTuneBlock(c.tuneBlock()), trials, search, metric, folds,
                keyword(c), span(c));
    }

    @Override
    public List<Stmt.TuneParam> visitTuneBlock(TuneBlockContext b) {
        return b.tuneParam().stream().map(p -> build(p, Stmt.TuneParam.class)).toList();
    }

    @Override
    public Stmt.TuneParam visitRangeTuneParam(RangeTuneParamContext p) {
        return new Stmt.TuneParam(visitName(p.name()), visitRange(p.range()), p.LOG() != null, null, span(p));
    }

    @Override
    public Stmt.TuneParam visitChoiceTuneParam(ChoiceTuneParamContext p) {
        return new Stmt.TuneParam(visitName(p.name()), null, false, visitList(p.list()), span(p));
    }

    @Override
    public Trials visitTrialsOption(TrialsOptionContext o) {
        return new Trials(visitQuantity(o.quantity()));
    }

    @Override
    public SearchMethod visitSearchOption(SearchOptionContext o) {
        return new SearchMethod(visitName(o.name()));
    }

    @Override
    public TuneMetric visitTuneMetricOption(TuneMetricOptionContext o) {
        return new TuneMetric(visitName(o.name()));
    }

    @Override
    public TuneFolds visitTuneFoldsOption(TuneFoldsOptionContext o) {
        return new TuneFolds(visitQuantity(o.quantity()));
    }

    // ---- evaluate

    @Override
    public Stmt.Cv visitCvStmt(CvStmtContext c) {
        TerminalNode stratified = c.STRATIFIED();
        return new Stmt.Cv(visitQuantity(c.quantity()), stratified != null,
                stratified == null ? null : tokenSpan(stratified.getSymbol()), keyword(c), span(c));
    }

    @Override
    public Stmt.HoldoutOnly visitHoldoutOnlyStmt(HoldoutOnlyStmtContext c) {
        return new Stmt.HoldoutOnly(keyword(c), span(c));
    }

    @Override
    public Stmt.Metrics visitMetricsStmt(MetricsStmtContext c) {
        return new Stmt.Metrics(visitNameList(c.nameList()), keyword(c), span(c));
    }

    @Override
    public Stmt.Select visitSelectBestStmt(SelectBestStmtContext c) {
        return new Stmt.Select(false, null, visitName(c.name()), keyword(c), span(c));
    }

    @Override
    public Stmt.Select visitSelectSimplestStmt(SelectSimplestStmtContext c) {
        return new Stmt.Select(true, visitQuantity(c.quantity()), visitName(c.name()), keyword(c), span(c));
    }

    @Override
    public Stmt.LearningCurve visitLearningCurveStmt(LearningCurveStmtContext c) {
        return new Stmt.LearningCurve(c.numberList() == null ? List.of() : visitNumberList(c.numberList()),
                c.name() == null ? null : visitName(c.name()), keyword(c), span(c));
    }

    @Override
    public Stmt.Slices visitSlicesStmt(SlicesStmtContext c) {
        return new Stmt.Slices(visitNameList(c.nameList()), keyword(c), span(c));
    }

    @Override
    public Stmt.Unknown visitUnknownEvaluateStmt(UnknownEvaluateStmtContext c) {
        return unknown(c);
    }

    // ---- explain

    @Override
    public Stmt.Importance visitImportanceStmt(ImportanceStmtContext c) {
        return new Stmt.Importance(c.name() == null ? null : visitName(c.name()),
                c.quantity() == null ? null : visitQuantity(c.quantity()), keyword(c), span(c));
    }

    @Override
    public Stmt.Lime visitLimeStmt(LimeStmtContext c) {
        return build(c.limeRows(), Stmt.Lime.class);
    }

    // Which rows LIME explains is the whole `lime` statement but its keyword: it carries its spans.
    @Override
    public Stmt.Lime visitLimeFirst(LimeFirstContext r) {
        ParserRuleContext stmt = r.getParent();
        return new Stmt.Lime("first", visitQuantity(r.quantity()), List.of(), keyword(stmt), span(stmt));
    }

    @Override
    public Stmt.Lime visitLimeUncertain(LimeUncertainContext r) {
        ParserRuleContext stmt = r.getParent();
        return new Stmt.Lime("uncertain", visitQuantity(r.quantity()), List.of(), keyword(stmt), span(stmt));
    }

    @Override
    public Stmt.Lime visitLimeChosen(LimeChosenContext r) {
        ParserRuleContext stmt = r.getParent();
        return new Stmt.Lime("rows", null, visitNumberList(r.numberList()), keyword(stmt), span(stmt));
    }

    @Override
    public Stmt.Dependence visitDependenceStmt(DependenceStmtContext c) {
        return new Stmt.Dependence(visitNameList(c.nameList()), keyword(c), span(c));
    }

    @Override
    public Stmt.Unknown visitUnknownExplainStmt(UnknownExplainStmtContext c) {
        return unknown(c);
    }

    // ---- deploy

    @Override
    public Stmt.Export visitExportStmt(ExportStmtContext c) {
        return new Stmt.Export(visitName(c.name()), str(c.STRING().getSymbol()), keyword(c), span(c));
    }

    @Override
    public Stmt.Serve visitServeStmt(ServeStmtContext c) {
        return new Stmt.Serve(c.quantity() == null ? null : visitQuantity(c.quantity()),
                c.name() == null ? null : visitName(c.name()), keyword(c), span(c));
    }

    @Override
    public Stmt.Unknown visitUnknownDeployStmt(UnknownDeployStmtContext c) {
        return unknown(c);
    }

    // ---- feedback

    @Override
    public Stmt.Store visitStoreStmt(StoreStmtContext c) {
        return new Stmt.Store(visitName(c.name()), str(c.STRING().getSymbol()), keyword(c), span(c));
    }

    private sealed interface AbPart permits AbSplit, StickyBy, Shadow {
    }

    private record AbSplit(Quantity champion, Quantity challenger) implements AbPart {
    }

    private record StickyBy(Name column) implements AbPart {
    }

    private record Shadow() implements AbPart {
    }

    @Override
    public Stmt.AbTest visitAbtestStmt(AbtestStmtContext c) {
        Quantity champion = null;
        Quantity challenger = null;
        Name sticky = null;
        boolean shadow = false;
        for (AbOptionContext o : c.abOption()) {
            AbPart part = build(o, AbPart.class);
            if (part instanceof AbSplit x) {
                champion = x.champion();
                challenger = x.challenger();
            } else if (part instanceof StickyBy x) {
                sticky = x.column();
            } else if (part instanceof Shadow) {
                shadow = true;
            } else {
                throw noAst(o, "`abtest` does not read " + part);
            }
        }
        return new Stmt.AbTest(visitName(c.name(0)), visitName(c.name(1)), champion, challenger, sticky, shadow,
                keyword(c), span(c));
    }

    @Override
    public AbSplit visitAbSplitOption(AbSplitOptionContext o) {
        return new AbSplit(visitQuantity(o.quantity(0)), visitQuantity(o.quantity(1)));
    }

    @Override
    public StickyBy visitStickyOption(StickyOptionContext o) {
        return new StickyBy(visitName(o.name()));
    }

    @Override
    public Shadow visitShadowOption(ShadowOptionContext o) {
        return new Shadow();
    }

    @Override
    public Stmt.Online visitOnlineStmt(OnlineStmtContext c) {
        return new Stmt.Online(visitName(c.name(0)), c.kpiName == null ? null : visitName(c.kpiName),
                c.kpiGoal == null ? null : new Name(c.kpiGoal.getText(), tokenSpan(c.kpiGoal), false), visitQuantity(c.quantity()), keyword(c),
                span(c));
    }

    @Override
    public Stmt.RetrainMargin visitRetrainMarginStmt(RetrainMarginStmtContext c) {
        return new Stmt.RetrainMargin(visitQuantity(c.quantity()), keyword(c), span(c));
    }

    @Override
    public Stmt.Unknown visitUnknownFeedbackStmt(UnknownFeedbackStmtContext c) {
        return unknown(c);
    }

    // ---- statements the block does not know: named by their first word, for did-you-mean

    private static Stmt.Unknown unknown(ParserRuleContext c) {
        Token head = c.getStart();
        boolean quoted = head.getType() == MlxLexer.QUOTED_NAME;
        Name n = new Name(quoted ? unquote(head.getText()) : head.getText(), tokenSpan(head), quoted);
        return new Stmt.Unknown(n, n.span(), span(c));
    }
}
