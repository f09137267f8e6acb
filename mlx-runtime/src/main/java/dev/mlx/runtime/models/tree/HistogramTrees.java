package dev.mlx.runtime.models.tree;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.mlx.runtime.models.base.AbstractTrainer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Tribuo;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.common.tree.protos.LeafNodeProto;
import org.tribuo.common.tree.protos.SplitNodeProto;
import org.tribuo.common.tree.protos.TreeModelProto;
import org.tribuo.common.tree.protos.TreeNodeProto;
import org.tribuo.ensemble.EnsembleCombiner;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.protos.core.ModelDataProto;

/**
 * A decision tree, random forest or extra-trees ensemble grown by mlx on binned rows
 * ({@link BinnedRows}, {@link Grower}) and handed back as Tribuo's own models: one tree is a Tribuo
 * {@link TreeModel}, built through its protobuf form from {@link SplitNode}s and {@link LeafNode}s;
 * several are a Tribuo {@link WeightedEnsembleModel} of them with the task's combiner. Tree t of a
 * call draws from the t-th of a sequence of seeds taken from the call's generator, and the trees are
 * grown in parallel into their own slots, so the model does not depend on the number of threads.
 */
public abstract class HistogramTrees<T extends Output<T>> extends AbstractTrainer<T> {
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

    /** A leaf's proto for the statistics a node of {@link Grower} keeps. */
    abstract LeafNodeProto.Builder leaf(double[] stats, ImmutableOutputInfo<T> outputs);

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
        Grower grower = grower(rows, examples, settings);
        int n = rows.rows();
        GrownTree[] grown = new GrownTree[trees];
        IntStream.range(0, trees).parallel().forEach(t -> {
            SplittableRandom rng = new SplittableRandom(seeds[t]);
            double[] weight = new double[n];
            if (bootstrap) {
                for (int i = 0; i < n; i++) {
                    weight[rng.nextInt(n)]++;
                }
            } else {
                Arrays.fill(weight, 1);
            }
            grown[t] = grower.grow(weight, rng);
        });
        ImmutableOutputInfo<T> outputs = examples.getOutputIDInfo();
        ModelProvenance provenance = new ModelProvenance(TreeModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), invocation.provenance(), runProvenance);
        ModelDataProto metadata = new ModelDataCarrier<>(TREE_NAME, provenance, features, outputs, probabilities(),
                Tribuo.VERSION).serialize(); // the same for every tree: written once
        List<Model<T>> models = new ArrayList<>(trees);
        for (GrownTree tree : grown) {
            models.add(tribuoTree(tree, metadata, outputs));
        }
        if (trees == 1) {
            return models.get(0);
        }
        return WeightedEnsembleModel.createEnsembleFromExistingModels(ENSEMBLE_NAME, models, combiner());
    }

    private static <T extends Output<T>> BinnedRows rows(Dataset<T> examples, ImmutableFeatureMap features) {
        int n = examples.size();
        int[][] idx = new int[n][];
        double[][] val = new double[n][];
        int r = 0;
        for (Example<T> e : examples) {
            int[] is = new int[e.size()];
            double[] vs = new double[e.size()];
            int k = 0;
            for (Feature f : e) {
                int id = features.getID(f.getName());
                if (id >= 0) {
                    if (!Double.isFinite(f.getValue())) {
                        throw new dev.mlx.runtime.base.RunException("feature `" + f.getName() + "` is " + f.getValue()
                                + " in training row " + (r + 1) + "; impute or clip it in the features block");
                    }
                    is[k] = id;
                    vs[k++] = f.getValue();
                }
            }
            idx[r] = Arrays.copyOf(is, k);
            val[r++] = Arrays.copyOf(vs, k);
        }
        return BinnedRows.of(idx, val, features.size());
    }

    private TreeModel<T> tribuoTree(GrownTree tree, ModelDataProto metadata, ImmutableOutputInfo<T> outputs) {
        TreeModelProto.Builder proto = TreeModelProto.newBuilder().setMetadata(metadata);
        int[] parent = new int[tree.size()];
        parent[0] = -1;
        for (int node = 0; node < tree.size(); node++) {
            if (!tree.isLeaf(node)) {
                parent[tree.left(node)] = node;
                parent[tree.right(node)] = node;
            }
        }
        for (int node = 0; node < tree.size(); node++) {
            TreeNodeProto.Builder wrapper = TreeNodeProto.newBuilder();
            if (tree.isLeaf(node)) {
                LeafNodeProto leaf = leaf(tree.stats(node), outputs)
                        .setParentIdx(parent[node]).setCurIdx(node).setImpurity(tree.impurity(node))
                        .setGeneratesProbabilities(probabilities()).build();
                wrapper.setVersion(LeafNode.CURRENT_VERSION).setClassName(LeafNode.class.getName())
                        .setSerializedData(Any.pack(leaf));
            } else {
                SplitNodeProto split = SplitNodeProto.newBuilder().setParentIdx(parent[node]).setCurIdx(node)
                        .setLessThanOrEqualIdx(tree.left(node)).setGreaterThanIdx(tree.right(node))
                        .setSplitFeatureIdx(tree.feature(node)).setSplitValue(tree.threshold(node))
                        .setImpurity(tree.impurity(node)).build();
                wrapper.setVersion(SplitNode.CURRENT_VERSION).setClassName(SplitNode.class.getName())
                        .setSerializedData(Any.pack(split));
            }
            proto.addNodes(wrapper);
        }
        try {
            @SuppressWarnings("unchecked")
            TreeModel<T> model = (TreeModel<T>) TreeModel.deserializeFromProto(TreeModel.CURRENT_VERSION,
                    TreeModel.class.getName(), Any.pack(proto.build()));
            return model;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Tribuo refused the tree it was handed", e);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(trees=" + trees + ",maxDepth=" + maxDepth + ",minLeafWeight=" + minLeafWeight
                + ",featuresPerSplit=" + featuresPerSplit + ",bootstrap=" + bootstrap + ",randomSplits=" + randomSplits
                + ",seed=" + seed + ")";
    }
}
