package dev.mlx.runtime;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tribuo logs every training step at INFO; the console shows our progress instead. Loggers are held
 * in a field: java.util.logging keeps only weak references, and a collected logger forgets its level.
 */
final class Quiet {
    private static final Logger[] HELD = {Logger.getLogger("org.tribuo"), Logger.getLogger("com.oracle.labs.mlrg"),
            Logger.getLogger("tech.tablesaw"), Logger.getLogger("ml.dmlc.xgboost4j")};

    private Quiet() {
    }

    static void install() {
        for (Logger l : HELD) {
            l.setLevel(Level.WARNING);
        }
    }
}
