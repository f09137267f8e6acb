package dev.mlx.runtime.models.tree;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.mlx.runtime.models.base.AbstractTrainer;
import dev.mlx.runtime.models.base.DatasetRows;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.WeightedExamples;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.EnsembleCombiner;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.provenance.ModelProvenance;

/**
 * A decision tree, random forest or extra-trees ensemble grown by mlx on binned rows
 * ({@link BinnedRows}, {@link Grower}) and handed back as Tribuo's own models: one tree is a Tribuo
 * {@link TreeModel} of its own {@link SplitNode}s and {@link LeafNode}s;
 * several are a Tribuo {@link WeightedEnsembleModel} of them with the task's combiner. Tree t of a
 * call draws from the t-th of a sequence of seeds taken from the call's generator, and the trees are
 * grown in parallel into their own slots, so the model does not depend on the number of threads.
 */
public abstract class HistogramTrees<T extends Output<T>> extends AbstractTrainer<T> implements WeightedExamples {
    private static final String TREE_NAME = "cart-tree";
    private static final String ENSEMBLE_NAME = "tree-ensemble";

    @Config(mandatory = true, description = "Trees in the ensemble (1: a single tree).")
    private int trees;
    @Config(mandatory = true, description = "Deepest split.")
    private int maxDepth;
    @Config(mandatory = true, description = "Smallest total row weight a leaf may hold.")
    private double minLeafWeight;
    @Config(mandatory = true, description = "Share of features a split considers; 0 for scikit-learn's default.")
    private double featuresPerSplit;
    @Config(mandatory = true, description = "Whether each tree sees a bootstrap sample of the rows.")
    private boolean bootstrap;
    @Config(mandatory = true, description = "Whether splits are cut at random points (extra trees).")
    private boolean randomSplits;
    @Config(mandatory = true, description = "Seed of the ensemble.")
    private long seed;

    protected HistogramTrees(TreeSettings settings) {
        this.trees = settings.trees();
        this.maxDepth = settings.maxDepth();
        this.minLeafWeight = settings.minLeafWeight();
        this.featuresPerSplit = settings.featuresPerSplit();
        this.bootstrap = settings.bootstrap();
        this.randomSplits = settings.randomSplits();
        this.seed = settings.seed();
    }

    /** For olcut's configuration system, which builds trainers reflectively. */
    protected HistogramTrees() {
    }

    TreeSettings settings() {
        return new TreeSettings(trees, maxDepth, minLeafWeight, featuresPerSplit, bootstrap, randomSplits, seed);
    }

    /** A grower for the dataset's targets. */
    abstract Grower grower(BinnedRows rows, Dataset<T> examples, TreeSettings settings);

    /** A leaf for the statistics a node of {@link Grower} keeps. */
    abstract LeafNode<T> leaf(double[] stats, double impurity, ImmutableOutputInfo<T> outputs);

    /** How the trees of an ensemble vote. */
    abstract EnsembleCombiner<T> combiner();

    abstract boolean probabilities();

