package dev.mlx.runtime;

import dev.mlx.runtime.spec.Experiment;
import dev.mlx.runtime.spec.Step;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A compiled jar started with plain {@code java -jar X.jar} sizes its own heap from the data: when
 * the JVM was given no maximum heap, the jar starts itself again with one, and the settings that
 * give memory back, and waits for that process, whose exit code it returns.
 * <p>
 * The rule ({@link #heapMegabytes}): {@value #BASE_MB} MB for the runtime itself, plus
 * {@value #BYTES_FACTOR} times the CSV file's size ({@value #TEXT_FACTOR} times when a features step
 * turns text into words, whose vectors outgrow the text), at most {@value #PHYSICAL_SHARE_PERCENT}%
 * of the machine's physical memory. A table of a few hundred rows runs in a 256 MB heap instead of
 * the JVM's default quarter of the machine; 1,000,000 rows of 20 columns (a 160 MB file) get about
 * 900 MB. A data source that is not a file (JDBC), an explicit {@code -Xmx} (or any other maximum heap
 * setting, on the command line or in {@code JAVA_TOOL_OPTIONS}), {@code MLX_HEAP=off}, a command line
 * that only asks for help or the version, or a run
 * inside another program (an in-process {@code mlx run}) leave the JVM as it is.
 * <p>
 * The child runs G1 with a periodic collection every {@value #PERIODIC_GC_MS} ms when idle, and
 * shrinks the heap when less than {@value #MAX_FREE_PERCENT}% of it is in use, so a server that has
 * finished its first run gives memory back to the machine. It maps the classes it loads from a
 * class-data-sharing archive that the first run writes ({@link ClassArchive}).
 */
final class HeapSizing {
    /** The environment variable that turns sizing off ({@code off}) or fixes the heap ({@code 2g}, {@code 800m}). */
    static final String ENVIRONMENT = "MLX_HEAP";
    /** Marks the child, so it never starts another. */
    static final String CHILD_PROPERTY = "mlx.heap.sized";
    static final long BASE_MB = 256;
    static final int BYTES_FACTOR = 4;
    static final int TEXT_FACTOR = 12;
    static final int PHYSICAL_SHARE_PERCENT = 75;
    static final int PERIODIC_GC_MS = 5000;
    static final int MAX_FREE_PERCENT = 30;

    private HeapSizing() {
    }

    /**
     * Runs the jar again with a heap sized for the data and returns its exit code; null when this
     * JVM should do the work itself.
     */
    static Integer relaunch(String[] args, Function<Params, Experiment> define, Map<String, Double> parameters,
                            Class<?> mainClass) {
        String setting = System.getenv(ENVIRONMENT);
        if (System.getProperty(CHILD_PROPERTY) != null || "off".equalsIgnoreCase(setting) || onlyPrints(args)
                || Runner.jarName(mainClass) == null || hasMaxHeap(ManagementFactory.getRuntimeMXBean().getInputArguments())) {
            return null;
        }
        try {
            Path jar = Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            String heap;
            if (setting != null && !setting.isBlank()) {
                heap = setting.trim();
            } else {
                Long mb = heapFor(args, define, parameters, mainClass);
                if (mb == null) {
                    return null;
                }
                heap = mb + "m";
            }
            List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
            ClassArchive.Plan archive = ClassArchive.plan(jar, jvmOptions);
            List<String> command = command(jar, heap, concat(jvmOptions, archive.options()), args);
            Process child = new ProcessBuilder(command).inheritIO().start();
            Thread stop = new Thread(child::destroy, "mlx-stop-child");
            Runtime.getRuntime().addShutdownHook(stop); // the parent stopped (kill, Ctrl-C): so does the child
            int code = child.waitFor();
            Runtime.getRuntime().removeShutdownHook(stop);
            ClassArchive.finish(archive, jar, code);
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Runner.FAILED;
        } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
            return null; // cannot start the child (or size it): do the work here, in the default heap
        }
    }

    /** The child's command line: this JVM's own options, then the heap and collector settings, the jar and the arguments. */
    static List<String> command(Path jar, String heap, List<String> jvmOptions, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Xmx" + heap);
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
            command.add("-XX:+UseG1GC");
        }
        command.add("-XX:G1PeriodicGCInterval=" + PERIODIC_GC_MS);
        command.add("-XX:MaxHeapFreeRatio=" + MAX_FREE_PERCENT);
        command.add("-XX:MinHeapFreeRatio=10");
        command.add("-D" + CHILD_PROPERTY + "=" + heap);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return command;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Whether the command line only asks for help or the version: no data is read, so no second JVM is worth starting. */
    static boolean onlyPrints(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the JVM options already bound the heap. */
    static boolean hasMaxHeap(List<String> jvmOptions) {
        for (String o : jvmOptions) {
            if (o.startsWith("-Xmx") || o.startsWith("-XX:MaxHeapSize") || o.startsWith("-XX:MaxRAM")) {
                return true;
            }
        }
        return false;
    }

    /** The heap for this command line's data in MB, or null when the data is not a file this JVM can see. */
    private static Long heapFor(String[] args, Function<Params, Experiment> define, Map<String, Double> parameters,
                                Class<?> mainClass) throws IOException {
        Experiment e = define.apply(new Params(parameters, Map.of()));
        if (e.data().csv() == null) {
            return null;
        }
        Path base = baseArgument(args);
        Path csv = (base != null ? base : Runner.baseDir(mainClass)).resolve(e.data().csv()).normalize();
        if (!Files.isRegularFile(csv)) {
            return null; // the run will say what is missing
        }
        boolean text = e.features().stream().anyMatch(s -> s instanceof Step.TextVector);
        return heapMegabytes(Files.size(csv), text, physicalMegabytes());
    }

    /** The rule: see the class comment. */
    static long heapMegabytes(long csvBytes, boolean text, long physicalMb) {
        long mb = BASE_MB + (text ? TEXT_FACTOR : BYTES_FACTOR) * csvBytes / (1L << 20);
        long cap = physicalMb * PHYSICAL_SHARE_PERCENT / 100;
        return cap > 0 ? Math.max(Math.min(mb, cap), Math.min(BASE_MB, cap)) : mb;
    }

    /** {@code --base DIR} or {@code --base=DIR} among the arguments, else null. */
    static Path baseArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--base") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--base=")) {
                return Path.of(args[i].substring("--base=".length()));
            }
        }
        return null;
    }

    private static long physicalMegabytes() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize() / (1L << 20);
        }
        return 0;
    }
}
