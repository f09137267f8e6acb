package dev.mlx.maven;

import dev.mlx.check.CheckOptions;
import dev.mlx.check.CheckResult;
import dev.mlx.check.Checker;
import dev.mlx.check.ProfileCache;
import dev.mlx.diag.Diagnostic;
import dev.mlx.diag.Diagnostics;
import dev.mlx.diag.HumanRenderer;
import dev.mlx.diag.Severity;
import dev.mlx.diag.ShortRenderer;
import dev.mlx.source.SourceFile;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What both goals share: which files, the check options that {@code mlx check} takes as flags, and the
 * check of one file with its diagnostics printed through Maven's log.
 */
abstract class AbstractMlxMojo extends AbstractMojo {
    /** The project's folder: diagnostics name files relative to it. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    /** The folder searched for .mlx files. */
    @Parameter(property = "mlx.sourceDirectory", defaultValue = "${project.basedir}/src/main/mlx")
    File sourceDirectory;

    /** Globs of the files to take, relative to {@code sourceDirectory} (default: every {@code .mlx} file). */
    @Parameter
    List<String> includes = new ArrayList<>();

    /** Globs of files to leave out, relative to {@code sourceDirectory}. */
    @Parameter
    List<String> excludes = new ArrayList<>();

    /** Values for the parameters of each file's {@code params} block, as {@code mlx check --set NAME=VALUE}. */
    @Parameter
    Map<String, String> params = new LinkedHashMap<>();

    /**
     * Folders a report or export may name by absolute path, as {@code --allow-outside DIR} (the
     * compiled jar needs the flag again when it runs).
     */
    @Parameter
    List<File> allowOutside = new ArrayList<>();

    /** {@code human} (the source line with the span marked, as {@code mlx check} prints) or {@code short} (one line each). */
    @Parameter(property = "mlx.format", defaultValue = "human")
    String format;

    /** Skips the goal. */
    @Parameter(property = "mlx.skip", defaultValue = "false")
    boolean skip;

    /** What one file's check found: the file (null when it could not be read) and its result and counts. */
    record Checked(Path path, SourceFile file, CheckResult result, long errors, long warnings) {
        boolean clean() {
            return file != null && errors == 0;
        }
    }

    /**
     * The files goal {@code goal} works on: empty, with a line in the log, when it is skipped or finds
     * none — or a failure then, with {@code failIfNone}.
     */
    final List<Path> filesToDo(String goal, boolean failIfNone) throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("mlx:" + goal + " skipped");
            return List.of();
        }
        List<Path> files = files();
        if (files.isEmpty()) {
            String none = "no .mlx files in " + displayPath(basedir.toPath(), sourceDirectory.toPath());
            if (failIfNone) {
                throw new MojoFailureException(none);
            }
            getLog().info(none);
        }
        return files;
    }

    /** The files to work on, sorted; an error of the build (not of the user's files) when the folder cannot be listed. */
    final List<Path> files() throws MojoExecutionException {
        try {
            return new MlxFiles(sourceDirectory.toPath(), includes, excludes).find();
        } catch (IOException e) {
            throw new MojoExecutionException("cannot list the .mlx files in " + sourceDirectory + ": " + e.getMessage(), e);
        }
    }

    /** The options {@code mlx check} would take for these parameters; the build trusts its own project's data. */
    final CheckOptions options(boolean strict, boolean readData) throws MojoFailureException {
        if (!List.of("human", "short").contains(format)) {
            throw new MojoFailureException("unknown format `" + format + "` (expected human or short)");
        }
        List<Path> outside = new ArrayList<>();
        for (File f : allowOutside) {
            outside.add(f.toPath().toAbsolutePath().normalize());
        }
        return new CheckOptions(strict, params == null ? Map.of() : params, readData, ProfileCache.NONE, outside);
    }

    /** Reads and checks one file, printing each diagnostic at the log level of its severity. */
    final Checked check(Path path, CheckOptions options) {
        String display = displayPath(basedir.toPath(), path);
        SourceFile file;
        try {
            file = SourceFile.read(path, display);
        } catch (IOException e) {
            getLog().error("cannot read `" + display + "`: " + e.getMessage());
            return new Checked(path, null, null, 1, 0);
        }
        Diagnostics diags = new Diagnostics(file);
        CheckResult result = Checker.check(file, options, diags);
        HumanRenderer human = new HumanRenderer(false);
        ShortRenderer brief = new ShortRenderer();
        for (Diagnostic d : diags.sorted()) {
            String text = format.equals("short") ? brief.render(d) : human.render(d);
            for (String line : text.split("\n", -1)) {
                if (line.isEmpty() && format.equals("human")) {
                    continue; // the trailing newline of a rendering; Maven's log lines stand alone
                }
                if (d.severity() == Severity.ERROR) {
                    getLog().error(line);
                } else {
                    getLog().warn(line);
                }
            }
        }
        if (diags.dropped() > 0) {
            getLog().warn(diags.dropped() + " more diagnostics not shown for " + display);
        }
        return new Checked(path, file, result, diags.errorCount(), diags.warningCount());
    }

    /** The path diagnostics print: relative to the project when inside it (as {@code mlx check} run there would). */
    static String displayPath(Path basedir, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path base = basedir.toAbsolutePath().normalize();
        return abs.startsWith(base) ? MlxFiles.slashed(base.relativize(abs)) : abs.toString();
    }
}
