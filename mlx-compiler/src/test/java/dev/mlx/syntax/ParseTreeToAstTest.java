package dev.mlx.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.ast.Experiment;
import dev.mlx.ast.Section;
import dev.mlx.ast.Stmt;
import dev.mlx.diag.Diagnostic;
import dev.mlx.source.SourceFile;
import dev.mlx.source.Span;
import dev.mlx.syntax.grammar.MlxParser;
import dev.mlx.syntax.grammar.MlxParser.*;
import dev.mlx.syntax.grammar.MlxParserVisitor;
import dev.mlx.testing.Repo;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;
import org.junit.jupiter.api.Test;

/**
 * The bridge from parse tree to AST cannot drop what was written. A rule or labelled alternative
 * added to grammar/MlxParser.g4 without AST support fails the build twice over: AstBuilder
 * implements the generated visitor interface, so it stops compiling ("does not override abstract
 * method visitX"), and, should someone make it extend ANTLR's base visitor instead, the checks here
 * name every rule whose visit method it lacks ({@link #aRuleWithoutAVisitMethodIsNamed} shows that on
 * a grown grammar). Over every .mlx file in the repository, each statement the parser read is one
 * AST statement, and every rule and alternative of the grammar occurs in a file that parses clean,
 * so each has been built at least once.
 */
class ParseTreeToAstTest {
    /** Rules the AST leaves out on purpose; their visit methods refuse with an internal error. */
    private static final Set<String> NO_AST = Set.of("visitSep", "visitNl", "visitUnknownTail", "visitBraced");
    /** Uses every rule at least once; the corpus below includes it. */
    private static final Path EVERY_STATEMENT = Path.of("syntax", "every-statement.mlx");

    // ---- the grammar, the generated visitor and the builder agree