    @Override
    public Model<T> train(Dataset<T> examples, Map<String, Provenance> runProvenance) {
        if (examples.size() == 0) {
            throw new dev.mlx.runtime.base.RunException("there are no training rows to grow trees on");
        }
        ImmutableFeatureMap features = examples.getFeatureIDMap();
        BinnedRows rows = rows(examples, features);
        Invocation invocation = invoke();
        TreeSettings settings = settings();
        SplittableRandom generator = invocation.generator(seed);
        long[] seeds = new long[trees];
        for (int t = 0; t < trees; t++) {
            seeds[t] = generator.nextLong();
        }
        double[] base = exampleWeights(examples);
        Grower grower = grower(rows, examples, settings);
        int n = rows.rows();
        GrownTree[] grown = new GrownTree[trees];
        // One tree after another: the run's pool already trains folds and models side by side, and a
        // parallel stream joined from inside that pool's workers stalled a run (CompiledExamplesTest).
        IntStream.range(0, trees).forEach(t -> {
            SplittableRandom rng = new SplittableRandom(seeds[t]);
            double[] weight = new double[n];
            if (bootstrap) {
                for (int i = 0; i < n; i++) {
                    int k = rng.nextInt(n);
                    weight[k] += base == null ? 1 : base[k];
                }
            } else if (base == null) {
                Arrays.fill(weight, 1);
            } else {
                System.arraycopy(base, 0, weight, 0, n);
            }
            grown[t] = grower.grow(weight, rng);
        });
        ImmutableOutputInfo<T> outputs = examples.getOutputIDInfo();
        ModelProvenance provenance = new ModelProvenance(TreeModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), invocation.provenance(), runProvenance);
        List<Model<T>> models = new ArrayList<>(trees);
        ImmutableFeatureMap names = trees == 1 ? features : namesOnly(features);
        for (int t = 0; t < trees; t++) {
            // the first tree carries the domain the ensemble takes as its own, the others its names alone
            models.add(tribuoTree(grown[t], provenance, t == 0 ? features : names, outputs));
        }
        if (trees == 1) {
            return models.get(0);
        }
        return WeightedEnsembleModel.createEnsembleFromExistingModels(ENSEMBLE_NAME, models, combiner());
    }

    /**
     * The examples' own weights (AdaBoost sets them), scaled to add up to the number of rows so that
     * {@code min_child_weight} still counts rows; null when every weight is the same (Tribuo's
     * default 1), which grows the same trees as before weights were read.
     */
    private static <T extends Output<T>> double[] exampleWeights(Dataset<T> examples) {
        int n = examples.size();
        double[] w = new double[n];
        double sum = 0;
        boolean uniform = true;
        int r = 0;
        for (Example<T> e : examples) {
            float x = e.getWeight();
            if (!Float.isFinite(x) || x < 0) {
                throw new dev.mlx.runtime.base.RunException("training row " + (r + 1) + " has the weight " + x
                        + "; weights must be finite and not negative");
            }
            w[r] = x;
            uniform &= r == 0 || w[r] == w[0];
            sum += x;
            r++;
        }
        if (uniform || !(sum > 0)) {
            return null;
        }
        double scale = n / sum;
        for (int i = 0; i < n; i++) {
            w[i] *= scale;
        }
        return w;
    }

    private static <T extends Output<T>> BinnedRows rows(Dataset<T> examples, ImmutableFeatureMap features) {
        DatasetRows rows;
        try {
            rows = DatasetRows.of(examples);
        } catch (IllegalArgumentException e) {
            throw new dev.mlx.runtime.base.RunException(e.getMessage());
        }
        return BinnedRows.of(rows.idx(), rows.val(), features.size());
    }

    /**
     * The feature domain with the statistics left out: the same names, so the same ids (Tribuo numbers
     * a domain's features in the order of their names). A tree only looks ids up by name; an ensemble's
     * members must have the ensemble's names, and each is written to the model file with its own copy
     * of its domain, so 100 trees over 1,000 tf-idf features wrote 100 copies of every feature's
     * statistics (a 59 MB file, which needed a 768 MB heap to be read back).
     */
    private static ImmutableFeatureMap namesOnly(ImmutableFeatureMap features) {
        List<org.tribuo.VariableInfo> infos = new ArrayList<>(features.size());
        for (org.tribuo.VariableInfo v : features) {
            infos.add(new org.tribuo.RealInfo(v.getName(), 0, 0, 0, 0, 0));
        }
        return new ImmutableFeatureMap(infos);
    }

    /** Tribuo's tree of the grown arrays: its own split and leaf nodes, under its own model class. */
    private TreeModel<T> tribuoTree(GrownTree tree, ModelProvenance provenance, ImmutableFeatureMap features,
                                    ImmutableOutputInfo<T> outputs) {
        Node<T> root = node(tree, 0, outputs);
        return TribuoTrees.of(TREE_NAME, provenance, features, outputs, probabilities(), root);
    }

    private Node<T> node(GrownTree tree, int node, ImmutableOutputInfo<T> outputs) {
        if (tree.isLeaf(node)) {
            return leaf(tree.stats(node), tree.impurity(node), outputs);
        }
        // SplitNode(split value, feature id, impurity, the node above the value, the node at or below it)
        return new SplitNode<>(tree.threshold(node), tree.feature(node), tree.impurity(node),
                node(tree, tree.right(node), outputs), node(tree, tree.left(node), outputs));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(trees=" + trees + ",maxDepth=" + maxDepth + ",minLeafWeight=" + minLeafWeight
                + ",featuresPerSplit=" + featuresPerSplit + ",bootstrap=" + bootstrap + ",randomSplits=" + randomSplits
                + ",seed=" + seed + ")";
    }
}
