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
 * which holds the runtime). A compile error here is a bug of the generator, never the user's.
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
                "-classpath", System.getProperty("java.class.path") + File.pathSeparator);
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

    /** The generator produced Java that does not compile: a bug, reported as an internal error. */
    static final class CompileFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CompileFailure(String message) {
            super(message);
        }
    }
}
