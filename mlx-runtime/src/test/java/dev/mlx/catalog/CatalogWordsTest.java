package dev.mlx.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog's enumerated words: each function of the language is described once, by its enum constant. */
class CatalogWordsTest {
    @Test
    void everyBuiltinFunctionIsDescribedInItsOrder() {
        assertEquals(Words.all(Builtin.class), List.copyOf(Catalog.get().functions().keySet()));
        for (Builtin b : Builtin.values()) {
            assertEquals(b, Catalog.get().function(b.word()).function());
            assertEquals(b, Builtin.parse(b.word()));
        }
    }

    @Test
    void aWordIsTheConstantInLowerCase() {
        assertEquals("days_between", Builtin.DAYS_BETWEEN.word());
        assertEquals(DatePart.DAYOFYEAR, DatePart.parse("dayofyear"));
        assertEquals(null, Percentile.parse("P99"));
        assertEquals(List.of("p50", "p90", "p95", "p99", "mean"), Catalog.get().choices("percentile"));
    }
}
