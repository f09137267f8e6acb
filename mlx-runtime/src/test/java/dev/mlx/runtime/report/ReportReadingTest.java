package dev.mlx.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import dev.mlx.runtime.result.Evaluation;
import dev.mlx.runtime.result.FeatureScore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a careful reader of the report noticed, each held to the fix: numbers, names, charts. */
class ReportReadingTest {
    @Test
    void aYearIsNotGroupedLikeAThousand() {
        assertEquals("2021.4", Fmt.num(2021.4), "a year's mean");
        assertEquals("1934", Fmt.num(1934.0));
        assertEquals("12,345", Fmt.num(12_345.0), "from 10,000 on, thousands are grouped");
        assertEquals("12,345.7", Fmt.num(12_345.67));
        assertEquals("0.1235", Fmt.num(0.123456));
    }

    @Test
    void anEmptyTextValueIsVisibleAndFieldNamesReadAsWords() {
        assertEquals("\"\" (empty text)", Fields.text(new JsonPrimitive("")), "`impute with \"\"` shows what it fills with");
        assertEquals("unknown", Fields.text(new JsonPrimitive("unknown")));
        assertEquals("other rows", Fields.header("other_rows"));
        assertEquals("non-zero", Fields.header("non_zero"));
        assertEquals("sd", Fields.header("std"));
        assertEquals("feature", Fields.header("feature"));
    }

    @Test
    void mirroredImportancePanelsOfABinaryModelBecomeOne() {
        Map<String, List<FeatureScore>> outputs = new LinkedHashMap<>();
        outputs.put("benign", List.of(new FeatureScore("radius", -0.8), new FeatureScore("texture", 0.3)));
        outputs.put("malignant", List.of(new FeatureScore("radius", 0.8), new FeatureScore("texture", -0.3)));
        assertEquals("malignant", Accountability.mirrored(outputs, "malignant"), "the positive class's panel");
        assertEquals("benign", Accountability.mirrored(outputs, null), "else the first");
        outputs.put("malignant", List.of(new FeatureScore("radius", 0.8), new FeatureScore("texture", 0.3)));
        assertNull(Accountability.mirrored(outputs, "malignant"), "not mirror images: both panels stay");
        outputs.put("other", List.of());
        assertNull(Accountability.mirrored(outputs, null), "three classes: one panel each");
    }

    @Test
    void theLeakageThresholdIsOnTheAxisAndTheAxisStartsAtChance() {
        List<Charts.BarIn> bars = List.of(new Charts.BarIn("beak_ratio", 0.9881, null, "t-main"),
                new Charts.BarIn("flipper_length_mm", 0.9038, null, "t-main"));
        Chart.Bars c = Charts.bars("leakage", "auc", bars, 0.5, 0.999);
        assertNotNull(c.markAt());
        double axisLeft = c.ticks().get(0).at();
        double axisRight = c.ticks().get(c.ticks().size() - 1).at();
        assertTrue(c.markAt() >= axisLeft && c.markAt() <= axisRight, "threshold " + c.markAt() + " within the axis "
                + axisLeft + ".." + axisRight);
        assertEquals("0.5", c.ticks().get(0).label(), "the axis starts at chance, not at 0");
        assertTrue(c.markAt() + 40 < c.width(), "the threshold's label fits");
        assertEquals("threshold 0.999", c.markLabel());
        Chart.Bars plain = Charts.bars("counts", "rows", List.of(new Charts.BarIn("a", 3, null, "t-alt")));
        assertNull(plain.markAt());
        assertEquals("0", plain.ticks().get(0).label(), "counts start at 0");
    }

