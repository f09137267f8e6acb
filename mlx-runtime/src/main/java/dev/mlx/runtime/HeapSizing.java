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
 * 900 MB. A command that reads the stored model ({@code predict}, {@code serve}, ...) counts
 * {@value #MODEL_FACTOR} times the model file's size as data too. A data source that is not a file (JDBC), an explicit {@code -Xmx} (or any other maximum heap
 * setting, on the command line or in {@code JAVA_TOOL_OPTIONS}), {@code MLX_HEAP=off}, a command line
 * that only asks for help or the version, or a run
 * inside another program (an in-process {@code mlx run}) leave the JVM as it is.
 * <p>
 * The child runs G1 (unless it is a quick run, below) with a periodic collection every {@value #PERIODIC_GC_MS} ms when idle, and
 * shrinks the heap when less than {@value #MAX_FREE_PERCENT}% of it is in use, so a server that has
 * finished its first run gives memory back to the machine. It maps the classes it loads from a
 * class-data-sharing archive that the first run writes ({@link ClassArchive}).
 * <p>
 * A table under {@value #QUICK_LIMIT_MB} MB runs on the quick compiler alone ({@code
 * -XX:TieredStopAtLevel=1}) with the serial collector: such a run is over before the optimising
 * compiler's work pays back, and measured side by side (bench/small.sh tables, and 100,000 to 300,000
 * rows of bench/default-path) it took about half the CPU time; at 1,000,000 rows (140 MB) the full tiers
 * win the model stage back. {@code serve} always gets the full tiers (a server lives long), and
 * {@code MLX_JIT=quick} or {@code full} (or the user's own compiler or collector options) decide
 * instead of the rule.
 */
final class HeapSizing {
    /** The environment variable that turns sizing off ({@code off}) or fixes the heap ({@code 2g}, {@code 800m}). */
    static final String ENVIRONMENT = "MLX_HEAP";
    /** Marks the child, so it never starts another. */
    static final String CHILD_PROPERTY = "mlx.heap.sized";
    static final long BASE_MB = 256;
    static final int BYTES_FACTOR = 4;
    static final int TEXT_FACTOR = 12;
    /**
     * Heap per byte of a stored model a command reads, counted with the data: a 100-tree forest's 39 MB
     * file was read in a 256 MB heap and not in 192 MB ({@code models.tree.TreeModelReader}).
     */
    static final int MODEL_FACTOR = 6;
    static final int PHYSICAL_SHARE_PERCENT = 75;
    static final int PERIODIC_GC_MS = 5000;
    static final int MAX_FREE_PERCENT = 30;
    /** The environment variable that fixes the compiler tiers ({@code quick} or {@code full}) instead of the rule. */
    static final String JIT_ENVIRONMENT = "MLX_JIT";
    /** Tables smaller than this many MB get the quick compiler and the serial collector. */
    static final long QUICK_LIMIT_MB = 64;

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
            DataFile data = dataFile(args, define, parameters, mainClass);
            String heap;
            if (setting != null && !setting.isBlank()) {
                heap = setting.trim();
            } else {
                if (data == null) {
                    return null;
                }
                heap = heapMegabytes(data.bytes(), storedModelBytes(args, define, parameters), data.text(),
                        physicalMegabytes()) + "m";
            }
            List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
            ClassArchive.Plan archive = ClassArchive.plan(jar, jvmOptions);
            boolean quick = quick(data == null ? -1 : data.bytes(), args, System.getenv(JIT_ENVIRONMENT));
            List<String> command = command(jar, heap, quick, concat(jvmOptions, archive.options()), args);
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

    /**
     * The child's command line: this JVM's own options, then the heap, compiler and collector settings,
     * the jar and the arguments. {@code quick}: the quick compiler alone and the serial collector,
     * unless the options already choose a compiler tier or a collector.
     */
    static List<String> command(Path jar, String heap, boolean quick, List<String> jvmOptions, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Xmx" + heap);
        boolean ownCollector = jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"));
        if (quick && jvmOptions.stream().noneMatch(o -> o.startsWith("-XX:TieredStopAtLevel") || o.endsWith("TieredCompilation"))) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        if (!ownCollector) {
            command.add(quick ? "-XX:+UseSerialGC" : "-XX:+UseG1GC");
        }
        if (!quick || ownCollector) {
            command.add("-XX:G1PeriodicGCInterval=" + PERIODIC_GC_MS);
        }
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

    /**
     * Whether the child runs on the quick compiler: {@code setting} ({@value #JIT_ENVIRONMENT}: quick or
     * full) when given, else the full tiers for {@code serve} and for data over {@value #QUICK_LIMIT_MB}
     * MB or of unknown size ({@code csvBytes < 0}), else quick.
     */
    static boolean quick(long csvBytes, String[] args, String setting) {
        if (setting != null && setting.trim().equalsIgnoreCase("quick")) {
            return true;
        }
        if (setting != null && setting.trim().equalsIgnoreCase("full")) {
            return false;
        }
        if (args.length > 0 && args[0].equals("serve")) {
            return false;
        }
        return csvBytes >= 0 && csvBytes < QUICK_LIMIT_MB << 20;
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

    /** The data file of a run: its size, and whether a features step turns text into words. */
    private record DataFile(long bytes, boolean text) {
    }

    /** This command line's data file, or null when the data is not a file this JVM can see. */
    private static DataFile dataFile(String[] args, Function<Params, Experiment> define, Map<String, Double> parameters,
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
        return new DataFile(Files.size(csv), text);
    }

    /**
     * The size of the stored model a command reads ({@code predict}, {@code serve}, {@code retrain},
     * {@code report}: the output folder's {@code model.tribuo}), 0 for a run or when there is none.
     */
    static long storedModelBytes(String[] args, Function<Params, Experiment> define, Map<String, Double> parameters) {
        if (args.length == 0 || !List.of("predict", "serve", "retrain", "report").contains(args[0])) {
            return 0;
        }
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[i + 1]);
            } else if (args[i].startsWith("--out=")) {
                out = Path.of(args[i].substring("--out=".length()));
            }
        }
        if (out == null) {
            out = Path.of("out", define.apply(new Params(parameters, Map.of())).name());
        }
        try {
            Path model = out.resolve(Stages.MODEL_FILE);
            return Files.isRegularFile(model) ? Files.size(model) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The rule: see the class comment. */
    static long heapMegabytes(long csvBytes, boolean text, long physicalMb) {
        return heapMegabytes(csvBytes, 0, text, physicalMb);
    }

    /** The rule with a stored model of {@code modelBytes} to read as well. */
    static long heapMegabytes(long csvBytes, long modelBytes, boolean text, long physicalMb) {
        long mb = BASE_MB + ((text ? TEXT_FACTOR : BYTES_FACTOR) * csvBytes + MODEL_FACTOR * modelBytes) / (1L << 20);
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
