package dev.mlx.runtime.models;

import java.io.IOException;
import java.io.ObjectInputFilter;
import java.util.function.BinaryOperator;

/**
 * The JEP 290 filter for Java deserialisation, installed process-wide before a model is read.
 * mlx's own files are never Java-serialised (the pipeline is JSON: {@code features.PipelineFile});
 * what remains is inside Tribuo: its protobuf form of LIBLINEAR and LIBSVM models carries the
 * library's model object as Java-serialised bytes, which Tribuo 4.3.2 reads through an
 * unfiltered {@link java.io.ObjectInputStream}. So the filter allows exactly those libraries'
 * model classes and the JDK values they hold, with limits on nesting depth, array length, object
 * count and stream size; everything else is rejected (commons-beanutils, commons-collections and
 * other gadget libraries are on the classpath). Primitive arrays are not classes and pass, within
 * the array limit.
 */
public final class SerialFilter {
    /** Deepest object nesting: a LIBSVM model is four levels deep (model, node arrays, node). */
    public static final int MAX_DEPTH = 16;
    /** Longest array: a weight vector of fifty million doubles is 400 MB. */
    public static final int MAX_ARRAY = 50_000_000;
    /** Most objects and references in one stream: a LIBSVM model holds one node per support-vector entry. */
    public static final int MAX_REFS = 20_000_000;
    /** Largest stream, in bytes. */
    public static final long MAX_BYTES = 2L << 30;

    /** Limits first, then the allowed classes, then {@code !*}: the first matching class pattern decides. */
    public static final String PATTERN = String.join(";",
            "maxdepth=" + MAX_DEPTH,
            "maxarray=" + MAX_ARRAY,
            "maxrefs=" + MAX_REFS,
            "maxbytes=" + MAX_BYTES,
            "de.bwaldvogel.liblinear.Model",
            "de.bwaldvogel.liblinear.SolverType",
            "libsvm.svm_model",
            "libsvm.svm_parameter",
            "libsvm.svm_node",
            "java.lang.Enum",
            "java.lang.Number",
            "java.lang.Double",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.String",
            "!*");

    /** The filter Tribuo's model streams get while {@link #scoped} runs. */
    public static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(PATTERN);

    /**
     * The process-wide filter used only when the factory cannot be installed (a stream was made
     * before {@link #install}): Tribuo also clones its random generators through serialisation, so
     * it must allow the JDK's value types, within the same limits.
     */
    public static final ObjectInputFilter PROCESS_WIDE = ObjectInputFilter.Config.createFilter(String.join(";",
            "maxdepth=" + MAX_DEPTH, "maxarray=" + MAX_ARRAY, "maxrefs=" + MAX_REFS, "maxbytes=" + MAX_BYTES,
            "de.bwaldvogel.liblinear.*", "libsvm.*", "org.tribuo.**", "com.oracle.labs.mlrg.olcut.**", "dev.mlx.**",
            "java.lang.*", "java.util.*", "java.time.*", "java.math.*", "!*"));

    private static final ThreadLocal<int[]> SCOPE = ThreadLocal.withInitial(() -> new int[1]);
    private static volatile boolean scopedFiltering;

    private SerialFilter() {
    }

    /**
     * The JEP 415 filter factory: every stream gets the filter it would have had, and a stream made
     * on a thread inside {@link #scoped} gets {@link #FILTER} too (both must allow a class). Named
     * by the {@code jdk.serialFilterFactory} property, or installed by {@link #install}.
     */
    public static final class Factory implements BinaryOperator<ObjectInputFilter> {
        public Factory() {
        }

        @Override
        public ObjectInputFilter apply(ObjectInputFilter current, ObjectInputFilter requested) {
            ObjectInputFilter chosen = requested; // what the JDK's own factory returns
            if (SCOPE.get()[0] == 0) {
                return chosen;
            }
            return chosen == null || chosen == FILTER ? FILTER : ObjectInputFilter.merge(FILTER, chosen);
        }
    }

    /** Something that reads and may fail with an I/O error. */
    @FunctionalInterface
    public interface Reading<T> {
        T read() throws IOException;
    }

    /** Runs {@code body} with every stream it makes on this thread under {@link #FILTER}. */
    public static <T> T scoped(Reading<T> body) throws IOException {
        install();
        int[] depth = SCOPE.get();
        depth[0]++;
        try {
            return body.read();
        } finally {
            depth[0]--;
        }
    }

    /**
     * Installs the {@link Factory} process-wide; idempotent. When that is no longer possible
     * (the JDK allows it only before the first stream), the {@link #PROCESS_WIDE} filter is set
     * instead, unless the operator set one ({@code jdk.serialFilter}), which is then left in force.
     */
    public static synchronized void install() {
        if (scopedFiltering || ObjectInputFilter.Config.getSerialFilterFactory() instanceof Factory) {
            scopedFiltering = true;
            return;
        }
        try {
            ObjectInputFilter.Config.setSerialFilterFactory(new Factory());
            scopedFiltering = true;
        } catch (IllegalStateException e) {
            if (ObjectInputFilter.Config.getSerialFilter() == null) {
                ObjectInputFilter.Config.setSerialFilter(PROCESS_WIDE);
            }
        }
    }

    /** Whether model streams are filtered: by the factory, or failing that by a process-wide filter. */
    public static boolean isInstalled() {
        return scopedFiltering || ObjectInputFilter.Config.getSerialFilter() != null;
    }
}
