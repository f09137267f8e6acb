package dev.mlx.codegen;

import dev.mlx.plan.Plan;
import dev.mlx.runtime.spec.Experiment;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plan to Java source. The template holds the shape of the class; this class builds the model:
 * class name from the name allocator, every value rendered by {@link SpecWriter}, each block of
 * the experiment in a variable named for it, the catalog types the values name imported one by
 * one. Deterministic: the same plan gives byte-identical source.
 */
public final class SourceGenerator {
    public static final String PACKAGE = "mlx.generated";
    /** Where the template starts a statement of define(), and an argument of its final call. */
    private static final int STATEMENT_INDENT = 8;
    private static final int ARGUMENT_INDENT = 16;
    private static final Map<String, String> COMMENTS = new LinkedHashMap<>();

    static {
        COMMENTS.put("source", "the .mlx file this program was compiled from");
        COMMENTS.put("scope", "scope: the question, the deciding metric and the release gates");
        COMMENTS.put("data", "data: the source with its compile-time schema, missing markers and the holdout split");
        COMMENTS.put("review", "review: what to look at in the raw data");
        COMMENTS.put("checks", "checks: expectations on the raw data (a failed one stops the run before training)");
        COMMENTS.put("features", "features: fitted on training rows only, inside every fold");
        COMMENTS.put("inspect", "inspect: checks on the transformed data");
        COMMENTS.put("models", "models: the ladder, simplest first");
        COMMENTS.put("tunes", "tuning: cross-validated on the training rows only");
        COMMENTS.put("evaluate", "evaluate: how the models are compared and the winner chosen");
        COMMENTS.put("explain", "explain: accountability for the selected model");
        COMMENTS.put("deploy", "deploy: exports and serving");
        COMMENTS.put("feedback", "feedback: the online plan");
    }

    /** The generated class: its simple name and its source text. */
    public record Generated(String className, String source) {
        public String qualifiedName() {
            return PACKAGE + "." + className;
        }
    }

    private SourceGenerator() {
    }

    public static Generated generate(Plan plan) {
        Experiment e = plan.experiment();
        NameAllocator names = new NameAllocator();
        String className = names.newClassName(e.name() + "_experiment");
        SpecWriter writer = new SpecWriter(plan.paramUses());

        List<Map<String, String>> blocks = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        for (RecordComponent rc : Experiment.class.getRecordComponents()) {
            Object value;
            try {
                value = rc.getAccessor().invoke(e);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
            String comment = COMMENTS.get(rc.getName());
            if (comment == null) {
                String label = "/* " + rc.getName() + " */ ";
                arguments.add(label + writer.write(value, rc.getName(), 2, ARGUMENT_INDENT + label.length()));
                continue;
            }
            String variable = names.newName(rc.getName());
            String type = javaType(rc);
            Map<String, String> block = new LinkedHashMap<>();
            block.put("comment", comment);
            block.put("type", type);
            block.put("variable", variable);
            block.put("expression", rc.getName().equals("source") ? sourceExpression(e.source(), className)
                    : writer.write(value, rc.getName(), 0, STATEMENT_INDENT + (type + " " + variable + " = ").length()));
            blocks.add(block);
            arguments.add(variable);
        }
        writer.requireEveryParameterWritten();

        StringBuilder params = new StringBuilder();
        plan.params().forEach((k, v) -> params.append(params.length() > 0 ? ", " : "").append(JavaLiterals.string(k))
                .append(", ").append(JavaLiterals.number(v)));

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("version", JavaLiterals.comment(e.source().mlxVersion()));
        model.put("fileName", JavaLiterals.comment(e.source().fileName()));
        model.put("packageName", PACKAGE);
        model.put("className", className);
        model.put("imports", List.copyOf(writer.imports()));
        model.put("experimentComment", javadoc(e.name()));
        if (e.question() != null) {
            model.put("questionComment", javadoc(e.question()));
        }
        model.put("parameters", params.toString());
        model.put("blocks", blocks);
        model.put("arguments", arguments);
        StringBuilder helpers = new StringBuilder(); // each after a blank line; nothing at all when there are none
        writer.helpers().forEach(h -> helpers.append("\n\n").append(h));
        model.put("helpers", helpers.toString());
        return new Generated(className, render(model));
    }

    /** The .mlx text is read from the jar at run time: a class-file constant holds at most 64 KB. */
    private static String sourceExpression(Experiment.Source s, String className) {
        String pad = "\n            ";
        return "new Experiment.Source(" + pad + "/* fileName */ " + JavaLiterals.string(s.fileName()) + ","
                + pad + "/* text */ Runner.resource(" + className + ".class, \"/" + JarBuilder.MLX_RESOURCE + "\"),"
                + pad + "/* sha256 */ " + JavaLiterals.string(s.sha256()) + ","
                + pad + "/* mlxVersion */ " + JavaLiterals.string(s.mlxVersion()) + ")";
    }

    private static String javaType(RecordComponent rc) {
        if (rc.getType() == List.class) {
            String arg = rc.getGenericType().getTypeName();
            String inner = arg.substring(arg.indexOf('<') + 1, arg.lastIndexOf('>'));
            return "List<" + SpecWriter.specTypeName(forName(inner)) + ">";
        }
        return SpecWriter.specTypeName(rc.getType());
    }

    private static Class<?> forName(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text inside a Javadoc comment: no comment end, no HTML, no unicode escapes that javac would decode. */
    private static String javadoc(String s) {
        return JavaLiterals.comment(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\\u", "\\\\u").replace("@", "&#64;");
    }

    private static String render(Map<String, Object> model) {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setClassForTemplateLoading(SourceGenerator.class, "/dev/mlx/codegen");
        cfg.setDefaultEncoding("UTF-8");
        cfg.setLocale(Locale.ROOT);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setNumberFormat("c");
        try {
            Template t = cfg.getTemplate("Experiment.java.ftl");
            StringWriter out = new StringWriter();
            t.process(model, out);
            return out.toString();
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException("code generation template failed", e);
        }
    }
}
