package dev.mlx.syntax;

import dev.mlx.ast.BlockKind;
import dev.mlx.ast.Experiment;
import dev.mlx.ast.Name;
import dev.mlx.ast.Section;
import dev.mlx.ast.Stmt;
import dev.mlx.ast.Value;
import dev.mlx.syntax.grammar.MlxParser.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns the parse tree into {@link dev.mlx.ast} records through the visitor ANTLR generates from
 * grammar/MlxParser.g4: one visit method per parser rule and labelled alternative, each returning
 * its AST piece. This class reads the experiment, its blocks and which statements they hold;
 * {@link StatementBuilder} the statements and {@link ValueBuilder} values and expressions.
 * Implementing the visitor interface, rather than extending ANTLR's base visitor that visits
 * children and returns null, means a rule added to the grammar does not compile until it has its
 * visit method; ParseTreeToAstTest holds every statement parsed to one AST statement.
 *
 * <p>A statement the parser could not read completely is left out (poisoned): its syntax error was
 * reported, and the checker must not pile further diagnostics on it.
 */
final class AstBuilder extends StatementBuilder {

    /** The experiment, or null when not even its header could be read. */
    Experiment build(FileContext file) {
        return visitFile(file).orElse(null);
    }

    @Override
    public Optional<Experiment> visitFile(FileContext file) {
        ExperimentContext e = file.experiment();
        if (e == null || e.EXPERIMENT() == null) {
            return Optional.empty();
        }
        return Optional.of(visitExperiment(e));
    }

    @Override
    public Experiment visitExperiment(ExperimentContext e) {
        Value.Str question = e.STRING() == null ? null : str(e.STRING().getSymbol());
        List<Section> sections = e.body == null ? List.of() : visitExperimentBody(e.body);
        return new Experiment(visitName(e.name()), question, sections, span(e));
    }

    @Override
    public List<Section> visitExperimentBody(ExperimentBodyContext body) {
        List<Section> out = new ArrayList<>();
        for (SectionContext s : body.section()) {
            out.add(s.getClass() == SectionContext.class ? unchosenSection(s) : build(s, Section.class));
        }
        return out;
    }

    /**
     * A block whose alternative the parser could not choose (only after a syntax error): kept as
     * an unknown block named by its first token, as it was written.
     */
    private static Section unchosenSection(SectionContext s) {
        TerminalNode keyword = (TerminalNode) s.getChild(0);
        return new Section(BlockKind.UNKNOWN, keywordName(keyword), null, List.of(), span(s));
    }

    // ---- sections: the block keyword, and the statements of its braces

    @Override
    public Section visitParamsSection(ParamsSectionContext s) {
        return section(BlockKind.PARAMS, s.PARAMS(), s.paramsBlock(), this::visitParamsBlock, s);
    }

    @Override
    public Section visitScopeSection(ScopeSectionContext s) {
        return section(BlockKind.SCOPE, s.SCOPE(), s.scopeBlock(), this::visitScopeBlock, s);
    }

    @Override
    public Section visitDataSection(DataSectionContext s) {
        return section(BlockKind.DATA, s.DATA(), s.dataBlock(), this::visitDataBlock, s);
    }

    @Override
    public Section visitReviewSection(ReviewSectionContext s) {
        return section(BlockKind.REVIEW, s.REVIEW(), s.reviewBlock(), this::visitReviewBlock, s);
    }

    @Override
    public Section visitChecksSection(ChecksSectionContext s) {
        return section(BlockKind.CHECKS, s.CHECKS(), s.checksBlock(), this::visitChecksBlock, s);
    }

    @Override
    public Section visitFeaturesSection(FeaturesSectionContext s) {
        return section(BlockKind.FEATURES, s.FEATURES(), s.featuresBlock(), this::visitFeaturesBlock, s);
    }

    @Override
    public Section visitInspectSection(InspectSectionContext s) {
        return section(BlockKind.INSPECT, s.INSPECT(), s.inspectBlock(), this::visitInspectBlock, s);
    }

