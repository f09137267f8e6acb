package dev.mlx.runtime.models;

import java.io.ObjectInputFilter;

/**
 * The JEP 290 allow-list for Java deserialisation. Tribuo 4.3.2 reads LIBLINEAR models back through
 * an unfiltered {@link java.io.ObjectInputStream}, and the fitted feature pipeline travels as a
 * serialised object: a model file from elsewhere must not be able to instantiate gadget classes
 * (commons-beanutils, commons-collections and friends are on the classpath). Only the model
 * libraries, mlx itself and plain JDK value types are allowed; everything else is rejected.
 * Primitive arrays are not classes and pass.
 */
public final class SerialFilter {
    /** Allowed first, then {@code !*}: the first matching pattern decides. */
    public static final String PATTERN = String.join(";",
            "dev.mlx.**",
            "org.tribuo.**",
            "com.oracle.labs.mlrg.olcut.provenance.**",
            "com.oracle.labs.mlrg.olcut.util.*",
            "de.bwaldvogel.liblinear.*",
            "libsvm.*",
            "ml.dmlc.xgboost4j.java.*",
            "java.lang.*",
            "java.util.*",
            "java.util.regex.Pattern",
            "java.time.*",
            "java.math.*",
            "!*");

    /** The filter itself; also usable on a single stream. */
    public static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(PATTERN);

    private SerialFilter() {
    }

    /**
     * Installs {@link #FILTER} as the process-wide filter before anything is deserialised. Idempotent.
     * A filter set earlier by the operator (the {@code jdk.serialFilter} property, or another
     * library) cannot be replaced and is left in force; {@link #isInstalled()} then says false and
     * {@link Export#load} still filters its own stream.
     */
    public static synchronized void install() {
        ObjectInputFilter current = ObjectInputFilter.Config.getSerialFilter();
        if (current == null) {
            ObjectInputFilter.Config.setSerialFilter(FILTER);
        }
    }

    /** Whether the process-wide filter is this one. */
    public static boolean isInstalled() {
        return ObjectInputFilter.Config.getSerialFilter() == FILTER;
    }
}
