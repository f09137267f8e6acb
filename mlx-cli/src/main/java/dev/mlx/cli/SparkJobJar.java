package dev.mlx.cli;

import dev.mlx.codegen.ExperimentCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * {@code mlx compile FILE --target spark}: a job jar for {@code spark-submit} — the experiment jar (the
 * generated class, the .mlx file and mlx's runtime) and the Spark engine, without Spark (the cluster provides
 * it). The manifest names {@code SparkMain} and the experiment, so the submit command needs no arguments
 * but the output folder. Prints the exact command.
 */
final class SparkJobJar {
    private SparkJobJar() {
    }

    static void write(ExperimentCompiler.Compiled compiled, Path jar, Path base, PrintWriter out) throws IOException {
        Path dir = Files.createTempDirectory("mlx-job");
        try {
            Path experiment = dir.resolve("experiment.jar");
            ExperimentCompiler.writeJar(compiled, experiment, base, Version.get());
            Manifest manifest;
            try (JarFile f = new JarFile(experiment.toFile())) {
                manifest = new Manifest(f.getManifest());
            }
            Attributes main = manifest.getMainAttributes();
            main.put(Attributes.Name.MAIN_CLASS, SparkEngine.MAIN);
            main.putValue("Mlx-Experiment-Class", compiled.generated().qualifiedName());
            main.putValue("Mlx-Engine", "spark");
            main.putValue("Mlx-Spark-Version", SparkEngine.SPARK_VERSION);
            if (jar.toAbsolutePath().getParent() != null) {
                Files.createDirectories(jar.toAbsolutePath().getParent());
            }
            Set<String> seen = new HashSet<>();
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream job = new JarOutputStream(file, manifest)) {
                seen.add(JarFile.MANIFEST_NAME);
                copy(Files.newInputStream(experiment), job, seen);
                copy(SparkEngine.class.getResourceAsStream(SparkEngine.ENGINE_RESOURCE), job, seen);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        String name = compiled.plan().experiment().name();
        out.println("compiled " + name + " -> " + jar + " (a Spark job: Spark " + SparkEngine.SPARK_VERSION
                + ", Scala " + SparkEngine.SCALA_VERSION + ", provided by the cluster)");
        out.println("submit it:");
        out.println("  spark-submit --class " + SparkEngine.MAIN + " --master yarn --deploy-mode client " + jar
                + " --out out/" + name);
        out.println("(data paths in the file may be hdfs:// or s3a:// URIs; --out is on the driver; see docs/spark.md)");
    }

    /** Every entry of {@code in} not already written (the experiment's come first). */
    private static void copy(InputStream in, JarOutputStream job, Set<String> seen) throws IOException {
        if (in == null) {
            throw new IOException("this mlx was built without its Spark engine (" + SparkEngine.ENGINE_RESOURCE + ")");
        }
        try (JarInputStream jar = new JarInputStream(in)) {
            for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                if (e.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME) || !seen.add(e.getName())) {
                    continue;
                }
                JarEntry copy = new JarEntry(e.getName());
                copy.setTime(e.getTime());
                job.putNextEntry(copy);
                jar.transferTo(job);
                job.closeEntry();
            }
        }
    }
}
