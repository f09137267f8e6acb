package dev.mlx.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.mlx.runtime.result.OnlineResults;
import dev.mlx.runtime.spec.Feedback;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The business KPI of an A/B test: feedback carries a value per prediction, the values are judged
 * with Welch's t-test like an error, and the verdict weighs them with the metric.
 */
class KpiOnlineTest {
    private static final Feedback.AbTest AB = new Feedback.AbTest("a", "b", 0.5, null, false);

    @TempDir
    Path dir;

    private Profile profile() throws Exception {
        Files.writeString(dir.resolve(Profile.FILE), """
                {"experiment": "shop", "task": "classification", "target": "bought", "metric": "accuracy", "unknown": "reject",
                 "missing": [], "classes": ["no", "yes"], "selected": "a", "columns": [], "variants": []}
                """, StandardCharsets.UTF_8);
        return Profile.read(dir);
    }

    /**
     * 40 predictions per variant, every one answered correctly (so the metric cannot separate them),
     * with the KPI values {@code base + spread * ((i % 5) - 2)}.
     */
    private Store store(String name, double championBase, double challengerBase, double spread) throws Exception {
        Store s = Store.open("jdbc:sqlite:" + dir.resolve(name));
        long now = System.currentTimeMillis();
        for (int i = 0; i < 80; i++) {
            String variant = i % 2 == 0 ? "a" : "b";
            s.log(new Store.Prediction("p" + i, "p" + i, now, variant, false, "{}", "yes", null, null));
        }
        for (int i = 0; i < 80; i++) {
            double base = i % 2 == 0 ? championBase : challengerBase;
            assertEquals(Store.Ack.STORED, s.feedback("p" + i, "yes", base + spread * ((i / 2) % 5 - 2)).get(10, TimeUnit.SECONDS));
        }
        return s;
    }

    @Test
    void aChallengerBetterOnTheKpiAloneIsPromoted() throws Exception {
        try (Store s = store("up.db", 10, 12, 1)) {
            JsonObject r = new Online(profile(), "accuracy", AB, new Feedback.Kpi("revenue", true)).report(s, 0);
            JsonObject k = r.getAsJsonObject("kpi");
            assertEquals("revenue", k.get("name").getAsString());
            JsonObject champion = k.getAsJsonArray("variants").get(0).getAsJsonObject();
            assertEquals(40, champion.get("with_value").getAsLong());
            assertEquals(10.0, champion.get("mean").getAsDouble(), 1e-12);
            assertEquals(400.0, champion.get("total").getAsDouble(), 1e-9);
            JsonObject test = k.getAsJsonObject("test");
            assertEquals("Welch's t-test", test.get("kind").getAsString());
            assertEquals(2.0, test.get("difference").getAsDouble(), 1e-12);
            assertTrue(test.get("p_value").getAsDouble() < 1e-6);
            assertEquals("promote", k.get("recommendation").getAsString());
            // the metric sees no difference (both always right): on its own it would keep the champion
            assertEquals("promote", r.get("recommendation").getAsString(), r.get("reason").getAsString());
            assertTrue(r.get("reason").getAsString().contains("on revenue, the challenger is significantly better"),
                    r.get("reason").getAsString());

            OnlineResults typed = FeedbackReport.online(wrap(r, s));
            assertNotNull(typed.kpi());
            assertEquals("promote", typed.kpi().recommendation());
            assertEquals(12.0, typed.kpi().variants().get(1).mean(), 1e-12);
            assertTrue(typed.kpi().variants().get(1).ciLow() < 12 && typed.kpi().variants().get(1).ciHigh() > 12);
        }
    }

    @Test
    void aChallengerWorseOnTheKpiIsKeptOut() throws Exception {
        try (Store s = store("down.db", 10, 9, 1)) {
            JsonObject r = new Online(profile(), "accuracy", AB, new Feedback.Kpi("revenue", true)).report(s, 0);
            assertEquals("keep", r.getAsJsonObject("kpi").get("recommendation").getAsString());
            assertEquals("keep", r.get("recommendation").getAsString());
            // the same values as a cost, lower being better: the challenger now wins
            JsonObject cost = new Online(profile(), "accuracy", AB, new Feedback.Kpi("cost", false)).report(s, 0);
            assertEquals("promote", cost.get("recommendation").getAsString(), cost.get("reason").getAsString());
        }
    }

    @Test
    void aNoisyKpiWaitsForMoreFeedbackAndSaysHowMuch() throws Exception {
        try (Store s = store("noisy.db", 10, 10.5, 20)) {
            JsonObject r = new Online(profile(), "accuracy", AB, new Feedback.Kpi("revenue", true)).report(s, 0);
            JsonObject k = r.getAsJsonObject("kpi");
            assertEquals("wait", k.get("recommendation").getAsString(), k.get("reason").getAsString());
            long needed = k.get("samples_needed_per_variant").getAsLong();
            assertTrue(needed > 40, "a 0.5 difference against an sd of about 28 needs many more: " + needed);
            assertEquals(needed - 40, k.get("samples_still_needed").getAsLong());
            assertEquals("wait", r.get("recommendation").getAsString());
        }
    }

    @Test
    void withoutADeclaredKpiTheReportIsAsBefore() throws Exception {
        try (Store s = store("plain.db", 10, 12, 1)) {
            JsonObject r = new Online(profile(), "accuracy", AB).report(s, 0);
            assertFalse(r.has("kpi"));
            assertTrue(r.get("recommendation").getAsString().equals("keep"), r.get("reason").getAsString());
            assertNull(FeedbackReport.online(wrap(r, s)).kpi());
        }
    }

    @Test
    void aStoreWrittenBeforeKpisGetsTheColumn() throws Exception {
        Path db = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE mlx_feedback (prediction_id VARCHAR(80) PRIMARY KEY, ts BIGINT NOT NULL, actual TEXT NOT NULL)");
        }
        try (Store s = Store.open("jdbc:sqlite:" + db)) {
            s.log(new Store.Prediction("p1", "p1", System.currentTimeMillis(), "a", false, "{}", "yes", null, null));
            assertEquals(Store.Ack.STORED, s.feedback("p1", "yes", 3.5).get(10, TimeUnit.SECONDS));
            assertEquals(3.5, s.joined(0).get(0).kpi());
        }
    }

    private static JsonObject wrap(JsonObject online, Store s) {
        JsonObject o = new JsonObject();
        o.addProperty("store", s.label());
        o.addProperty("window_days", 7.0);
        o.add("online", online);
        return o;
    }
}