    @Override
    public Section visitModelsSection(ModelsSectionContext s) {
        return section(BlockKind.MODELS, s.MODELS(), s.modelsBlock(), this::visitModelsBlock, s);
    }

    @Override
    public Section visitEvaluateSection(EvaluateSectionContext s) {
        return section(BlockKind.EVALUATE, s.EVALUATE(), s.evaluateBlock(), this::visitEvaluateBlock, s);
    }

    @Override
    public Section visitExplainSection(ExplainSectionContext s) {
        return section(BlockKind.EXPLAIN, s.EXPLAIN(), s.explainBlock(), this::visitExplainBlock, s);
    }

    @Override
    public Section visitDeploySection(DeploySectionContext s) {
        return section(BlockKind.DEPLOY, s.DEPLOY(), s.deployBlock(), this::visitDeployBlock, s);
    }

    @Override
    public Section visitFeedbackSection(FeedbackSectionContext s) {
        return section(BlockKind.FEEDBACK, s.FEEDBACK(), s.feedbackBlock(), this::visitFeedbackBlock, s);
    }

    @Override
    public Section visitReportSection(ReportSectionContext r) {
        Name kw = keywordName(r.REPORT());
        List<Stmt> stmts = r.STRING() == null ? List.of()
                : List.of(new Stmt.ReportPath(str(r.STRING().getSymbol()), kw.span(), span(r)));
        return new Section(BlockKind.REPORT, kw, null, stmts, span(r));
    }

    @Override
    public Section visitUnknownSection(UnknownSectionContext u) {
        return new Section(BlockKind.UNKNOWN, keywordName(u.IDENT()), null, List.of(), span(u));
    }

    /** A block is missing its braces only after a syntax error: then it has no statements. */
    private static <B extends ParserRuleContext> Section section(BlockKind kind, TerminalNode keyword, B block,
                                                                 Function<B, List<Stmt>> statements,
                                                                 SectionContext s) {
        return new Section(kind, keywordName(keyword), block == null ? null : span(block),
                block == null ? List.of() : statements.apply(block), span(s));
    }

    /** The statements the parser read completely, in order; each becomes exactly one AST statement. */
    private List<Stmt> statements(List<? extends ParserRuleContext> parsed) {
        List<Stmt> out = new ArrayList<>();
        for (ParserRuleContext c : parsed) {
            if (clean(c)) {
                out.add(build(c, Stmt.class));
            }
        }
        return out;
    }

    // ---- blocks: the statements of each block's braces

    @Override
    public List<Stmt> visitParamsBlock(ParamsBlockContext b) {
        return statements(b.paramDecl());
    }

    @Override
    public List<Stmt> visitScopeBlock(ScopeBlockContext b) {
        return statements(b.scopeStmt());
    }

    @Override
    public List<Stmt> visitDataBlock(DataBlockContext b) {
        return statements(b.dataStmt());
    }

    @Override
    public List<Stmt> visitReviewBlock(ReviewBlockContext b) {
        return statements(b.reviewStmt());
    }

    @Override
    public List<Stmt> visitChecksBlock(ChecksBlockContext b) {
        return statements(b.checkStmt());
    }

    @Override
    public List<Stmt> visitFeaturesBlock(FeaturesBlockContext b) {
        return statements(b.featureStmt());
    }

    @Override
    public List<Stmt> visitInspectBlock(InspectBlockContext b) {
        return statements(b.inspectStmt());
    }

    @Override
    public List<Stmt> visitModelsBlock(ModelsBlockContext b) {
        return statements(b.modelStmt());
    }

    @Override
    public List<Stmt> visitEvaluateBlock(EvaluateBlockContext b) {
        return statements(b.evaluateStmt());
    }

    @Override
    public List<Stmt> visitExplainBlock(ExplainBlockContext b) {
        return statements(b.explainStmt());
    }

    @Override
    public List<Stmt> visitDeployBlock(DeployBlockContext b) {
        return statements(b.deployStmt());
    }

    @Override
    public List<Stmt> visitFeedbackBlock(FeedbackBlockContext b) {
        return statements(b.feedbackStmt());
    }
}
