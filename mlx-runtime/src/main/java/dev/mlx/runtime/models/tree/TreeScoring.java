package dev.mlx.runtime.models.tree;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.VariableIDInfo;
import org.tribuo.VariableInfo;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.EnsembleCombiner;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.math.la.SparseVector;

/**
 * A forest's predictions, the very ones Tribuo's {@code WeightedEnsembleModel.predict} gives (each
 * tree's leaf prediction, combined by the ensemble's own combiner and weights), with each row turned
 * into a vector of feature ids once instead of once per tree: every tree of a forest numbers the
 * features alike (Tribuo numbers a domain by its names, and a member has the ensemble's names), and on
 * 1,000 tf-idf features the 100 lookups of each row were most of a forest's scoring. Any other model
 * predicts as Tribuo does.
 */
public final class TreeScoring {
    private TreeScoring() {
    }

    /** What scoring a forest needs, read from the model once (the server scores one row at a time). */
    private record Plan(Node<?>[] roots, EnsembleCombiner<?> combiner, float[] weights) {
    }

    private static final Plan TRIBUO = new Plan(null, null, null);
    private static final Map<Model<?>, Plan> PLANS = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** {@code model.predict(examples)}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T extends Output<T>> List<Prediction<T>> predict(Model<T> model, List<Example<T>> examples) {
        if (!(model instanceof WeightedEnsembleModel<T> ensemble)) {
            return model.predict(examples);
        }
        Plan plan = PLANS.computeIfAbsent(model, m -> plan(ensemble));
        if (plan == TRIBUO) {
            return model.predict(examples);
        }
        EnsembleCombiner<T> combiner = (EnsembleCombiner<T>) plan.combiner();
        ImmutableFeatureMap features = ensemble.getFeatureIDMap();
        List<Prediction<T>> out = new ArrayList<>(examples.size());
        List<Prediction<T>> votes = new ArrayList<>(plan.roots().length);
        for (Example<T> example : examples) {
            SparseVector vec = SparseVector.createSparseVector(example, features, false);
            if (vec.numActiveElements() == 0) {
                throw new IllegalArgumentException("No features found in Example " + example.toString());
            }
            votes.clear();
            for (Node root : plan.roots()) {
                Node<T> last = root;
                for (Node<T> node = root; node != null; node = node.getNextNode(vec)) {
                    last = node;
                }
                votes.add(((LeafNode<T>) last).getPrediction(vec.numActiveElements(), example));
            }
            out.add(combiner.combine(ensemble.getOutputIDInfo(), votes, plan.weights()));
        }
        return out;
    }

    private static Plan plan(WeightedEnsembleModel<?> ensemble) {
        if (!TreeProtos.trees(ensemble) || !TreeProtos.readable() || !sameIds(ensemble)) {
            return TRIBUO;
        }
        List<? extends Model<?>> members = ensemble.getModels();
        Node<?>[] roots = new Node<?>[members.size()];
        for (int i = 0; i < roots.length; i++) {
            roots[i] = TreeProtos.root((TreeModel<?>) members.get(i));
        }
        return new Plan(roots, TreeProtos.combiner(ensemble), TreeProtos.weights(ensemble));
    }

    /** Whether every member numbers every feature as the ensemble does (each distinct domain checked once). */
    private static boolean sameIds(WeightedEnsembleModel<?> ensemble) {
        ImmutableFeatureMap own = ensemble.getFeatureIDMap();
        Map<ImmutableFeatureMap, Boolean> checked = new IdentityHashMap<>();
        checked.put(own, true);
        for (Model<?> m : ensemble.getModels()) {
            if (!checked.computeIfAbsent(m.getFeatureIDMap(), map -> sameIds(map, own))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameIds(ImmutableFeatureMap member, ImmutableFeatureMap own) {
        if (member.size() != own.size()) {
            return false;
        }
        for (VariableInfo v : member) {
            if (((VariableIDInfo) v).getID() != own.getID(v.getName())) {
                return false;
            }
        }
        return true;
    }
}