    @Test
    void theVisitorHasOneMethodPerRuleAndLabelledAlternative() {
        Set<String> expected = new TreeSet<>();
        for (String rule : MlxParser.ruleNames) {
            Class<?> context = contextClasses().get(capitalise(rule) + "Context");
            assertNotNull(context, () -> "no context class for rule " + rule);
            List<String> labels = contextClasses().values().stream()
                    .filter(c -> c.getSuperclass() == context)
                    .map(c -> c.getSimpleName().replaceFirst("Context$", ""))
                    .toList();
            if (labels.isEmpty()) {
                expected.add("visit" + capitalise(rule));
            } else {
                labels.forEach(label -> expected.add("visit" + label));
            }
        }
        Set<String> actual = Arrays.stream(MlxParserVisitor.class.getDeclaredMethods())
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, actual, "the generated visitor is out of step with MlxParser.ruleNames");
        assertTrue(actual.size() > 100, "suspiciously few rules: " + actual.size());
    }

    @Test
    void theBuilderImplementsEveryVisitMethod() {
        assertEquals(List.of(), missingVisits(MlxParserVisitor.class, AstBuilder.class));
    }

    /** A grammar that grew a statement the builder does not know: the check names it. */
    @Test
    void aRuleWithoutAVisitMethodIsNamed() {
        assertEquals(List.of("visitForecastStmt"), missingVisits(GrownVisitor.class, AstBuilder.class));
    }

    interface GrownVisitor<T> extends MlxParserVisitor<T> {
        T visitForecastStmt(ForecastStmtContext ctx);
    }

    /**
     * A labelled alternative the builder has no method for, as ANTLR would generate it were the
     * visitor interface stale: reaching it is an internal error that names the rule and alternative,
     * never a statement quietly left out.
     */
    static final class ForecastStmtContext extends ScopeStmtContext {
        ForecastStmtContext(ScopeStmtContext ctx) {
            copyFrom(ctx);
        }
    }

    @Test
    void aStatementTheBuilderCannotBuildIsAnInternalError() {
        ScopeBlockContext block = new ScopeBlockContext(null, 0);
        block.addChild(new ForecastStmtContext(new ScopeStmtContext(block, 0)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new AstBuilder().visitScopeBlock(block));
        assertTrue(e.getMessage().startsWith(
                "internal error: no AST for parser rule `scopeStmt` (alternative `forecastStmt`)"), e.getMessage());
    }

    @Test
    void aRuleWithNoAstRefusesToBeBuilt() throws ReflectiveOperationException {
        Set<String> refusing = new TreeSet<>();
        for (Method m : MlxParserVisitor.class.getDeclaredMethods()) {
            ParserRuleContext empty = emptyContext(m.getParameterTypes()[0]);
            try {
                AstBuilder.class.getMethod(m.getName(), m.getParameterTypes()).invoke(new AstBuilder(), empty);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof IllegalStateException ise
                        && ise.getMessage().startsWith("internal error: no AST for parser rule `")) {
                    refusing.add(m.getName());
                }
            }
        }
        assertEquals(new TreeSet<>(NO_AST), refusing);
        // A context whose alternative the parser could not choose reaches ANTLR's default, which refuses too.
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new AstBuilder().visit(new ScopeStmtContext(null, 0)));
        assertTrue(e.getMessage().startsWith("internal error: no AST for parser rule `scopeStmt`: "), e.getMessage());
    }

    @Test
    void theErrorReporterNamesOnlyRulesThatExist() {
        Set<String> rules = Set.of(MlxParser.ruleNames);
        for (String rule : SyntaxErrors.CONTEXT.keySet()) {
            assertTrue(rules.contains(rule), () -> "SyntaxErrors describes `" + rule + "`, which the grammar lacks");
        }
    }

    /** The visit methods of {@code visitor} that {@code builder} does not implement itself. */
    static List<String> missingVisits(Class<?> visitor, Class<?> builder) {
        List<String> missing = new ArrayList<>();
        for (Method m : allMethods(visitor)) {
            if (!m.getName().startsWith("visit") || m.getDeclaringClass().getName().startsWith("org.antlr")) {
                continue;
            }
            Method impl;
            try {
                impl = builder.getMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(m.getName());
                continue;
            }
            Class<?> owner = impl.getDeclaringClass();
            if (owner.isInterface() || Modifier.isAbstract(impl.getModifiers())
                    || !owner.getPackageName().equals(AstBuilder.class.getPackageName())) {
                missing.add(m.getName());
            }
        }
        missing.sort(null);
        return missing;
    }

    private static List<Method> allMethods(Class<?> visitor) {
        List<Method> out = new ArrayList<>(Arrays.asList(visitor.getDeclaredMethods()));
        for (Class<?> parent : visitor.getInterfaces()) {
            out.addAll(allMethods(parent));
        }
        return out;
    }

    // ---- no statement is lost: every .mlx file in the repository

    @Test
    void everyStatementParsedIsOneAstStatement() throws IOException {
        List<Path> corpus = corpus();
        assertTrue(corpus.size() > 100, "corpus missing: " + corpus.size());
        Set<String> built = new TreeSet<>();
        int statements = 0;
        for (Path path : corpus) {
            String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8); // fuzz inputs need not be UTF-8
            List<Diagnostic> errors = new ArrayList<>();
            Parsing.Parsed parsed = Parsing.parseWithTree(SourceFile.of(path.toString(), text), errors::add);
            Experiment ast = parsed.result().experiment();
            if (parsed.tree() == null || ast == null) {
                continue;
            }
            assertTrue(!path.endsWith(EVERY_STATEMENT) || !parsed.result().hasSyntaxErrors(),
                    () -> EVERY_STATEMENT + " has syntax errors: " + errors);
            statements += compare(path, parsed.tree(), ast);
            if (!parsed.result().hasSyntaxErrors()) {
                collectLabels(parsed.tree(), built);
            }
        }
        assertTrue(statements > 1000, "too few statements compared: " + statements);
        Set<String> unbuilt = new TreeSet<>(visitMethods());
        unbuilt.removeAll(built);
        unbuilt.removeAll(NO_AST);
        assertEquals(Set.of(), unbuilt, "rules and alternatives that no clean file in the repository uses, so the "
                + "builder was never shown to build them; add a statement that uses each to "
                + "src/test/resources/" + EVERY_STATEMENT);
    }

    /** Sections, statements and their inner lists of the tree against the AST; the statements compared. */
    private static int compare(Path path, FileContext tree, Experiment ast) {
        List<SectionContext> sections = tree.experiment().body == null ? List.of() : tree.experiment().body.section();
        assertEquals(sections.size(), ast.sections().size(), () -> path + ": blocks parsed vs. built");
        int compared = 0;
        for (int i = 0; i < sections.size(); i++) {
            SectionContext parsed = sections.get(i);
            Section section = ast.sections().get(i);
            List<ParserRuleContext> read = statementsRead(parsed);
            List<Span> expected = read.stream().map(ValueBuilder::span).toList();
            List<Span> actual = section.statements().stream().map(Stmt::span).toList();
            assertEquals(expected, actual, () -> path + ": statements of `" + section.name().text()
                    + "` parsed vs. built (by span)");
            for (int j = 0; j < read.size(); j++) {
                compareInner(path, read.get(j), section.statements().get(j));
            }
            compared += read.size();
        }
        return compared;
    }

    /**
     * The statements of a block the parser read without error: every rule inside the block's braces
     * but the separators, found without asking the builder which rules it knows.
     */
    private static List<ParserRuleContext> statementsRead(SectionContext section) {
        if (section instanceof ReportSectionContext r) {
            return r.STRING() == null ? List.of() : List.of(r);
        }
        if (section instanceof UnknownSectionContext) {
            return List.of(); // a block the language lacks is kept by its name; the checker names it
        }
        ParserRuleContext block = section.getChildCount() > 1 && section.getChild(1) instanceof ParserRuleContext p
                ? p : null;
        List<ParserRuleContext> out = new ArrayList<>();
        for (int i = 0; block != null && i < block.getChildCount(); i++) {
            if (block.getChild(i) instanceof ParserRuleContext c && !(c instanceof SepContext)
                    && !(c instanceof NlContext) && ValueBuilder.clean(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The lists inside a statement: hyperparameters, tuned ranges, column types, options, markers. */
    private static void compareInner(Path path, ParserRuleContext parsed, Stmt built) {
        Map<String, Integer> expected = new TreeMap<>();
        Map<String, Integer> actual = new TreeMap<>();
        if (built instanceof Stmt.Model m) {
            expected.put("hyperparameters", count(parsed, HyperParamContext.class));
            actual.put("hyperparameters", m.params().size());
        } else if (built instanceof Stmt.Tune t) {
            expected.put("tuned ranges", count(parsed, TuneParamContext.class));
            actual.put("tuned ranges", t.params().size());
            expected.put("tune options", count(parsed, TuneOptionContext.class));
            actual.put("tune options", (t.trials() == null ? 0 : 1) + (t.search() == null ? 0 : 1)
                    + (t.metric() == null ? 0 : 1) + (t.folds() == null ? 0 : 1));
        } else if (built instanceof Stmt.Types t) {
            expected.put("column types", count(parsed, TypeDeclContext.class));
            actual.put("column types", t.decls().size());
        } else if (built instanceof Stmt.Transform t) {
            expected.put("options", count(parsed, TransformOptionContext.class));
            actual.put("options", t.options().size());
        } else if (built instanceof Stmt.Missing m) {
            expected.put("markers", ((MissingStmtContext) parsed).STRING().size());
            actual.put("markers", m.markers().size());
        }
        assertEquals(expected, actual, () -> path + ": inside " + parsed.getText());
    }

    private static int count(ParseTree tree, Class<? extends ParserRuleContext> type) {
        int n = type.isInstance(tree) ? 1 : 0;
        for (int i = 0; i < tree.getChildCount(); i++) {
            n += count(tree.getChild(i), type);
        }
        return n;
    }

    private static void collectLabels(ParseTree tree, Set<String> out) {
        if (tree instanceof ParserRuleContext c) {
            out.add("visit" + capitalise(ValueBuilder.label(c)));
            for (int i = 0; i < c.getChildCount(); i++) {
                collectLabels(c.getChild(i), out);
            }
        }
    }

    /** Every .mlx file the repository keeps: the examples and the compiler's test inputs. */
    private static List<Path> corpus() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(Repo.root("examples"), Repo.module("src/test/resources"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(p -> p.toString().endsWith(".mlx")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    // ---- reflection over the generated parser

    private static Map<String, Class<?>> contextClasses() {
        return Arrays.stream(MlxParser.class.getDeclaredClasses())
                .filter(ParserRuleContext.class::isAssignableFrom)
                .collect(Collectors.toMap(Class::getSimpleName, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    private static Set<String> visitMethods() {
        return Arrays.stream(MlxParserVisitor.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A context with nothing in it: a labelled alternative wraps an empty context of its rule. */
    private static ParserRuleContext emptyContext(Class<?> type) throws ReflectiveOperationException {
        Class<?> parent = type.getSuperclass();
        if (parent != ParserRuleContext.class) {
            Object base = parent.getConstructor(ParserRuleContext.class, int.class).newInstance(null, 0);
            return (ParserRuleContext) type.getConstructor(parent).newInstance(base);
        }
        return (ParserRuleContext) type.getConstructor(ParserRuleContext.class, int.class).newInstance(null, 0);
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
