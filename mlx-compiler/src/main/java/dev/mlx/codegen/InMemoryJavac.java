package dev.mlx.codegen;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated source in memory against the classpath this process runs with (the mlx jar,
 * which holds the runtime), or, inside a host that loads mlx through a class loader of its own (the
 * Maven plugin, whose jars Maven puts in a plugin realm), against that loader's jars. A compile error
 * here is a bug of the generator, never the user's.
 */
final class InMemoryJavac {
    private InMemoryJavac() {
    }

    /** Class files by binary name. */
    static Map<String, byte[]> compile(String qualifiedName, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new CompileFailure("no Java compiler in this runtime: mlx needs a JDK (not a JRE) to compile experiments");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
        Map<String, ByteArrayOutputStream> outputs = new TreeMap<>();
        JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return outputs.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        JavaFileObject unit = new SimpleJavaFileObject(
                URI.create("string:///" + qualifiedName.replace('.', '/') + JavaFileObject.Kind.SOURCE.extension),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("--release", "17", "-proc:none", "-encoding", "UTF-8", "-g",
                "-classpath", classpath());
        Boolean ok = javac.getTask(null, manager, diagnostics, options, null, List.of(unit)).call();
        if (!Boolean.TRUE.equals(ok)) {
            List<String> messages = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    messages.add("line " + d.getLineNumber() + ": " + d.getMessage(null));
                }
            }
            throw new CompileFailure("the generated program did not compile: " + String.join("; ", messages));
        }
        Map<String, byte[]> classes = new TreeMap<>();
        outputs.forEach((k, v) -> classes.put(k, v.toByteArray()));
        return classes;
    }

    /**
     * The process's class path, then the jars and folders of every URL class loader from this class's
     * loader up, which is where the runtime is when the process's class path does not hold it.
     */
    static String classpath() {
        java.util.LinkedHashSet<String> entries = new java.util.LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        for (ClassLoader loader = InMemoryJavac.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof java.net.URLClassLoader urls) {
                for (java.net.URL url : urls.getURLs()) {
                    if (url.getProtocol().equals("file")) {
                        try {
                            entries.add(java.nio.file.Path.of(url.toURI()).toString());
                        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                            // not a plain file: javac could not read it either
                        }
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries) + File.pathSeparator;
    }

    /** The generator produced Java that does not compile: a bug, reported as an internal error. */
    static final class CompileFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CompileFailure(String message) {
            super(message);
        }
    }
}
