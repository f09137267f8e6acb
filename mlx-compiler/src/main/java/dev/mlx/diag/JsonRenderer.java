package dev.mlx.diag;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mlx.source.SourceFile;
import dev.mlx.source.Span;
import java.util.List;

/**
 * Diagnostics as JSON: one array of objects with code, severity, message, file, one-based
 * line/column of the primary span, labels (with UTF-16 offsets and positions), notes, helps, fixes.
 */
public final class JsonRenderer {
    public String render(List<Diagnostic> diagnostics) {
        JsonArray array = new JsonArray();
        for (Diagnostic d : diagnostics) {
            array.add(toJson(d));
        }
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(array);
    }

    public JsonObject toJson(Diagnostic d) {
        JsonObject o = new JsonObject();
        o.addProperty("code", d.code().name());
        o.addProperty("severity", d.severity().word());
        o.addProperty("message", d.message());
        SourceFile f = d.file();
        if (f != null) {
            o.addProperty("file", f.displayPath());
        }
        Span s = d.span();
        if (f != null && s != null) {
            o.addProperty("line", f.line(s.start()) + 1);
            o.addProperty("column", f.displayColumn(s.start()));
        }
        JsonArray labels = new JsonArray();
        for (Label l : d.labels()) {
            JsonObject lo = position(f, l.span());
            lo.addProperty("message", l.message());
            lo.addProperty("primary", l.primary());
            labels.add(lo);
        }
        o.add("labels", labels);
        JsonArray notes = new JsonArray();
        d.notes().forEach(notes::add);
        o.add("notes", notes);
        JsonArray helps = new JsonArray();
        d.helps().forEach(helps::add);
        o.add("helps", helps);
        JsonArray fixes = new JsonArray();
        for (Fix fx : d.fixes()) {
            JsonObject fo = position(f, fx.span());
            fo.addProperty("title", fx.title());
            fo.addProperty("replacement", fx.replacement());
            fixes.add(fo);
        }
        o.add("fixes", fixes);
        return o;
    }

    private static JsonObject position(SourceFile f, Span s) {
        JsonObject o = new JsonObject();
        o.addProperty("start", s.start());
        o.addProperty("end", s.end());
        if (f != null) {
            o.addProperty("line", f.line(s.start()) + 1);
            o.addProperty("column", f.displayColumn(s.start()));
            o.addProperty("endLine", f.line(s.end()) + 1);
            o.addProperty("endColumn", f.displayColumn(s.end()));
        }
        return o;
    }
}