    @Test
    void longLabelsGetTheRoomTheyNeed() {
        String longName = "support_tickets_last_90_days";
        Chart.Bars bars = Charts.bars("importance", "score", List.of(new Charts.BarIn(longName, 0.4, 0.01, "t-main")));
        assertTrue(bars.labelWidth() >= Charts.TEXT_EM * longName.length(), "the label column holds the whole name");
        Chart.Heatmap h = Charts.heatmap("correlations", List.of(longName, "age"), List.of(longName, "age"),
                new Double[][] {{1.0, 0.2}, {0.2, 1.0}}, true, true, "");
        assertTrue(h.gridLeft() >= Charts.TEXT_EM * longName.length(), "row labels end at the grid");
        assertTrue(h.gridTop() >= Charts.TEXT_EM * longName.length() * Math.sqrt(0.5), "column labels rise at 45 degrees above it");
        double lastLabelEnd = h.cols().get(1).at() + Charts.TEXT_EM * 3 * Math.sqrt(0.5);
        assertTrue(h.width() >= lastLabelEnd, "the last column's label fits on the right");
    }

    @Test
    void aWideHeatmapsSlantedLabelsDoNotOverlap() {
        // 30 columns (the correlation heatmap's most): neighbouring 45-degree labels are cell·sin 45° apart
        // and must hold a 13 px line of text
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            names.add("column_" + i);
        }
        Double[][] values = new Double[30][30];
        for (Double[] row : values) {
            java.util.Arrays.fill(row, 0.1);
        }
        Chart.Heatmap h = Charts.heatmap("correlations", names, names, values, true, true, "");
        double apart = (h.cols().get(1).at() - h.cols().get(0).at()) * Math.sqrt(0.5);
        assertTrue(apart >= 13, "slanted labels " + apart + " px apart overlap");
        assertTrue(h.rows().get(1).at() - h.rows().get(0).at() >= 13, "row labels overlap");
    }

    @Test
    void calibrationAndThresholdTradeOffFromTheHoldoutCurves() {
        // 100 holdout rows, scored 0.05, 0.15, ... 0.95 (ten rows each); at score s, a share s of the rows is positive.
        int[] pos = {1, 1, 2, 4, 4, 6, 6, 8, 9, 9}; // positives per score decile
        long positives = 0;
        for (int p : pos) {
            positives += p;
        }
        long negatives = 100 - positives;
        List<List<Double>> roc = new ArrayList<>();
        List<List<Double>> pr = new ArrayList<>();
        roc.add(java.util.Arrays.asList(0.0, 0.0, null));
        double tp = 0;
        double fp = 0;
        for (int d = 9; d >= 0; d--) {
            tp += pos[d];
            fp += 10 - pos[d];
            double score = d / 10.0 + 0.05;
            roc.add(List.of(fp / negatives, tp / positives, score));
            pr.add(List.of(tp / positives, tp / (tp + fp), score));
        }
        Chart.Lines cal = (Chart.Lines) Calibration.calibration(new Evaluation.Curve("yes", roc), "yes", positives, negatives);
        assertNotNull(cal);
        List<List<Table.Cell>> rows = cal.fallback().rows();
        assertEquals(10, rows.size(), "one point per tenth");
        assertEquals("0.05", rows.get(0).get(1).text(), "mean predicted probability of the lowest tenth");
        assertEquals("0.1", rows.get(0).get(2).text(), "its observed share: 1 of 10");
        assertEquals("0.95", rows.get(9).get(1).text());
        assertEquals("0.9", rows.get(9).get(2).text());
        Chart.Lines trade = (Chart.Lines) Calibration.tradeOff(new Evaluation.Curve("yes", pr), "yes");
        assertNotNull(trade);
        assertEquals(List.of("precision", "recall", "F1"), trade.series().stream().map(Chart.Series::name).toList());
        // At threshold 0.95 only the top tenth is called positive: 9 of 10 right, 9 of 50 positives found.
        List<String> at95 = trade.fallback().rows().stream().filter(r -> r.get(1).text().equals("0.95"))
                .map(r -> r.get(0).text() + "=" + r.get(2).text()).toList();
        assertEquals(List.of("precision=0.9", "recall=0.18", "F1=0.3"), at95);
        assertNull(Calibration.tradeOff(new Evaluation.Curve("yes", List.of()), "yes"), "no points, no chart");
    }
}
