package dev.mlx.runtime.models.tree;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.oracle.labs.mlrg.olcut.config.protobuf.ProtoProvenanceSerialization;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tribuo.FeatureMap;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.OutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.protos.LabelProto;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.common.tree.protos.LeafNodeProto;
import org.tribuo.common.tree.protos.SplitNodeProto;
import org.tribuo.common.tree.protos.TreeModelProto;
import org.tribuo.common.tree.protos.TreeNodeProto;
import org.tribuo.ensemble.EnsembleCombiner;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.protos.core.OutputProto;
import org.tribuo.protos.core.WeightedEnsembleModelProto;
import org.tribuo.provenance.EnsembleModelProvenance;
import org.tribuo.provenance.ModelProvenance;

/**
 * Reads Tribuo's protobuf form of a tree or an ensemble of trees into the model Tribuo's own
 * {@code Model.deserialize} builds, with the parts the members share (feature domain, output domain,
 * provenance: equal messages) read once and shared, and labels and nodes built without {@code
 * ProtoUtil}'s reflection. Tribuo reads every one of a forest's trees with its own copy of the feature
 * domain: a 100-tree forest over 1,000 tf-idf features (a 59 MB file) took 6.5 s and needed a 768 MB
 * heap to load. The file is untrusted: every index is checked, each node is used once and only by a
 * node before it, so a tampered file is an {@link IllegalStateException}, never a loop or a deep stack.
 * Any other model is read by Tribuo.
 */
public final class TreeModelReader {
    private static final ProtoProvenanceSerialization PROVENANCE = new ProtoProvenanceSerialization(false);
    private static final String ENSEMBLE = WeightedEnsembleModel.class.getName();
    private static final String TREE = TreeModel.class.getName();
    private static final String LABEL = Label.class.getName();

    private final Map<Message, ImmutableFeatureMap> features = new HashMap<>();
    private final Map<Message, ImmutableOutputInfo<?>> outputs = new HashMap<>();
    private final Map<Message, ModelProvenance> provenances = new HashMap<>();

    private TreeModelReader() {
    }

