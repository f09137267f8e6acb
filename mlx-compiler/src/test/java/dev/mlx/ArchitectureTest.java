package dev.mlx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.testing.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The arrows inside the modules (see STYLE.md). Between modules Maven keeps them: mlx-runtime cannot
 * see the compiler because it does not depend on it. Inside a module this test reads every module's
 * main sources as text and checks what each package imports, by {@code import} line or by fully
 * qualified name in code — ANTLR only in syntax/, source/diag/ast/catalog as leaves — that every
 * package has a package-info, and that the runtime's packages ({@code dev.mlx.runtime} and below) use
 * one another without a cycle. Comments and string literals are ignored.
 */
class ArchitectureTest {
    private static final String ANTLR = "org.antlr";

    /** What one package may depend on, decided by the package name; {@code null} when it may. */
    private static String ruleBroken(String pkg, String target) {
        String from = module(pkg);
        if (target.equals(ANTLR)) {
            return pkg.equals("dev.mlx.syntax") || pkg.startsWith("dev.mlx.syntax.")
                    ? null : "only dev.mlx.syntax may use ANTLR";
        }
        String to = module(target);
        if (to.equals(from)) {
            return null;
        }
        return switch (from) {
            case "source" -> "dev.mlx.source depends on the JDK only";
            case "catalog" -> "dev.mlx.catalog depends on nothing of dev.mlx";
            case "diag" -> to.equals("source") ? null : "dev.mlx.diag may use only dev.mlx.source";
            case "ast" -> to.equals("source") ? null : "dev.mlx.ast may use only dev.mlx.source";
            default -> null;
        };
    }

    /** The first segment below dev.mlx ({@code check} for dev.mlx.check.data); "" for dev.mlx itself. */
    private static String module(String name) {
        if (!name.startsWith("dev.mlx.")) {
            return name.equals("dev.mlx") ? "" : name;
        }
        String rest = name.substring("dev.mlx.".length());
        int dot = rest.indexOf('.');
        String first = dot < 0 ? rest : rest.substring(0, dot);
        return first.isEmpty() || Character.isUpperCase(first.charAt(0)) ? "" : first;
    }

