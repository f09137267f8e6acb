package dev.mlx.runtime.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one HTML page: {@link ReportBuilder} makes the model, {@code report.ftlh} draws it
 * with FreeMarker's HTML auto-escaping, so no text from the data or the .mlx file can become markup.
 */
public final class Reports {
    private static final Configuration CONFIG = configuration();

    private Reports() {
    }

    /** Renders the report of one run.json object. */
    public static String render(JsonObject run) {
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

    /** Reads a run.json file; a file that is not a run.json is a {@link IllegalArgumentException} with the reason. */
    public static JsonObject read(Path runJson) throws IOException {
        String text = Files.readString(runJson, StandardCharsets.UTF_8);
        try {
            var e = JsonParser.parseString(text);
            if (!e.isJsonObject() || !e.getAsJsonObject().has("experiment") || !e.getAsJsonObject().has("status")) {
                throw new IllegalArgumentException(runJson + " is not the run.json of an mlx run (no `experiment` and `status`)");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException ex) {
            throw new IllegalArgumentException(runJson + " is not valid JSON: " + ex.getMessage(), ex);
        }
    }

    private static Configuration configuration() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setClassForTemplateLoading(Reports.class, "/dev/mlx/runtime/report");
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
