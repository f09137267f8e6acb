package dev.mlx.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts the Spark engine in a child JVM: the CLI's own JVM never loads Spark or the engine. Spark's jars
 * come from, in order: {@code SPARK_HOME/jars} (a user's or a cluster's Spark), the classpath in
 * {@code MLX_SPARK_CLASSPATH} (or the {@code mlx.spark.classpath} property), else Spark {@value #SPARK_VERSION}
 * resolved once through Maven into the local repository, its classpath cached under {@code ~/.cache/mlx}. The
 * child gets the JVM flags spark-submit adds on Java 17 (read from Spark's own launcher) and runs
 * {@code dev.mlx.spark.SparkMain} with Spark first on the classpath, then the engine, then the experiment jar.
 */
final class SparkEngine {
    /** The Spark the engine is built and tested against (mlx-spark's pom). */
    static final String SPARK_VERSION = "4.2.0";
    static final String SCALA_VERSION = "2.13";
    static final String MAIN = "dev.mlx.spark.SparkMain";
    /** The engine's jar inside mlx.jar, as bytes: never on the CLI's classpath. */
    static final String ENGINE_RESOURCE = "/dev/mlx/cli/mlx-spark.jar";

    private SparkEngine() {
    }

    /** Where Spark's jars come from and the classpath they make. */
    record SparkClasspath(String from, String classpath) {
    }

    /** Spark's classpath, telling {@code err} where it came from. Null (with the reason said) when there is none. */
    static SparkClasspath classpath(PrintWriter err) {
        String home = System.getenv("SPARK_HOME");
        if (home != null && !home.isBlank()) {
            Path jars = Path.of(home, "jars");
            if (!Files.isDirectory(jars)) {
                err.println("error: SPARK_HOME is `" + home + "` but it has no jars/ folder");
                return null;
            }
            return new SparkClasspath("SPARK_HOME (" + home + ")", jars.resolve("*").toString());
        }
        String given = System.getProperty("mlx.spark.classpath", System.getenv("MLX_SPARK_CLASSPATH"));
        if (given != null && !given.isBlank()) {
            return new SparkClasspath("MLX_SPARK_CLASSPATH", given.strip());
        }
        return maven(err);
    }

    /** Spark resolved through Maven once, its classpath cached. */
    private static SparkClasspath maven(PrintWriter err) {
        Path dir = cache().resolve("spark-" + SPARK_VERSION);
        Path cached = dir.resolve("classpath.txt");
        try {
            if (!Files.isRegularFile(cached) || !allExist(Files.readString(cached, StandardCharsets.UTF_8).strip())) {
                err.println("resolving Spark " + SPARK_VERSION + " through Maven (once; set SPARK_HOME to use another Spark)");
                err.flush();
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("pom.xml"), pom(), StandardCharsets.UTF_8);
                Process p = new ProcessBuilder("mvn", "-B", "-q", "-f", dir.resolve("pom.xml").toString(),
                        "dependency:build-classpath", "-Dmdep.outputFile=" + cached, "-Dmdep.includeScope=runtime")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("maven.log").toFile()).start();
                if (p.waitFor() != 0) {
                    err.println("error: Maven could not resolve Spark " + SPARK_VERSION + " (see " + dir.resolve("maven.log")
                            + "); set SPARK_HOME to a Spark " + SPARK_VERSION.charAt(0) + ".x install instead");
                    return null;
                }
            }
            return new SparkClasspath("Maven (" + cached + ")", Files.readString(cached, StandardCharsets.UTF_8).strip());
        } catch (IOException x) {
            err.println("error: cannot resolve Spark through Maven: " + x.getMessage()
                    + "; is `mvn` on the PATH? Or set SPARK_HOME to a Spark install");
            return null;
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static boolean allExist(String classpath) {
        return !classpath.isEmpty() && Arrays.stream(classpath.split(File.pathSeparator)).allMatch(p -> Files.exists(Path.of(p)));
    }

    private static String pom() {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.mlx.local</groupId>
                  <artifactId>mlx-spark-classpath</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <dependencies>
                    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_%1$s</artifactId><version>%2$s</version></dependency>
                    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-mllib_%1$s</artifactId><version>%2$s</version></dependency>
                  </dependencies>
                </project>
                """.formatted(SCALA_VERSION, SPARK_VERSION);
    }

    /** {@code MLX_CACHE}, else {@code ~/.cache/mlx}. */
    static Path cache() {
        String env = System.getenv("MLX_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "mlx");
    }

    /** The engine's jar, written out of mlx.jar into the cache (once per mlx version). */
    static Path engineJar() throws IOException {
        Path jar = cache().resolve("mlx-spark-" + Version.get() + ".jar");
        try (InputStream in = SparkEngine.class.getResourceAsStream(ENGINE_RESOURCE)) {
            if (in == null) {
                throw new IOException("this mlx was built without its Spark engine (" + ENGINE_RESOURCE + ")");
            }
            byte[] bytes = in.readAllBytes();
            if (!Files.isRegularFile(jar) || !Arrays.equals(Files.readAllBytes(jar), bytes)) {
                Files.createDirectories(jar.getParent());
                Path tmp = Files.createTempFile(jar.getParent(), "mlx-spark", ".jar");
                Files.write(tmp, bytes);
                Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return jar;
    }

    /**
     * The JVM flags spark-submit adds on Java 17 (the {@code --add-opens} list: KMeans's Kryo needs them), read
     * from Spark's own launcher on {@code classpath} so they follow the Spark version; Spark 4.2's list when the
     * launcher cannot be found.
     */
    static List<String> moduleOptions(String classpath) {
        for (String entry : expand(classpath)) {
            if (Path.of(entry).getFileName().toString().startsWith("spark-launcher")) {
                try (URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(entry).toUri().toURL()}, null)) {
                    Method m = loader.loadClass("org.apache.spark.launcher.JavaModuleOptions").getMethod("defaultModuleOptionArray");
                    return List.of((String[]) m.invoke(null));
                } catch (ReflectiveOperationException | IOException | LinkageError x) {
                    break;
                }
            }
        }
        return FALLBACK_OPTIONS;
    }

    /** Spark 4.2.0's JavaModuleOptions, for a Spark whose launcher jar is not on the classpath. */
    static final List<String> FALLBACK_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED", "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dio.netty.allocator.type=pooled", "-Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE",
            "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED");

    /** The classpath's entries, a {@code dir/*} wildcard expanded to the jars in it. */
    static List<String> expand(String classpath) {
        List<String> out = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.endsWith("*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 1));
                try (Stream<Path> jars = Files.list(dir)) {
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> out.add(p.toString()));
                } catch (IOException ignored) {
                    // an unreadable folder adds nothing
                }
            } else if (!entry.isBlank()) {
                out.add(entry);
            }
        }
        return out;
    }

    /**
     * The child JVM's command line: java, Spark's flags, the driver's heap, the classpath (Spark, the engine,
     * the experiment jar) and SparkMain's arguments.
     */
    static List<String> command(SparkClasspath spark, Path engine, Path experimentJar, String experimentClass, Path base,
                                Path out, Map<String, String> overrides, String master, Map<String, String> conf) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(moduleOptions(spark.classpath()));
        String memory = conf.get("spark.driver.memory");
        if (memory != null) {
            cmd.add("-Xmx" + memory); // in local mode the driver is this JVM: spark.driver.memory must be its heap
        }
        cmd.add("-cp");
        cmd.add(spark.classpath() + File.pathSeparator + engine + File.pathSeparator + experimentJar);
        cmd.add(MAIN);
        cmd.add("--experiment");
        cmd.add(experimentClass);
        cmd.add("--base");
        cmd.add(base.toString());
        if (out != null) {
            cmd.add("--out");
            cmd.add(out.toString());
        }
        overrides.forEach((k, v) -> {
            cmd.add("--set");
            cmd.add(k + "=" + v);
        });
        cmd.add("--master");
        cmd.add(master);
        conf.forEach((k, v) -> {
            cmd.add("--conf");
            cmd.add(k + "=" + v);
        });
        return cmd;
    }
}