    /** The model of {@code proto}, as {@code Model.deserialize(proto)} gives it. */
    public static Model<?> read(ModelProto proto) throws InvalidProtocolBufferException {
        TreeModelReader reader = new TreeModelReader();
        if (proto.getClassName().equals(TREE)) {
            return reader.tree(proto, null);
        }
        if (proto.getClassName().equals(ENSEMBLE)) {
            WeightedEnsembleModelProto data = proto.getSerializedData().unpack(WeightedEnsembleModelProto.class);
            if (data.getModelsList().stream().allMatch(m -> m.getClassName().equals(TREE))) {
                version(proto.getVersion(), WeightedEnsembleModel.CURRENT_VERSION);
                return reader.ensemble(data);
            }
        }
        return Model.deserialize(proto);
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // the output class is checked against every member and the combiner
    private Model<?> ensemble(WeightedEnsembleModelProto data) throws InvalidProtocolBufferException {
        ModelDataCarrier<?> carrier = ModelDataCarrier.deserialize(data.getMetadata());
        if (!(carrier.provenance() instanceof EnsembleModelProvenance provenance)) {
            throw new IllegalStateException("Invalid protobuf, the provenance was not an EnsembleModelProvenance");
        }
        ImmutableOutputInfo<?> outputDomain = carrier.outputDomain();
        features.put(data.getMetadata().getFeatureDomain(), carrier.featureDomain());
        outputs.put(data.getMetadata().getOutputDomain(), outputDomain);
        Class<?> outputClass = outputClass(outputDomain);
        EnsembleCombiner<?> combiner = EnsembleCombiner.deserialize(data.getCombiner());
        if (!outputClass.equals(combiner.getTypeWitness())) {
            throw new IllegalStateException("Invalid protobuf, combiner and output domain have a type mismatch");
        }
        if (data.getModelsCount() == 0 || data.getModelsCount() != data.getWeightsCount()) {
            throw new IllegalStateException("Invalid protobuf, " + data.getModelsCount() + " models and "
                    + data.getWeightsCount() + " weights");
        }
        List<Model> members = new ArrayList<>(data.getModelsCount());
        for (ModelProto m : data.getModelsList()) {
            TreeModel<?> tree = tree(m, outputClass);
            if (!tree.getFeatureIDMap().domainEquals(carrier.featureDomain())) {
                throw new IllegalStateException("Invalid protobuf, a member's feature domain is not the ensemble's");
            }
            members.add(tree);
        }
        float[] weights = new float[data.getWeightsCount()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = data.getWeights(i);
        }
        return new WeightedEnsembleModel(carrier.name(), provenance, carrier.featureDomain(), outputDomain, members,
                combiner, weights);
    }

    /** One tree; {@code outputClass} null for a tree on its own (its domain decides). */
    @SuppressWarnings({"unchecked", "rawtypes"}) // the nodes' outputs are checked against the domain's class
    private TreeModel<?> tree(ModelProto proto, Class<?> outputClass) throws InvalidProtocolBufferException {
        version(proto.getVersion(), TreeModel.CURRENT_VERSION);
        TreeModelProto data = proto.getSerializedData().unpack(TreeModelProto.class);
        ModelDataProto meta = data.getMetadata();
        ImmutableFeatureMap featureMap = shared(features, meta.getFeatureDomain(),
                m -> (ImmutableFeatureMap) FeatureMap.deserialize(meta.getFeatureDomain()));
        ImmutableOutputInfo<?> outputDomain = shared(outputs, meta.getOutputDomain(),
                m -> (ImmutableOutputInfo<?>) OutputInfo.deserialize(meta.getOutputDomain()));
        ModelProvenance provenance = shared(provenances, meta.getProvenance(),
                m -> (ModelProvenance) ProvenanceUtil.unmarshalProvenance(PROVENANCE.deserializeFromProto(meta.getProvenance())));
        Class<?> expected = outputClass != null ? outputClass : outputClass(outputDomain);
        if (!expected.equals(outputClass(outputDomain))) {
            throw new IllegalStateException("Invalid protobuf, a member's outputs are not the ensemble's");
        }
        Node<?> root = nodes(data.getNodesList(), featureMap.size(), expected);
        return TribuoTrees.of(meta.getName(), provenance, featureMap, (ImmutableOutputInfo) outputDomain,
                meta.getGenerateProbabilities(), (Node) root);
    }

    private static <T> T shared(Map<Message, ? super T> cache, Message key, Function<Message, T> read) {
        @SuppressWarnings("unchecked")
        T known = (T) cache.get(key);
        if (known == null) {
            known = read.apply(key);
            cache.put(key, known);
        }
        return known;
    }

    /**
     * The root of the node list, built from the last node to the first: a split's two children must
     * come after it, inside the list, and belong to no other split; every node but the root must have
     * a parent.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Node<?> nodes(List<TreeNodeProto> list, int featureCount, Class<?> outputClass)
            throws InvalidProtocolBufferException {
        int n = list.size();
        if (n == 0) {
            throw new IllegalStateException("Invalid protobuf, tree must contain nodes");
        }
        Node[] built = new Node[n];
        boolean[] used = new boolean[n];
        for (int i = n - 1; i >= 0; i--) {
            TreeNodeProto p = list.get(i);
            if (p.getSerializedData().is(SplitNodeProto.class)) {
                SplitNodeProto s = p.getSerializedData().unpack(SplitNodeProto.class);
                int greater = child(s.getGreaterThanIdx(), i, n, used);
                int less = child(s.getLessThanOrEqualIdx(), i, n, used);
                if (s.getSplitFeatureIdx() < 0 || s.getSplitFeatureIdx() >= featureCount || s.getCurIdx() != i) {
                    throw new IllegalStateException("Invalid protobuf, split node " + i + " is out of range");
                }
                built[i] = new SplitNode(s.getSplitValue(), s.getSplitFeatureIdx(), s.getImpurity(), built[greater], built[less]);
            } else if (p.getSerializedData().is(LeafNodeProto.class)) {
                LeafNodeProto l = p.getSerializedData().unpack(LeafNodeProto.class);
                if (l.getCurIdx() != i) {
                    throw new IllegalStateException("Invalid protobuf, leaf node " + i + " is out of place");
                }
                Output<?> output = output(l.getOutput(), outputClass);
                Map<String, Output<?>> scores = new HashMap<>();
                for (Map.Entry<String, OutputProto> e : l.getScoreMap().entrySet()) {
                    scores.put(e.getKey(), output(e.getValue(), outputClass));
                }
                built[i] = new LeafNode(l.getImpurity(), output, scores, l.getGeneratesProbabilities());
            } else {
                throw new IllegalStateException("Invalid protobuf, expected leaf or split node, found "
                        + p.getSerializedData().getTypeUrl());
            }
        }
        for (int i = 1; i < n; i++) {
            if (!used[i]) {
                throw new IllegalStateException("Invalid protobuf, node " + i + " has no parent");
            }
        }
        return built[0];
    }

    private static int child(int index, int parent, int n, boolean[] used) {
        if (index <= parent || index >= n || used[index]) {
            throw new IllegalStateException("Invalid protobuf, node " + parent + " names child " + index);
        }
        used[index] = true;
        return index;
    }

    private static Output<?> output(OutputProto proto, Class<?> outputClass) throws InvalidProtocolBufferException {
        Output<?> out;
        if (proto.getClassName().equals(LABEL) && proto.getVersion() == 0 && proto.getSerializedData().is(LabelProto.class)) {
            LabelProto l = proto.getSerializedData().unpack(LabelProto.class);
            out = new Label(l.getLabel(), l.getScore());
        } else {
            out = Output.deserialize(proto);
        }
        if (!outputClass.isInstance(out)) {
            throw new IllegalStateException("Invalid protobuf, node output did not match output domain, found "
                    + out.getClass() + ", expected " + outputClass);
        }
        return out;
    }

    private static Class<?> outputClass(ImmutableOutputInfo<?> domain) {
        if (domain.size() == 0) {
            throw new IllegalStateException("Invalid protobuf, the output domain is empty");
        }
        return domain.getOutput(0).getClass();
    }

    private static void version(int version, int current) {
        if (version < 0 || version > current) {
            throw new IllegalArgumentException("Unknown version " + version + ", this class supports at most version " + current);
        }
    }
}
