package dev.mlx.runtime.report;

import dev.mlx.runtime.result.RunResult;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one HTML page: {@link ReportBuilder} makes the model, {@code report.ftlh} draws it
 * with FreeMarker's HTML auto-escaping, so no text from the data or the .mlx file can become markup.
 */
public final class ReportRenderer {
    private static final Configuration CONFIG = configuration();

    private ReportRenderer() {
    }

    /** Renders the report of one run. */
    public static String render(RunResult run) {
        return render(ReportBuilder.build(run));
    }

    public static String render(Report report) {
        try {
            Template t = CONFIG.getTemplate("report.ftlh");
            StringWriter out = new StringWriter(256 * 1024);
            t.process(Map.of("r", report), out);
            return out.toString();
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException("report template failed", e);
        }
    }

    private static Configuration configuration() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setClassForTemplateLoading(ReportRenderer.class, "/dev/mlx/runtime/report");
        cfg.setDefaultEncoding("UTF-8");
        cfg.setLocale(Locale.ROOT);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setNumberFormat("c");
        return cfg;
    }
}
