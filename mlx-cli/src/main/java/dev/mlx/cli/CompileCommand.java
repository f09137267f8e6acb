package dev.mlx.cli;

import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.codegen.DockerFiles;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.plan.Plan;
import dev.mlx.plan.Planner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlx compile FILE [-o X.jar]}: a checked experiment becomes one runnable jar. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile an experiment to a self-contained runnable jar (java -jar X.jar runs it).")
public final class CompileCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the .mlx file")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "JAR", description = "the jar to write (default: out/NAME.jar)")
    Path output;

    @Option(names = "--allow-outside", paramLabel = "DIR",
            description = "accept a report or export named by absolute path inside DIR (the jar needs the flag again "
                + "when it runs)")
    java.util.List<Path> allowOutside = new java.util.ArrayList<>();

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "change a parameter's value in the compiled jar")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--target", paramLabel = "TARGET", defaultValue = "local",
            description = "local (java -jar, the default) or spark (a job jar for spark-submit)")
    String target;

    @Option(names = "--docker", description = "also write a Dockerfile and .dockerignore beside the jar: an image that "
            + "serves the model of a run whose output folder is beside the jar (docs/serve.md#a-container-image)")
    boolean docker;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        dev.mlx.catalog.Engine engine = dev.mlx.catalog.Engine.parse(target);
        if (engine == null) {
            spec.commandLine().getErr().println("error: unknown target `" + target + "` (expected local or spark)");
            return Main.USAGE;
        }
        if (engine == dev.mlx.catalog.Engine.SPARK && docker) {
            spec.commandLine().getErr().println("error: --docker serves a local jar's run; a Spark job's run is served "
                    + "from its output folder by the local runtime (docs/spark.md)");
            return Main.USAGE;
        }
        Checked checked = Checked.load(file, new CheckOptions(false, overrides, true, dev.mlx.check.ProfileCache.NONE,
                allowOutside, dev.mlx.check.DataTrust.ALL, engine),
                spec.commandLine().getErr());
        if (checked.exitCode() != Main.OK) {
            return checked.exitCode();
        }
        CheckResult result = checked.result();
        Plan plan = Planner.plan(checked.file(), result, Version.get());
        ExperimentCompiler.Compiled compiled = ExperimentCompiler.compile(plan);
        Path jar = output != null ? output : Path.of("out", plan.experiment().name()
                + (engine == dev.mlx.catalog.Engine.SPARK ? "-spark" : "") + ".jar");
        if (engine == dev.mlx.catalog.Engine.SPARK) {
            SparkJobJar.write(compiled, jar, checked.file().directory(), spec.commandLine().getOut());
            return Main.OK;
        }
        ExperimentCompiler.writeJar(compiled, jar, checked.file().directory(), Version.get());
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.println("compiled " + file + " -> " + jar + "   (run it: java -jar " + jar + ")");
        if (docker) {
            String runFolder = plan.experiment().name();
            for (Path written : DockerFiles.write(jar, runFolder, plan.experiment(), Version.get())) {
                out.println("wrote " + written);
            }
            Path run = jar.resolveSibling(runFolder);
            if (!java.nio.file.Files.isRegularFile(run.resolve("run.json"))) {
                out.println("the image serves the run in " + run + ", which is not there yet: make it with `java -jar "
                        + jar + " --out " + run + "`, then `docker build " + (jar.getParent() == null ? "." : jar.getParent()) + "`");
            }
        }
        return Main.OK;
    }
}
