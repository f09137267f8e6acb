package dev.mlx.runtime.models;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Silences the libraries behind the models: Tribuo and OLCUT log every epoch and every tree at
 * INFO through java.util.logging, LIBSVM prints its optimiser progress to stdout and LIBLINEAR to
 * stderr. A run's console belongs to mlx.
 */
public final class Quiet {
    /** Held so the configured levels survive: java.util.logging keeps loggers only weakly. */
    private static final List<Logger> LOGGERS = List.of(Logger.getLogger("org.tribuo"),
            Logger.getLogger("com.oracle.labs.mlrg.olcut"), Logger.getLogger("ml.dmlc.xgboost4j"));
    /** Warns "setting cost for non-C_SVC model" for every regression SVM, which uses the cost all the same. */
    private static final Logger SVM_PARAMETERS = Logger.getLogger("org.tribuo.common.libsvm.SVMParameters");
    private static volatile boolean done;

    private Quiet() {
    }

    /** Idempotent; cheap after the first call. */
    public static void install() {
        if (done) {
            return;
        }
        synchronized (Quiet.class) {
            if (done) {
                return;
            }
            for (Logger l : LOGGERS) {
                l.setLevel(Level.WARNING);
            }
            SVM_PARAMETERS.setLevel(Level.SEVERE);
            libsvm.svm.svm_set_print_string_function(s -> { });
            de.bwaldvogel.liblinear.Linear.disableDebugOutput();
            done = true;
        }
    }
}
