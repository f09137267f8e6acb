package dev.mlx.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/** A user's project in a temporary folder, with the iris data, and a log that keeps what a goal printed. */
final class MojoFixture {
    final Path project;
    final RecordingLog log = new RecordingLog();

    MojoFixture(Path project) throws IOException {
        this.project = project;
        Path data = project.resolve("src/main/mlx/data");
        Files.createDirectories(data);
        Files.copy(Path.of("examples/iris/data/iris.csv"), data.resolve("iris.csv"));
    }

    /** Writes {@code src/main/mlx/NAME}. */
    void mlx(String name, String text) throws IOException {
        Files.writeString(project.resolve("src/main/mlx").resolve(name), text);
    }

    /** An experiment on the iris data with the given models block body. */
    static String iris(String name, String models) {
        return "experiment " + name + " {\n"
                + "  scope { task classification; target species; metric macro_f1 }\n"
                + "  data { source csv \"data/iris.csv\"; split holdout 20% stratified seed 7 }\n"
                + "  models { " + models + " }\n"
                + "  evaluate { cv 3 folds stratified }\n"
                + "}\n";
    }

    <T extends AbstractMlxMojo> T configure(T mojo) {
        mojo.basedir = project.toFile();
        mojo.sourceDirectory = project.resolve("src/main/mlx").toFile();
        mojo.format = "human";
        mojo.setLog(log);
        return mojo;
    }

    /** Keeps each line with its level, as Maven would print it ({@code [ERROR] ...}). */
    static final class RecordingLog implements Log {
        final List<String> lines = new ArrayList<>();

        String text() {
            return String.join("\n", lines) + "\n";
        }

        private void add(String level, CharSequence content) {
            lines.add("[" + level + "] " + content);
        }

        @Override public boolean isDebugEnabled() { return false; }
        @Override public void debug(CharSequence content) { }
        @Override public void debug(CharSequence content, Throwable error) { }
        @Override public void debug(Throwable error) { }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public void info(CharSequence content) { add("INFO", content); }
        @Override public void info(CharSequence content, Throwable error) { add("INFO", content); }
        @Override public void info(Throwable error) { add("INFO", error.toString()); }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public void warn(CharSequence content) { add("WARNING", content); }
        @Override public void warn(CharSequence content, Throwable error) { add("WARNING", content); }
        @Override public void warn(Throwable error) { add("WARNING", error.toString()); }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public void error(CharSequence content) { add("ERROR", content); }
        @Override public void error(CharSequence content, Throwable error) { add("ERROR", content); }
        @Override public void error(Throwable error) { add("ERROR", error.toString()); }
    }
}
