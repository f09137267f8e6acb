package dev.mlx.codegen;

import dev.mlx.plan.Plan;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * From a plan to something that runs: generated source, classes compiled in memory, and either a
 * runnable jar or an in-process run (for {@code mlx run}, which skips writing the jar).
 */
public final class ExperimentCompiler {
    /** The manifest attribute naming the folder that data paths in the .mlx resolve against. */
    public static final String BASE_DIR_ATTRIBUTE = "Mlx-Base-Dir";

    /** Source and classes of one experiment. */
    public record Compiled(SourceGenerator.Generated generated, Map<String, byte[]> classes, Plan plan) {
        /**
         * The generated class, defined from these bytes by a class loader of its own under {@code parent},
         * which also serves the jar's .mlx resource from memory (as the compiled jar would).
         */
        public Class<?> load(ClassLoader parent) throws ClassNotFoundException {
            return new MemoryLoader(parent, classes,
                    plan.experiment().source().text().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .loadClass(generated.qualifiedName());
        }
    }

    /** Compiled classes and the .mlx resource, from memory. */
    private static final class MemoryLoader extends ClassLoader {
        private final Map<String, byte[]> classes;
        private final byte[] mlx;

        MemoryLoader(ClassLoader parent, Map<String, byte[]> classes, byte[] mlx) {
            super(parent);
            this.classes = classes;
            this.mlx = mlx;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }

        @Override
        public java.io.InputStream getResourceAsStream(String name) { // the jar's .mlx resource, in memory
            String n = name.startsWith("/") ? name.substring(1) : name;
            if (n.equals(JarBuilder.MLX_RESOURCE)) {
                return new java.io.ByteArrayInputStream(mlx);
            }
            return super.getResourceAsStream(name);
        }
    }

    private ExperimentCompiler() {
    }

    public static Compiled compile(Plan plan) {
        return compile(plan, SourceGenerator.generate(plan));
    }

    /** Compiles source already generated from this plan (the Maven plugin generates it first to see whether its jar is up to date). */
    public static Compiled compile(Plan plan, SourceGenerator.Generated generated) {
        return new Compiled(generated, InMemoryJavac.compile(generated.qualifiedName(), generated.source()), plan);
    }

    /** Writes the self-contained runnable jar. */
    public static void writeJar(Compiled c, Path jar, Path baseDir, String mlxVersion) throws IOException {
        Map<String, String> manifest = new LinkedHashMap<>();
        manifest.put(BASE_DIR_ATTRIBUTE, baseDir.toAbsolutePath().normalize().toString());
        manifest.put("Mlx-Version", mlxVersion);
        manifest.put("Mlx-Experiment", c.plan().experiment().name());
        String sourcePath = c.generated().qualifiedName().replace('.', '/') + ".java";
        JarBuilder.write(jar, new JarBuilder.Contents(c.generated().qualifiedName(), c.classes(), sourcePath,
                c.generated().source(), c.plan().experiment().source().text(), manifest,
                c.plan().experiment().data() != null
                        && c.plan().experiment().data().format() == dev.mlx.runtime.spec.Data.Format.PARQUET));
    }

    /**
     * Runs the compiled experiment in this process, as {@code java -jar} would, and returns its exit
     * code. The .mlx text and the base folder are handed over through the class loader.
     */
    public static int runInProcess(Compiled c, Path baseDir, String[] args) {
        String previous = System.getProperty("mlx.base.dir");
        System.setProperty("mlx.base.dir", baseDir.toAbsolutePath().normalize().toString());
        try {
            Class<?> main = c.load(ExperimentCompiler.class.getClassLoader());
            Method run = main.getMethod("run", String[].class);
            return (Integer) run.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } finally {
            if (previous == null) {
                System.clearProperty("mlx.base.dir");
            } else {
                System.setProperty("mlx.base.dir", previous);
            }
        }
    }
}
