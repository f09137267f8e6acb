package dev.mlx.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.diag.Diagnostics;
import dev.mlx.diag.HumanRenderer;
import dev.mlx.plan.Plan;
import dev.mlx.plan.Planner;
import dev.mlx.runtime.Params;
import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Step;
import dev.mlx.source.SourceFile;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated source: golden per example (update with -Dmlx.update=true), compiled in memory, and
 * the experiment it defines equals the plan it came from — also with hostile names.
 */
class CodegenTest {
    static Plan plan(Path mlx, Map<String, String> overrides) throws IOException {
        SourceFile file = SourceFile.read(mlx);
        Diagnostics d = new Diagnostics(file);
        CheckResult r = Checker.check(file, new CheckOptions(false, overrides, true, dev.mlx.check.ProfileCache.NONE), d);
        StringBuilder sb = new StringBuilder();
        d.sorted().forEach(x -> sb.append(new HumanRenderer(false).render(x)));
        assertFalse(d.hasErrors(), sb.toString());
        return Planner.plan(file, r, "test");
    }

    /** Calls the generated define(Params) and returns the experiment it builds. */
    static Experiment define(ExperimentCompiler.Compiled c, Map<String, String> overrides) throws Exception {
        ClassLoader loader = new ClassLoader(CodegenTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = c.classes().get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
        Class<?> main = loader.loadClass(c.generated().qualifiedName());
        Method define = main.getDeclaredMethod("define", Params.class);
        define.setAccessible(true);
        java.lang.reflect.Field field = main.getDeclaredField("PARAMETERS");
        field.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<String, Double> params = (Map<String, Double>) field.get(null);
        return (Experiment) define.invoke(null, new Params(params, overrides));
    }

    @TestFactory
    Stream<DynamicTest> everyExampleGeneratesGoldenSourceThatCompilesAndRoundTrips() throws IOException {
        List<Path> examples;
        try (Stream<Path> s = Files.walk(Path.of("examples"))) {
            examples = s.filter(p -> p.toString().endsWith(".mlx")).sorted().toList();
        }
        return examples.stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> {
            Plan plan = plan(p, Map.of());
            ExperimentCompiler.Compiled c = ExperimentCompiler.compile(plan);
            String name = p.getFileName().toString().replace(".mlx", ".java.txt");
            Path golden = Path.of("src/test/resources/codegen", name);
            String source = c.generated().source().replace(plan.experiment().source().mlxVersion(), "VERSION");
            if (Boolean.getBoolean("mlx.update") || !Files.exists(golden)) {
                Files.writeString(golden, source, StandardCharsets.UTF_8);
            }
            assertEquals(Files.readString(golden, StandardCharsets.UTF_8), source, "generated source of " + p);
            Experiment built = define(c, Map.of());
            assertEquals(withoutText(plan.experiment()), withoutText(built), "the program rebuilds its plan exactly");
            assertEquals(SourceGenerator.generate(plan).source(), c.generated().source(), "generation is deterministic");
        }));
    }

    /** The .mlx text is read from the jar at run time; compare everything else. */
    private static Experiment withoutText(Experiment e) {
        return new Experiment(e.name(), e.question(), new Experiment.Source(e.source().fileName(), "", e.source().sha256(),
                e.source().mlxVersion()), e.scope(), e.data(), e.review(), e.checks(), e.features(), e.inspect(), e.models(),
                e.tunes(), e.evaluate(), e.explain(), e.deploy(), e.feedback(), e.report(), e.seed());
    }

    @Test
    void parametersAreReadAtRunTime() throws Exception {
        Plan plan = plan(Path.of("examples/penguins/penguins.mlx"), Map.of());
        ExperimentCompiler.Compiled c = ExperimentCompiler.compile(plan);
        Experiment seven = define(c, Map.of("seed", "7", "folds", "3"));
        assertEquals(7, seven.seed());
        assertEquals(7, seven.data().split().seed());
        assertEquals(3, seven.evaluate().folds());
        Experiment dflt = define(c, Map.of());
        assertEquals(42, dflt.seed());
        assertEquals(5, dflt.evaluate().folds());
    }

    @Test
    void hostileNamesAndStringsCompileAndSurviveUnchanged(@TempDir Path dir) throws Exception {
        String[] names = {"a\"b", "x*/y", "${z}", "naïve", "back\\slash", "\\u0041", "new", "x\nline"};
        StringBuilder csv = new StringBuilder();
        String[] header = {"a\"b", "x*/y", "${z}", "naïve", "back\\slash", "\\u0041", "new", "label"};
        for (int i = 0; i < header.length; i++) {
            csv.append(i > 0 ? "," : "").append('"').append(header[i].replace("\"", "\"\"")).append('"');
        }
        csv.append('\n');
        for (int r = 0; r < 60; r++) {
            for (int i = 0; i < 7; i++) {
                csv.append((r * 7 + i) % 13).append(',');
            }
            csv.append(r % 3 == 0 ? "yes \"*/ ${x}" : "no").append('\n');
        }
        Files.writeString(dir.resolve("hostile.csv"), csv.toString());
        String mlx = """
                experiment `x*/y` "A \\"quoted\\" */ question with ${dollar} and \\\\u0041" {
                  scope { task classification; target label; positive "yes \\"*/ ${x}" }
                  data { source csv "hostile.csv" }
                  checks { `a"b` in 0..20; missing(`${z}`) <= 5%; share(label == "no") >= 10% warn }
                  features {
                    derive `*/ derived` = `x*/y` / (`naïve` + 1)
                    standardize `a"b`, `x*/y`, `${z}`, `naïve`, `back\\\\slash`, `\\\\u0041`, `new`, `*/ derived`
                  }
                  models { baseline base; forest `new` { trees 5 } }
                }
                """;
        Files.writeString(dir.resolve("hostile.mlx"), mlx);
        Plan plan = plan(dir.resolve("hostile.mlx"), Map.of());
        ExperimentCompiler.Compiled c = ExperimentCompiler.compile(plan);
        Experiment built = define(c, Map.of());
        assertEquals(withoutText(plan.experiment()), withoutText(built));
        assertEquals(List.of(header), built.data().columns().stream().map(x -> x.name()).toList());
        assertEquals("yes \"*/ ${x}", built.scope().positive());
        Step derive = built.features().get(0);
        assertEquals("*/ derived", derive.derivedName());
        assertTrue(c.generated().source().chars().allMatch(ch -> ch < 128), "generated source is ASCII");
        assertEquals(names.length, 8);
        // ... and the program works on them: the whole run, in process.
        Path out = dir.resolve("out");
        int exit = ExperimentCompiler.runInProcess(c, dir, new String[] {"--out", out.toString()});
        assertEquals(0, exit, Files.exists(out.resolve("run.json")) ? Files.readString(out.resolve("run.json")) : "no run.json");
        String runJson = Files.readString(out.resolve("run.json"));
        assertTrue(runJson.contains("\\u0041"), "a column named \\u0041 stays itself");
        assertTrue(runJson.contains("x*/y"));
    }
}
