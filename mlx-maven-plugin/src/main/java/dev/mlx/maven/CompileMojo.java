package dev.mlx.maven;

import dev.mlx.check.CheckOptions;
import dev.mlx.codegen.ExperimentCompiler;
import dev.mlx.codegen.MlxVersion;
import dev.mlx.codegen.SourceGenerator;
import dev.mlx.diag.Diagnostics;
import dev.mlx.plan.Plan;
import dev.mlx.plan.Planner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * {@code mlx:compile}: checks each .mlx file and compiles every experiment without errors to a
 * self-contained runnable jar, {@code NAME.jar} in {@code outputDirectory}, as {@code mlx compile}
 * does; the build fails when any file has errors (the others are still compiled, so one broken
 * experiment does not hide the state of the rest).
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public final class CompileMojo extends AbstractMlxMojo {
    /** Where the jars go. */
    @Parameter(property = "mlx.outputDirectory", defaultValue = "${project.build.directory}/mlx")
    File outputDirectory;

    /** Attaches each jar to the project (classifier: the experiment's name), so install and deploy publish it. */
    @Parameter(property = "mlx.attach", defaultValue = "false")
    boolean attach;

    /**
     * Leaves a jar alone when what it is made of did not change (the generated program, the .mlx text,
     * the data's folder, the compiler): each file is still checked, so its diagnostics still print.
     */
    @Parameter(property = "mlx.incremental", defaultValue = "true")
    boolean incremental = true;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Component
    MavenProjectHelper projectHelper;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        List<Path> files = filesToDo("compile", false);
        if (files.isEmpty()) {
            return;
        }
        CheckOptions options = options(false, true);
        Map<String, Path> written = new TreeMap<>();
        long errors = 0;
        long warnings = 0;
        int failed = 0;
        for (Path path : files) {
            Checked checked = check(path, options);
            errors += checked.errors();
            warnings += checked.warnings();
            if (!checked.clean()) {
                failed++;
                continue;
            }
            String display = checked.file().displayPath();
            if (checked.result().data() == null) {
                getLog().error(display + ": the data source could not be read, so the schema is unknown; nothing was compiled");
                failed++;
                continue;
            }
            Plan plan = Planner.plan(checked.file(), checked.result(), MlxVersion.get());
            String name = plan.experiment().name();
            Path jar = outputDirectory.toPath().resolve(name + ".jar");
            if (written.containsKey(name)) {
                getLog().error(display + ": experiment `" + name + "` is also the name of "
                        + displayPath(basedir.toPath(), written.get(name)) + ", and both would be " + jar.getFileName()
                        + "; rename one of them");
                failed++;
                continue;
            }
            SourceGenerator.Generated generated = SourceGenerator.generate(plan);
            String inputs = JarInputs.digest(generated, checked.file().text(), checked.file().directory(), MlxVersion.get());
            written.put(name, path);
            if (incremental && JarInputs.upToDate(jar, inputs)) {
                getLog().info(displayPath(basedir.toPath(), jar) + " is up to date with " + display);
            } else {
                try {
                    ExperimentCompiler.writeJar(ExperimentCompiler.compile(plan, generated), jar, checked.file().directory(),
                            MlxVersion.get());
                    JarInputs.record(jar, inputs);
                } catch (IOException e) {
                    throw new MojoExecutionException("cannot write " + jar + ": " + e.getMessage(), e);
                }
                getLog().info("compiled " + display + " -> " + displayPath(basedir.toPath(), jar)
                        + "   (run it: java -jar " + displayPath(basedir.toPath(), jar) + ")");
            }
            if (attach) {
                projectHelper.attachArtifact(project, "jar", name, jar.toFile());
            }
        }
        if (failed > 0) {
            throw new MojoFailureException((errors > 0 ? Diagnostics.summary(errors, warnings) + "; " : "")
                    + failed + " of " + files.size() + (files.size() == 1 ? " file" : " files")
                    + " not compiled");
        }
    }
}
