package dev.mlx.runtime.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mlx.testing.Golden;
import dev.mlx.testing.Repo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * run.json's one JSON form: docs/run-json.schema.json is the schema the records give (a golden
 * file, so the two cannot drift), a result reads back equal to itself, and a reader of a file that
 * breaks the shape says where, by JSON path.
 */
class RunJsonTest {
    /** A small run that stopped at its checks: every always-present part, none of the later ones. */
    static RunResult stoppedRun() {
        ExperimentPlan plan = new ExperimentPlan("tiny", null, "classification", "label", null, "accuracy",
                List.of(new ExperimentPlan.Gate("require accuracy >= 0.8 on cv", "accuracy", ">=", 0.8, "cv")), null,
                new ExperimentPlan.Deploy(8080, null, List.of()), null, null);
        DataReview review = new DataReview(3, true, List.of(
                new DataReview.NumericColumn("x", "number", 3, 0, 0, 3, 1.0, 3.0, 2.0, 2.0, 1.0,
                        List.of(new DataReview.Quantile(0.5, 2.0)), new DataReview.Histogram(List.of(1.0, 2.0, 3.0), List.of(1L, 2L)), null),
                new DataReview.DateColumn("day", "date", 3, 0, 0, 3, "2024-01-01", "2024-01-03"),
                new DataReview.CategoryColumn("label", "string", 3, 0, 0, 2, List.of(new DataReview.ValueCount("a", 2)))),
                null, null, null, null);
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("data", 12L);
        return new RunResult(new RunResult.Mlx("0.1.0"), plan, new RunResult.Source("tiny.mlx", "00", "experiment tiny {}", null), null, 7,
                new RunResult.Environment("17", "Linux amd64", "4.3.2", "0.44.4", "vendor", 2, 1 << 30),
                new RunResult.DataSummary("tiny.csv", null, 3, 3, 0), review,
                List.of(new RunResult.Check("rows >= 10", "fail", "observed 3", null)), null, null, null, null, null, null, null,
                "failed checks", timings, null, null, null);
    }

    @Test
    void theCommittedSchemaIsTheOneTheRecordsGive() {
        Golden.assertMatches(Repo.root("docs/run-json.schema.json"), RunJson.schema(), "docs/run-json.schema.json");
    }

    @Test
    void aResultReadsBackEqualToItself() {
        RunResult run = stoppedRun();
        String text = RunJson.write(run);
        assertEquals(run, RunJson.read(text));
        JsonObject json = JsonParser.parseString(text).getAsJsonObject();
        assertEquals(0, json.getAsJsonObject("data").get("rows_without_target").getAsInt(), "snake_case keys");
        assertTrue(json.getAsJsonObject("experiment").get("question").isJsonNull(), "nulls are written");
        assertTrue(!json.has("evaluation"), "parts not reached are left out");
        assertEquals("3", json.getAsJsonObject("review").getAsJsonArray("columns").get(0).getAsJsonObject().get("max").toString(),
                "whole numbers without a fraction");
    }

    @Test
    void scalarsKeepTheirKind() {
        Scalar.Items items = (Scalar.Items) Scalar.of(List.of(1.0, 0.5, "x", true));
        assertEquals(List.of(new Scalar.Whole(1), new Scalar.Real(0.5), new Scalar.Text("x"), new Scalar.Flag(true)), items.value());
        assertNull(Scalar.of(Double.NaN));
        assertEquals("[1,0.5,\"x\",true]", RunJson.tree(items, Scalar.class).toString());
    }

    private static String problem(String text) {
        return assertThrows(InvalidRunJson.class, () -> RunJson.read(text)).getMessage();
    }

    @Test
    void aBrokenFileIsRefusedWithThePathOfTheProblem() {
        String good = RunJson.write(stoppedRun());
        assertEquals("$.data.rows: expected a whole number, found \"x\"", problem(good.replace("\"rows\": 3,", "\"rows\": \"x\",")));
        assertEquals("$.data.rows: expected a whole number, found 2.5", problem(good.replace("\"rows\": 3,", "\"rows\": 2.5,")));
        assertEquals("$.seed: missing", problem(good.replace("\"seed\": 7,", "")));
        assertEquals("$.data.rowsWithoutTarget: unknown key (expected source, sha256, rows, columns, rows_without_target)",
                problem(good.replace("rows_without_target", "rowsWithoutTarget")));
        assertEquals("$.experiment.name: expected a string, found null", problem(good.replace("\"name\": \"tiny\"", "\"name\": null")));
        assertEquals("$.review.columns[1].type: expected one of number, integer, date, string, category, text, boolean, found \"time\"",
                problem(good.replace("\"type\": \"date\"", "\"type\": \"time\"")));
        assertEquals("$.checks: expected an array, found an object", problem(good.replace("\"checks\": [", "\"checks\": {\"x\": [")
                .replace("\n  ],\n  \"status\"", "\n  ]},\n  \"status\"")));
        String cut = problem(good.substring(0, good.length() / 2));
        assertTrue(cut.contains("the JSON ends too early"), cut);
        assertEquals("$: expected an object, found an array", problem("[1]"));
        assertEquals("$: empty file", problem(" "));
    }
}
