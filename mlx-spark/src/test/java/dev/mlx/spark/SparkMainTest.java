package dev.mlx.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A run that runs out of memory gets the memory advice, also when a task's error reaches the driver wrapped or as text. */
class SparkMainTest {
    @Test
    void anOutOfMemoryErrorIsFoundAmongTheCauses() {
        assertTrue(SparkMain.causedByOutOfMemory(new RuntimeException("job aborted", new OutOfMemoryError("Java heap space"))));
        assertTrue(SparkMain.causedByOutOfMemory(new IllegalStateException(
                "Job aborted due to stage failure: Task 3 in stage 158.0 failed: java.lang.OutOfMemoryError: Java heap space")));
        assertFalse(SparkMain.causedByOutOfMemory(new RuntimeException("Division by zero", new ArithmeticException())));
        assertTrue(SparkMain.outOfMemory().contains("spark.driver.memory"));
    }
}
