package dev.mlx.codegen;

import dev.mlx.catalog.StoreKind;
import dev.mlx.runtime.spec.Experiment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The container image that serves a compiled experiment ({@code mlx compile --docker}): a Dockerfile
 * and a .dockerignore written beside the jar, whose folder is the build context. The image holds the
 * jar and the output folder of a run (model, pipeline, profile, run.json, variants: what {@code serve}
 * loads), never the data or the .mlx file, and serves with the production error rules on every
 * interface. It runs as an unprivileged user; the feedback store, when it is an SQLite file, lives in
 * a volume that user owns. The health check asks {@code /health} with bash's own TCP redirection, so
 * the image needs neither curl nor a second JVM start every half minute.
 */
public final class DockerFiles {
    /** The JRE 17 base image, pinned to a release (a floating tag would change the image under a rebuild). */
    public static final String BASE_IMAGE = "eclipse-temurin:17.0.15_6-jre-jammy";
    /** Where the run's output folder goes in the image. */
    static final String RUN_DIR = "/app/run";
    /** The volume that holds an SQLite feedback store. */
    static final String DATA_DIR = "/app/data";

    private DockerFiles() {
    }

    /** The files, by name, for {@code jarName} (a file name) serving the run in the folder {@code runFolder} beside it. */
    public static Map<String, String> files(Experiment e, String jarName, String runFolder, String version) {
        int port = e.deploy() != null && e.deploy().port() > 0 ? e.deploy().port() : 8080;
        boolean sqliteStore = e.feedback() == null || e.feedback().store() == StoreKind.SQLITE;
        List<String> d = new ArrayList<>();
        d.add("# syntax=docker/dockerfile:1");
        d.add("# Serves the model of experiment `" + e.name() + "`, compiled by mlx " + version + " (mlx compile --docker).");
        d.add("# The build context is this folder: the jar and the output folder of a run of it, made first with");
        d.add("#   java -jar " + jarName + " --out " + runFolder);
        d.add("# then: docker build -t " + imageName(e.name()) + " . && docker run -p " + port + ":" + port + " "
                + imageName(e.name()));
        d.add("FROM " + BASE_IMAGE);
        d.add("");
        d.add("# an unprivileged user owns the feedback store and nothing else");
        d.add("RUN groupadd --system mlx \\");
        d.add("    && useradd --system --gid mlx --home-dir /app --no-create-home --shell /usr/sbin/nologin mlx \\");
        d.add("    && mkdir -p " + DATA_DIR + " \\");
        d.add("    && chown mlx:mlx " + DATA_DIR);
        d.add("WORKDIR /app");
        d.add("COPY " + jarName + " /app/experiment.jar");
        d.add("# serve reads the model, its pipeline, the profile and run.json; `report` and `retrain` write beside them");
        d.add("COPY --chown=mlx:mlx " + runFolder + "/ " + RUN_DIR + "/");
        d.add("VOLUME [\"" + DATA_DIR + "\"]");
        d.add("");
        d.add("USER mlx");
        d.add("# the JVM sizes its heap from the container's memory limit, not the jar's own sizing from the data");
        d.add("ENV MLX_HEAP=off");
        d.add("EXPOSE " + port);
        d.add("HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \\");
        d.add("    CMD [\"bash\", \"-c\", \"exec 3<>/dev/tcp/127.0.0.1/" + port
                + " && printf 'GET /health HTTP/1.0\\\\r\\\\n\\\\r\\\\n' >&3 && grep -q '\\\"status\\\": *\\\"ok\\\"' <&3\"]");
        List<String> entry = new ArrayList<>(List.of("java", "-XX:MaxRAMPercentage=75", "-jar", "/app/experiment.jar",
                "serve", "--out", RUN_DIR, "--host", "0.0.0.0", "--port", String.valueOf(port), "--production"));
        d.add("ENTRYPOINT " + json(entry));
        if (sqliteStore) {
            d.add("# the store's options: --store URL for a database, --no-store to log nothing");
            d.add("CMD " + json(List.of("--store", DATA_DIR + "/feedback.db")));
        }
        List<String> ignore = new ArrayList<>();
        ignore.add("# The build context is this folder: only the jar and the run's output folder go into the image.");
        ignore.add("*");
        ignore.add("!" + jarName);
        ignore.add("!" + runFolder);
        ignore.add("# the predictions on the holdout and feedback stores of local serving are not the model");
        ignore.add(runFolder + "/predictions.csv");
        ignore.add(runFolder + "/**/*.db");
        ignore.add(runFolder + "/**/*.db-*");
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Dockerfile", String.join("\n", d) + "\n");
        out.put(".dockerignore", String.join("\n", ignore) + "\n");
        return out;
    }

    /**
     * Writes the Dockerfile and .dockerignore beside {@code jar}; {@code runFolder} is the run's output
     * folder relative to the jar's folder. Returns the files written.
     */
    public static List<Path> write(Path jar, String runFolder, Experiment e, String version) throws IOException {
        Path dir = jar.toAbsolutePath().getParent();
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> f : files(e, jar.getFileName().toString(), runFolder, version).entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            written.add(jar.resolveSibling(f.getKey()));
        }
        return written;
    }

    /** A Docker image name from an experiment name: lowercase letters, digits and separators. */
    static String imageName(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        return n.isEmpty() ? "mlx-model" : n;
    }

    private static String json(List<String> words) {
        StringBuilder sb = new StringBuilder("[");
        for (String w : words) {
            sb.append(sb.length() == 1 ? "" : ", ").append('"').append(w.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append(']').toString();
    }
}
