package dev.mlx.runtime.models.tree;

import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.ensemble.EnsembleCombiner;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;

/**
 * Regression trees: squared-error splits and leaves that predict the mean target of their training
 * rows; an ensemble averages its trees. One target dimension (the first), as mlx's regressions have.
 */
public final class TreeRegressionTrainer extends HistogramTrees<Regressor> {
    public TreeRegressionTrainer(TreeSettings settings) {
        super(settings);
    }

    /** For olcut's configuration system, which builds trainers reflectively. */
    @SuppressWarnings("unused")
    private TreeRegressionTrainer() {
    }

    @Override
    Grower grower(BinnedRows rows, Dataset<Regressor> examples, TreeSettings settings) {
        double[] targets = new double[examples.size()];
        int r = 0;
        for (Example<Regressor> e : examples) {
            targets[r++] = e.getOutput().getValues()[0];
        }
        return new Grower(rows, null, 0, targets, settings);
    }

    @Override
    LeafNode<Regressor> leaf(double[] stats, double impurity, ImmutableOutputInfo<Regressor> outputs) {
        String name = outputs.getDomain().iterator().next().getNames()[0];
        double mean = stats[0] > 0 ? stats[1] / stats[0] : 0;
        return new LeafNode<>(impurity, new Regressor(name, mean), Map.of(), false);
    }

    @Override
    EnsembleCombiner<Regressor> combiner() {
        return new AveragingCombiner();
    }

    @Override
    boolean probabilities() {
        return false;
    }

}
