package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The log's JSON writer writes what Gson writes for the same rows, so the log reads back the same. */
class FlatJsonTest {
    @Test
    void sameTextAsGsonForARequestRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("island", "Biscoe");
        row.put("beak_length_mm", 45.1);
        row.put("flipper_length_mm", 215L);
        row.put("body_mass_g", 5000.0);
        row.put("tiny", 1.0e-12);
        row.put("huge", 3.0e21);
        row.put("negative", -0.5);
        row.put("sex", null);
        assertEquals(ModelServer.GSON.toJson(row), FlatJson.object(row));
    }

    @Test
    void escapesStringsAsGsonDoes() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("quote \" and \\ backslash", "line\nbreak\ttab\rreturn\bback\fform");
        row.put("control", "\u0001\u001f");
        row.put("separators", "\u2028\u2029");
        row.put("html", "<a href='x'>&amp;</a>=");
        row.put("unicode", "Gentoo \u00e9\u4e2d\uD83D\uDC27");
        assertEquals(ModelServer.GSON.toJson(row), FlatJson.object(row));
    }

    @Test
    void probabilitiesAndEmptyMaps() {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("Adelie", 0.012345678901234567);
        p.put("Chinstrap", 0.0);
        p.put("Gentoo", 0.987654321);
        assertEquals(ModelServer.GSON.toJson(p), FlatJson.object(p));
        assertEquals("{}", FlatJson.object(Map.of()));
    }

    @Test
    void numbersJsonCannotHoldBecomeNull() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("nan", Double.NaN);
        row.put("inf", Double.NEGATIVE_INFINITY);
        assertEquals("{\"nan\":null,\"inf\":null}", FlatJson.object(row));
    }
}
