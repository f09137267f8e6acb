import dev.mlx.catalog.Task;
import dev.mlx.runtime.models.Trainers;
import dev.mlx.runtime.spec.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The JVM side of the tree benchmark (bench/trees.sh): on each table written by tables.py, the
 * catalog's tree models as a .mlx file gets them with no settings (mlx's histogram trees), Tribuo's
 * RandomForestTrainer as mlx ran it before (depth 12, leaves of 5, half the features), and XGBoost's
 * random-forest mode (100 parallel trees in one round at learning rate 1, rows subsampled, sqrt of the
 * features per node, depth unlimited through the loss-guided policy). Each is fitted twice, the
 * second fit timed (wall and process CPU seconds), and scored on the test rows (r % 5 == 0). Prints:
 * table model wall-seconds cpu-seconds accuracy.
 *
 * usage: java -cp mlx.jar bench/trees/TreesBench.java TABLES_DIR [TABLE...]   (env TREES_NO_XGBOOST=1: leave it out)
 */
public class TreesBench {
    /** CPU time of the whole process (every thread, the JIT compiler and GC included): less at the mercy of a shared machine than wall time. */
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        List<String> tables = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of("digits", "wine", "breast-cancer", "sotu-tfidf");
        for (String table : tables) {
            List<String> lines = Files.readAllLines(folder.resolve(table + ".svm"));
            MutableDataset<Label> train = new MutableDataset<>(new SimpleDataSourceProvenance(table, new LabelFactory()),
                    new LabelFactory());
            MutableDataset<Label> test = new MutableDataset<>(new SimpleDataSourceProvenance(table, new LabelFactory()),
                    new LabelFactory());
            int width = 0;
            for (int r = 0; r < lines.size(); r++) {
                String[] cells = lines.get(r).trim().split(" ");
                String[] names = new String[cells.length - 1];
                double[] values = new double[cells.length - 1];
                for (int i = 1; i < cells.length; i++) {
                    int colon = cells[i].indexOf(':');
                    int id = Integer.parseInt(cells[i].substring(0, colon));
                    width = Math.max(width, id + 1);
                    names[i - 1] = String.format("f%04d", id);
                    values[i - 1] = Double.parseDouble(cells[i].substring(colon + 1));
                }
                String label = String.valueOf((int) Double.parseDouble(cells[0]));
                (r % 5 == 0 ? test : train).add(new ArrayExample<>(new Label(label), names, values));
            }
            int features = width;
            Map<String, Supplier<Trainer<Label>>> contenders = new LinkedHashMap<>();
            for (String kind : List.of("cart", "forest", "extra_trees", "adaboost")) {
                contenders.put("mlx-" + kind, () -> catalog(kind));
            }
            contenders.put("tribuo-forest-before", () -> new RandomForestTrainer<>(
                    new CARTClassificationTrainer(12, 5f, 0f, 0.5f, false, new GiniIndex(), 0), new FullyWeightedVotingCombiner(),
                    100, 0));
            if (System.getenv("TREES_NO_XGBOOST") == null) {
                contenders.put("xgboost-rf", () -> xgboostForest(features));
            }
            for (Map.Entry<String, Supplier<Trainer<Label>>> c : contenders.entrySet()) {
                c.getValue().get().train(train); // warm the JIT compiler, untimed
                long start = System.nanoTime();
                long cpuStart = CPU.getProcessCpuTime();
                org.tribuo.Model<Label> model = c.getValue().get().train(train);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (CPU.getProcessCpuTime() - cpuStart) / 1e9;
                int right = 0;
                for (Example<Label> e : test) {
                    right += model.predict(e).getOutput().getLabel().equals(e.getOutput().getLabel()) ? 1 : 0;
                }
                System.out.printf("%s %s %.3f %.3f %.4f%n", table, c.getKey(), seconds, cpu, right / (double) test.size());
            }
        }
        System.exit(0); // XGBoost's threads
    }

    @SuppressWarnings("unchecked")
    private static Trainer<Label> catalog(String kind) {
        return (Trainer<Label>) Trainers.trainer(new Model(kind, kind, Map.of()), Task.CLASSIFICATION, 0);
    }

    private static Trainer<Label> xgboostForest(int features) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("objective", "multi:softprob"); // Tribuo sets num_class
        p.put("booster", "gbtree");
        p.put("tree_method", "hist");
        p.put("num_parallel_tree", 100);
        p.put("eta", 1.0);
        p.put("subsample", 0.632); // the share of distinct rows in a bootstrap sample
        p.put("colsample_bynode", Math.max(1, Math.floor(Math.sqrt(features))) / features);
        p.put("grow_policy", "lossguide");
        p.put("max_depth", 0);
        p.put("max_leaves", 0);
        p.put("min_child_weight", 0.0);
        p.put("max_bin", 256);
        p.put("nthread", Runtime.getRuntime().availableProcessors());
        p.put("seed", 0);
        p.put("verbosity", 0);
        return new XGBoostClassificationTrainer(1, p);
    }
}