    /** A package-qualified name, whether on an import line or in code. */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])(dev\\.mlx(?:\\.\\w+)+|org\\.antlr\\.\\w+)");

    /** One dependency found: the file, its line, and what it reaches for. */
    record Use(String file, int line, String target) {
    }

    /** Every dev.mlx package and org.antlr use in one source file, by import or qualified name. */
    static List<Use> uses(String file, String text) {
        String code = blankCommentsAndStrings(text);
        List<Use> out = new ArrayList<>();
        Matcher m = QUALIFIED.matcher(code);
        while (m.find()) {
            String name = m.group(1);
            if (isPackageDeclaration(code, m.start())) {
                continue;
            }
            String target = name.startsWith("org.antlr.") ? ANTLR : packageOf(name);
            out.add(new Use(file, lineOf(code, m.start()), target));
        }
        return out;
    }

    private static boolean isPackageDeclaration(String code, int at) {
        int lineStart = code.lastIndexOf('\n', at - 1) + 1;
        return code.substring(lineStart, at).trim().equals("package");
    }

    /** dev.mlx.diag.Code.MLX0104 → dev.mlx.diag: packages are lowercase, classes are not. */
    private static String packageOf(String qualified) {
        String[] parts = qualified.split("\\.");
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (!p.isEmpty() && Character.isUpperCase(p.charAt(0))) {
                break;
            }
            sb.append(sb.length() == 0 ? "" : ".").append(p);
        }
        return sb.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Replaces comments, string, text-block and char literals with spaces, keeping line breaks. */
    static String blankCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int end;
            if (s.startsWith("//", i)) {
                end = s.indexOf('\n', i);
                end = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = literalEnd(s, i + 3, "\"\"\"");
            } else if (c == '"' || c == '\'') {
                end = literalEnd(s, i + 1, String.valueOf(c));
            } else {
                out.append(c);
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                out.append(s.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return out.toString();
    }

    private static int literalEnd(String s, int from, String close) {
        int i = from;
        while (i < s.length()) {
            if (s.charAt(i) == '\\') {
                i += 2;
            } else if (s.startsWith(close, i)) {
                return i + close.length();
            } else {
                i++;
            }
        }
        return s.length();
    }

    /**
     * Every broken rule in a set of sources keyed by path below the source root
     * ({@code dev/mlx/diag/Label.java}), sorted; empty when the house is in order.
     */
    static List<String> violations(Map<String, String> sources) {
        List<String> out = new ArrayList<>();
        Set<String> packageDirs = new TreeSet<>();
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, String> e : new TreeMap<>(sources).entrySet()) {
            String path = e.getKey();
            int slash = path.lastIndexOf('/');
            String dir = slash < 0 ? "" : path.substring(0, slash);
            packageDirs.add(dir);
            if (path.endsWith("/package-info.java")) {
                documented.add(dir);
            }
            String pkg = dir.replace('/', '.');
            for (Use use : uses(path, e.getValue())) {
                String why = ruleBroken(pkg, use.target());
                if (why != null) {
                    out.add(path + ":" + use.line() + ": uses " + use.target() + " — " + why);
                }
            }
        }
        for (String dir : packageDirs) {
            if (dir.startsWith("dev/mlx") && !documented.contains(dir)) {
                out.add(dir + ": no package-info.java saying what the package owns and must not import");
            }
        }
        return out;
    }

    private static final String RUNTIME = "dev.mlx.runtime";

    private static boolean inRuntime(String pkg) {
        return pkg.equals(RUNTIME) || pkg.startsWith(RUNTIME + ".");
    }

    /**
     * The loops among the runtime's packages, one line per strongly connected set of packages: its
     * members and every use inside it, with the first place each is made. Empty when the packages form
     * a tree (strictly, a graph without cycles: a package may be used by many).
     */
    static List<String> runtimeCycles(Map<String, String> sources) {
        Map<String, Map<String, Use>> edges = new TreeMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(sources).entrySet()) {
            String path = e.getKey();
            String pkg = path.substring(0, Math.max(0, path.lastIndexOf('/'))).replace('/', '.');
            if (!inRuntime(pkg)) {
                continue;
            }
            edges.computeIfAbsent(pkg, k -> new TreeMap<>());
            for (Use use : uses(path, e.getValue())) {
                if (inRuntime(use.target()) && !use.target().equals(pkg)) {
                    edges.get(pkg).putIfAbsent(use.target(), use);
                    edges.computeIfAbsent(use.target(), k -> new TreeMap<>());
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (List<String> component : new Components(edges).strong()) {
            if (component.size() < 2) {
                continue;
            }
            List<String> steps = new ArrayList<>();
            for (String from : component) {
                edges.get(from).forEach((to, use) -> {
                    if (component.contains(to)) {
                        steps.add(from + " → " + to + " (" + use.file() + ":" + use.line() + ")");
                    }
                });
            }
            out.add("cycle among " + String.join(", ", component) + ": " + String.join("; ", steps));
        }
        return out;
    }

    /** Tarjan's strongly connected components of a small graph, each sorted, in the order of their smallest member. */
    private static final class Components {
        private final Map<String, Map<String, Use>> edges;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<List<String>> found = new ArrayList<>();

        Components(Map<String, Map<String, Use>> edges) {
            this.edges = edges;
        }

        List<List<String>> strong() {
            for (String node : edges.keySet()) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
            found.sort((a, b) -> a.get(0).compareTo(b.get(0)));
            return found;
        }

        private void visit(String node) {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            for (String next : edges.get(node).keySet()) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                List<String> component = new ArrayList<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(node));
                component.sort(null);
                found.add(component);
            }
        }
    }

    /** Every module's main sources: package names are unique across modules. */
    private static List<Path> sourceRoots() throws IOException {
        try (Stream<Path> modules = Files.list(Repo.root("."))) {
            return modules.filter(m -> m.getFileName().toString().startsWith("mlx-"))
                    .map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList();
        }
    }

    private static Map<String, String> readTree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                try {
                    out.put(root.relativize(p).toString().replace('\\', '/'),
                            Files.readString(p, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return out;
    }

    @Test
    void mainSourcesKeepTheLayering() throws IOException {
        Map<String, String> tree = new TreeMap<>();
        for (Path root : sourceRoots()) {
            tree.putAll(readTree(root));
        }
        // A scan that read nothing would pass; make sure it saw the parser's own ANTLR use and the runtime.
        assertTrue(tree.containsKey("dev/mlx/syntax/Parsing.java"), "source tree not found at " + sourceRoots());
        assertTrue(tree.containsKey("dev/mlx/runtime/Runner.java"), "runtime sources not found at " + sourceRoots());
        assertTrue(uses("Parsing.java", tree.get("dev/mlx/syntax/Parsing.java")).stream()
                .anyMatch(u -> u.target().equals(ANTLR)), "the scanner no longer sees ANTLR imports");
        List<String> broken = violations(tree);
        assertEquals(List.of(), broken, () -> "layering rules broken (see STYLE.md):\n  " + String.join("\n  ", broken));
    }

    /** A reader meets one class per simple name across every module: no second `Experiment` to confuse with the first. */
    @Test
    void noTwoClassesShareASimpleName() throws IOException {
        Map<String, List<String>> byName = new TreeMap<>();
        for (Path root : sourceRoots()) {
            for (String file : readTree(root).keySet()) {
                String name = file.substring(file.lastIndexOf('/') + 1, file.length() - ".java".length());
                if (!name.equals("package-info")) {
                    byName.computeIfAbsent(name, n -> new ArrayList<>()).add(file);
                }
            }
        }
        assertTrue(byName.containsKey("Runner") && byName.containsKey("Parsing"), "sources not found at " + sourceRoots());
        List<String> shared = byName.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + ": " + String.join(", ", e.getValue())).toList();
        assertEquals(List.of(), shared, "classes sharing a simple name");
    }

    @Test
    void runtimePackagesFormATree() throws IOException {
        Map<String, String> tree = readTree(Repo.root("mlx-runtime/src/main/java"));
        // A scan that saw no runtime package uses would pass: the evaluator does use the tuner.
        assertTrue(uses("Evaluator.java", tree.get("dev/mlx/runtime/eval/Evaluator.java")).stream()
                .anyMatch(u -> u.target().equals("dev.mlx.runtime.eval.tune")), "runtime sources not scanned");
        List<String> cycles = runtimeCycles(tree);
        assertEquals(List.of(), cycles, () -> "the runtime's packages use one another in a loop; move the shared piece "
                + "into a package below both, or hand the call in:\n  " + String.join("\n  ", cycles));
    }

    @Test
    void cyclesAmongRuntimePackagesAreFoundAndCommentsAreNotUses() {
        Map<String, String> sources = Map.of(
                "dev/mlx/runtime/Runner.java", "package dev.mlx.runtime;\nimport dev.mlx.runtime.eval.Evaluator;\nclass Runner {}\n",
                "dev/mlx/runtime/eval/Evaluator.java", "package dev.mlx.runtime.eval;\nimport dev.mlx.runtime.eval.tune.Tuner;\n"
                        + "import dev.mlx.runtime.base.RunException;\nclass Evaluator {}\n",
                "dev/mlx/runtime/eval/tune/Tuner.java", "package dev.mlx.runtime.eval.tune;\n\n"
                        + "class Tuner { double s = dev.mlx.runtime.eval.Evaluator.score(); }\n",
                "dev/mlx/runtime/base/RunException.java", "package dev.mlx.runtime.base;\n"
                        + "/** Thrown for bad data; see {@link dev.mlx.runtime.Runner}. */\nclass RunException {}\n",
                "dev/mlx/runtime/serve/Server.java", "package dev.mlx.runtime.serve;\nimport dev.mlx.runtime.Stages;\nclass Server {}\n",
                "dev/mlx/runtime/Stages.java", "package dev.mlx.runtime;\nimport dev.mlx.runtime.serve.Server;\nclass Stages {}\n",
                "dev/mlx/check/Checker.java", "package dev.mlx.check;\nimport dev.mlx.runtime.Runner;\nclass Checker {}\n");

        assertEquals(List.of(
                "cycle among dev.mlx.runtime, dev.mlx.runtime.serve: dev.mlx.runtime → dev.mlx.runtime.serve "
                        + "(dev/mlx/runtime/Stages.java:2); dev.mlx.runtime.serve → dev.mlx.runtime (dev/mlx/runtime/serve/Server.java:2)",
                "cycle among dev.mlx.runtime.eval, dev.mlx.runtime.eval.tune: dev.mlx.runtime.eval → dev.mlx.runtime.eval.tune "
                        + "(dev/mlx/runtime/eval/Evaluator.java:2); dev.mlx.runtime.eval.tune → dev.mlx.runtime.eval "
                        + "(dev/mlx/runtime/eval/tune/Tuner.java:3)"), runtimeCycles(sources));
        Map<String, String> tree = new TreeMap<>(sources);
        tree.remove("dev/mlx/runtime/serve/Server.java");
        tree.put("dev/mlx/runtime/eval/tune/Tuner.java", "package dev.mlx.runtime.eval.tune;\n"
                + "// scored as dev.mlx.runtime.eval.Evaluator scores a fold\nclass Tuner { String s = \"dev.mlx.runtime.eval\"; }\n");
        assertEquals(List.of(), runtimeCycles(tree));
    }

    private static Map<String, String> documentedPackages(Map<String, String> files) {
        Map<String, String> out = new TreeMap<>(files);
        for (String path : files.keySet()) {
            String dir = path.substring(0, path.lastIndexOf('/'));
            String pkg = dir.replace('/', '.');
            out.putIfAbsent(dir + "/package-info.java", "/** Docs. */\npackage " + pkg + ";\n");
        }
        return out;
    }

    @Test
    void scannerReportsEachKindOfBrokenRule() {
        Map<String, String> bad = documentedPackages(Map.of(
                "dev/mlx/source/Span.java", "package dev.mlx.source;\nimport dev.mlx.diag.Code;\nclass Span {}\n",
                "dev/mlx/diag/Label.java", "package dev.mlx.diag;\n\nclass Label { org.antlr.v4.runtime.Token t; }\n",
                "dev/mlx/diag/Fix.java", "package dev.mlx.diag;\nimport static dev.mlx.ast.Unit.MS;\nclass Fix {}\n",
                "dev/mlx/ast/Expr.java", "package dev.mlx.ast;\nimport dev.mlx.catalog.*;\nclass Expr {}\n",
                "dev/mlx/catalog/Catalog.java", "package dev.mlx.catalog;\nclass Catalog { Object o = dev.mlx.source.Span.NONE; }\n",
                "dev/mlx/check/Checker.java", "package dev.mlx.check;\nimport org.antlr.v4.runtime.Token;\nclass Checker {}\n"));
        bad.remove("dev/mlx/check/package-info.java");

        List<String> found = violations(bad);

        assertEquals(List.of(
                "dev/mlx/ast/Expr.java:2: uses dev.mlx.catalog — dev.mlx.ast may use only dev.mlx.source",
                "dev/mlx/catalog/Catalog.java:2: uses dev.mlx.source — dev.mlx.catalog depends on nothing of dev.mlx",
                "dev/mlx/check/Checker.java:2: uses org.antlr — only dev.mlx.syntax may use ANTLR",
                "dev/mlx/diag/Fix.java:2: uses dev.mlx.ast — dev.mlx.diag may use only dev.mlx.source",
                "dev/mlx/diag/Label.java:3: uses org.antlr — only dev.mlx.syntax may use ANTLR",
                "dev/mlx/source/Span.java:2: uses dev.mlx.diag — dev.mlx.source depends on the JDK only",
                "dev/mlx/check: no package-info.java saying what the package owns and must not import"), found);
    }

    @Test
    void scannerAcceptsWhatTheRulesAllow() {
        Map<String, String> good = documentedPackages(Map.of(
                "dev/mlx/syntax/Parsing.java", "package dev.mlx.syntax;\nimport org.antlr.v4.runtime.Token;\n"
                        + "import dev.mlx.diag.Diagnostic;\nclass Parsing {}\n",
                "dev/mlx/syntax/grammar/MlxLexer.java", "package dev.mlx.syntax.grammar;\nimport org.antlr.v4.runtime.*;\n",
                "dev/mlx/diag/Label.java", "package dev.mlx.diag;\nimport dev.mlx.source.Span;\nimport dev.mlx.diag.x.Y;\n"
                        + "// unlike dev.mlx.ast.ExprNode, which is never imported here\n"
                        + "/* org.antlr.v4 is mentioned only in a comment */\n"
                        + "class Label { String s = \"dev.mlx.check.Checker and org.antlr.v4\"; char q = '\"'; }\n",
                "dev/mlx/runtime/Train.java", "package dev.mlx.runtime;\nimport dev.mlx.catalog.ModelSpec;\n"
                        + "import dev.mlx.source.Span;\nclass Train {}\n",
                "dev/mlx/cli/Main.java", "package dev.mlx.cli;\nimport dev.mlx.check.Checker;\nimport dev.mlx.runtime.X;\n"
                        + "class Main { Object o = dev.mlx.syntax.Parsing.parse(null, null); }\n",
                "dev/mlx/check/data/CsvReader.java", "package dev.mlx.check.data;\nimport dev.mlx.check.Checker;\n"));

        assertEquals(List.of(), violations(good));
    }

    @Test
    void textBlocksAndEscapedQuotesDoNotHideCode() {
        String text = "class A {\n String s = \"a\\\"b // not a comment\";\n String t = \"\"\"\n"
                + "   dev.mlx.check.X \"\"\";\n Object o = dev.mlx.ast.ExprNode.class;\n}\n";
        assertEquals(List.of(new Use("A.java", 5, "dev.mlx.ast")), uses("A.java", text));
    }
}
