package dev.mlx.maven;

import dev.mlx.check.CheckOptions;
import dev.mlx.diag.Diagnostics;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mlx:check}: checks every .mlx file against the grammar, the catalog and the real data, as
 * {@code mlx check} does, and fails the build when any file has an error (or a warning, with
 * {@code failOnWarning}). Bound to {@code verify} by default: checking reads each experiment's data (a
 * database query, perhaps), which the edit-compile-test loop of {@code mvn test} should not pay for,
 * while {@code mlx:compile} at {@code package} already refuses a file with errors.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckMojo extends AbstractMlxMojo {
    /** Fails the build on warnings too, as {@code mlx check --strict}. */
    @Parameter(property = "mlx.failOnWarning", defaultValue = "false")
    boolean failOnWarning;

    /** Checks without reading the data (names and types of columns are then not checked), as {@code --no-data}. */
    @Parameter(property = "mlx.noData", defaultValue = "false")
    boolean noData;

    /** Fails the build when no .mlx file is found (a mistyped {@code sourceDirectory} otherwise checks nothing). */
    @Parameter(property = "mlx.failIfNoFiles", defaultValue = "false")
    boolean failIfNoFiles;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        List<Path> files = filesToDo("check", failIfNoFiles);
        if (files.isEmpty()) {
            return;
        }
        CheckOptions options = options(failOnWarning, !noData);
        long errors = 0;
        long warnings = 0;
        int failed = 0;
        for (Path path : files) {
            Checked checked = check(path, options);
            errors += checked.errors();
            warnings += checked.warnings();
            failed += checked.clean() ? 0 : 1;
        }
        String counted = files.size() + (files.size() == 1 ? " file" : " files");
        if (errors > 0) {
            throw new MojoFailureException(Diagnostics.summary(errors, warnings) + " in " + failed + " of " + counted
                    + " (mlx explain CODE describes each code)");
        }
        if (warnings > 0) {
            getLog().warn(Diagnostics.summary(0, warnings) + " in " + counted);
        } else {
            getLog().info("checked " + counted + ": no errors, no warnings");
        }
    }
}
