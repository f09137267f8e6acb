package dev.mlx.runtime.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlx.runtime.base.RunException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The working table keeps feature order through replacements and removals, and finds columns by name after them. */
class FrameTest {
    private static Col num() {
        return new Col.Num(new double[] {1, 2});
    }

    private static List<String> names(Frame f) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < f.size(); i++) {
            out.add(f.name(i));
        }
        return out;
    }

    @Test
    void replacementsSitWhereTheColumnWasAndRemovalsCloseTheGap() {
        Frame f = new Frame(2);
        for (String n : List.of("a", "d1", "b", "d2", "c")) {
            f.add(n, num());
        }
        f.replace("d1", List.of("d1_year", "d1_month"), List.of(num(), num()));
        f.remove("b");
        f.replace("d2", List.of("d2_year"), List.of(num()));
        f.remove("a");
        f.remove("not there");
        assertEquals(List.of("d1_year", "d1_month", "d2_year", "c"), names(f));
        assertFalse(f.has("d1"));
        assertTrue(f.has("d2_year"));
        Col replaced = num();
        f.set("d1_month", replaced);
        assertSame(replaced, f.col(1));
        assertSame(replaced, f.get("d1_month", "test"));
        f.replace("c", List.of("c"), List.of(num())); // a step may keep the name
        f.add("e", num());
        assertEquals(List.of("d1_year", "d1_month", "d2_year", "c", "e"), names(f));
        RunException gone = assertThrows(RunException.class, () -> f.get("b", "standardize"));
        assertEquals("`standardize` uses column `b`, which is not in the data at that point", gone.getMessage());
        assertThrows(RunException.class, () -> f.replace("e", List.of("c"), List.of(num())));
        assertThrows(RunException.class, () -> f.add("c", num()));
    }
}
