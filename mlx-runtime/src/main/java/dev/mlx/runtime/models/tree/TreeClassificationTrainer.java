package dev.mlx.runtime.models.tree;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.ensemble.EnsembleCombiner;

/**
 * Classification trees: Gini splits, and leaves that hold the class distribution of their training
 * rows, so a tree gives probabilities and an ensemble averages them (soft voting, as scikit-learn's
 * forests do).
 */
public final class TreeClassificationTrainer extends HistogramTrees<Label> {
    public TreeClassificationTrainer(TreeSettings settings) {
        super(settings);
    }

    /** For olcut's configuration system, which builds trainers reflectively. */
    @SuppressWarnings("unused")
    private TreeClassificationTrainer() {
    }

    @Override
    Grower grower(BinnedRows rows, Dataset<Label> examples, TreeSettings settings) {
        ImmutableOutputInfo<Label> labels = examples.getOutputIDInfo();
        int[] classes = new int[examples.size()];
        int r = 0;
        for (Example<Label> e : examples) {
            classes[r++] = labels.getID(e.getOutput());
        }
        return new Grower(rows, classes, labels.size(), null, settings);
    }

    @Override
    LeafNode<Label> leaf(double[] stats, double impurity, ImmutableOutputInfo<Label> labels) {
        double total = 0;
        for (double v : stats) {
            total += v;
        }
        Map<String, Label> distribution = new LinkedHashMap<>();
        int best = 0;
        for (int k = 0; k < stats.length; k++) {
            if (stats[k] > stats[best]) {
                best = k;
            }
            String name = labels.getOutput(k).getLabel();
            distribution.put(name, new Label(name, total > 0 ? stats[k] / total : 0));
        }
        String name = labels.getOutput(best).getLabel();
        return new LeafNode<>(impurity, new Label(name, total > 0 ? stats[best] / total : 0), distribution, true);
    }

    @Override
    EnsembleCombiner<Label> combiner() {
        return new FullyWeightedVotingCombiner();
    }

    @Override
    boolean probabilities() {
        return true;
    }

}
