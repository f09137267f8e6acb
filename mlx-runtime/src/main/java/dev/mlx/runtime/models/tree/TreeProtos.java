package dev.mlx.runtime.models.tree;

import com.google.protobuf.Any;
import com.oracle.labs.mlrg.olcut.config.protobuf.ProtoProvenanceSerialization;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Output;
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
import org.tribuo.protos.core.FeatureDomainProto;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.protos.core.OutputDomainProto;
import org.tribuo.protos.core.OutputProto;
import org.tribuo.protos.core.WeightedEnsembleModelProto;
import org.tribuo.provenance.ModelProvenance;

/**
 * Tribuo's protobuf form of a tree model or an ensemble of trees, the same message (and so the same
 * bytes) as {@link Model#serialize()} gives, written without repeating its costly parts. Tribuo
 * serialises every tree of a forest with its own copy of the feature domain, and writes the domain's
 * variables and every leaf's labels through reflection ({@code ProtoUtil} looks a setter up with
 * {@code Class.getMethods} for each field of each object): a 100-tree forest over 1,000 tf-idf
 * features spent more than half of its run there, twice (its size, then its file). Here the members'
 * shared feature domain, output domain and provenance are serialised once per object, and labels are
 * built directly. Any model that is not a tree or an ensemble of trees, or a Tribuo that no longer has
 * the fields read here, is serialised by Tribuo itself; a test holds the two byte for byte.
 */
public final class TreeProtos {
    private static final String LABEL_CLASS = Label.class.getName();
    private static final String LEAF_CLASS = LeafNode.class.getName();
    /** Tribuo's {@code SplitNode.serialize} names its nodes with the leaf class too; the bytes follow it. */
    private static final String SPLIT_CLASS = LeafNode.class.getName();
    private static final ProtoProvenanceSerialization PROVENANCE = new ProtoProvenanceSerialization(false);
    private static final Field ROOT = field(TreeModel.class, "root");
    private static final Field WEIGHTS = field(WeightedEnsembleModel.class, "weights");
    private static final Field COMBINER = field(WeightedEnsembleModel.class, "combiner");
    private static final Field LEAF_PROBABILITIES = field(LeafNode.class, "generatesProbabilities");

    /** Serialised parts shared by the members of one ensemble, by object identity. */
    private final Map<Object, FeatureDomainProto> features = new IdentityHashMap<>();
    private final Map<Object, OutputDomainProto> outputs = new IdentityHashMap<>();
    private final Map<Object, com.oracle.labs.mlrg.olcut.config.protobuf.protos.RootProvenanceProto> provenances =
            new IdentityHashMap<>();

    private TreeProtos() {
    }

    /** The model's protobuf, as {@code model.serialize()} would give it. */
    public static ModelProto serialize(Model<?> model) {
        if (!readable() || !trees(model)) {
            return model.serialize();
        }
        TreeProtos protos = new TreeProtos();
        return model instanceof TreeModel<?> tree ? protos.tree(tree) : protos.ensemble((WeightedEnsembleModel<?>) model);
    }

    /** Whether the Tribuo fields read here are there (a test pins them to the Tribuo version). */
    static boolean readable() {
        return ROOT != null && WEIGHTS != null && COMBINER != null && LEAF_PROBABILITIES != null;
    }

    static Node<?> root(TreeModel<?> tree) {
        return (Node<?>) read(ROOT, tree);
    }

    static EnsembleCombiner<?> combiner(WeightedEnsembleModel<?> ensemble) {
        return (EnsembleCombiner<?>) read(COMBINER, ensemble);
    }

    static float[] weights(WeightedEnsembleModel<?> ensemble) {
        return (float[]) read(WEIGHTS, ensemble);
    }

    /** Whether this class writes the model itself: a tree, or a weighted ensemble of trees. */
    static boolean trees(Model<?> model) {
        if (model.getClass() == TreeModel.class) {
            return true;
        }
        if (model.getClass() != WeightedEnsembleModel.class) {
            return false;
        }
        for (Model<?> m : ((WeightedEnsembleModel<?>) model).getModels()) {
            if (m.getClass() != TreeModel.class) {
                return false;
            }
        }
        return true;
    }

    private ModelProto ensemble(WeightedEnsembleModel<?> model) {
        WeightedEnsembleModelProto.Builder data = WeightedEnsembleModelProto.newBuilder();
        data.setMetadata(metadata(model));
        for (Model<?> m : model.getModels()) {
            data.addModels(tree((TreeModel<?>) m));
        }
        float[] weights = (float[]) read(WEIGHTS, model);
        for (float w : weights) {
            data.addWeights(w);
        }
        data.setCombiner(((EnsembleCombiner<?>) read(COMBINER, model)).serialize());
        return ModelProto.newBuilder()
                .setSerializedData(Any.pack(data.build()))
                .setClassName(WeightedEnsembleModel.class.getName())
                .setVersion(WeightedEnsembleModel.CURRENT_VERSION)
                .build();
    }

    private ModelProto tree(TreeModel<?> model) {
        TreeModelProto.Builder data = TreeModelProto.newBuilder();
        data.setMetadata(metadata(model));
        data.addAllNodes(nodes((Node<?>) read(ROOT, model)));
        return ModelProto.newBuilder()
                .setSerializedData(Any.pack(data.build()))
                .setClassName(TreeModel.class.getName())
                .setVersion(TreeModel.CURRENT_VERSION)
                .build();
    }

    /** {@code ModelDataCarrier.serialize()} of the model's own carrier, with its parts shared. */
    private ModelDataProto metadata(Model<?> model) {
        ModelProvenance provenance = model.getProvenance();
        ImmutableFeatureMap featureMap = model.getFeatureIDMap();
        ImmutableOutputInfo<?> outputInfo = model.getOutputIDInfo();
        return ModelDataProto.newBuilder()
                .setName(model.getName())
                .setGenerateProbabilities(model.generatesProbabilities())
                .setFeatureDomain(features.computeIfAbsent(featureMap, m -> featureMap.serialize()))
                .setOutputDomain(outputs.computeIfAbsent(outputInfo, m -> outputInfo.serialize()))
                .setProvenance(provenances.computeIfAbsent(provenance,
                        p -> PROVENANCE.serializeToProto(ProvenanceUtil.marshalProvenance(provenance))))
                .setTribuoVersion(provenance.getTribuoVersion())
                .build();
    }

    /** The nodes breadth first, numbered as {@code TreeModel.serializeToNodes} numbers them. */
    private static List<TreeNodeProto> nodes(Node<?> root) {
        java.util.ArrayList<TreeNodeProto> out = new java.util.ArrayList<>();
        Queue<Object[]> queue = new ArrayDeque<>();
        int counter = 0;
        queue.add(new Object[] {-1, counter, root});
        while (!queue.isEmpty()) {
            Object[] state = queue.poll();
            int parent = (Integer) state[0];
            int current = (Integer) state[1];
            Node<?> node = (Node<?>) state[2];
            TreeNodeProto proto;
            if (node instanceof SplitNode<?> split) {
                int greater = ++counter;
                int less = ++counter;
                proto = split(split, parent, current, greater, less);
                queue.add(new Object[] {current, greater, split.getGreaterThan()});
                queue.add(new Object[] {current, less, split.getLessThanOrEqual()});
            } else if (node instanceof LeafNode<?> leaf) {
                proto = leaf(leaf, parent, current);
            } else {
                throw new IllegalStateException("a tree node that is neither a split nor a leaf: " + node.getClass());
            }
            while (out.size() <= current) {
                out.add(null);
            }
            out.set(current, proto);
        }
        return out;
    }

    private static TreeNodeProto split(SplitNode<?> node, int parent, int current, int greater, int less) {
        SplitNodeProto data = SplitNodeProto.newBuilder()
                .setParentIdx(parent)
                .setCurIdx(current)
                .setGreaterThanIdx(greater)
                .setLessThanOrEqualIdx(less)
                .setSplitFeatureIdx(node.getFeatureID())
                .setSplitValue(node.splitValue())
                .setImpurity(node.getImpurity())
                .build();
        return TreeNodeProto.newBuilder()
                .setVersion(0)
                .setClassName(SPLIT_CLASS)
                .setSerializedData(Any.pack(data))
                .build();
    }

    private static TreeNodeProto leaf(LeafNode<?> node, int parent, int current) {
        LeafNodeProto.Builder data = LeafNodeProto.newBuilder()
                .setParentIdx(parent)
                .setCurIdx(current)
                .setOutput(output(node.getOutput()));
        for (Map.Entry<String, ? extends Output<?>> e : node.getDistribution().entrySet()) {
            data.putScore(e.getKey(), output(e.getValue()));
        }
        data.setGeneratesProbabilities(generatesProbabilities(node));
        data.setImpurity(node.getImpurity());
        return TreeNodeProto.newBuilder()
                .setVersion(0)
                .setClassName(LEAF_CLASS)
                .setSerializedData(Any.pack(data.build()))
                .build();
    }

    /** A label as {@code ProtoUtil} writes it (its two annotated fields); any other output by itself. */
    private static OutputProto output(Output<?> output) {
        if (output instanceof Label label) {
            return OutputProto.newBuilder()
                    .setVersion(0)
                    .setClassName(LABEL_CLASS)
                    .setSerializedData(Any.pack(LabelProto.newBuilder()
                            .setLabel(label.getLabel())
                            .setScore(label.getScore())
                            .build()))
                    .build();
        }
        return output.serialize();
    }

    private static boolean generatesProbabilities(LeafNode<?> node) {
        return (Boolean) read(LEAF_PROBABILITIES, node);
    }

    private static Field field(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Object read(Field f, Object target) {
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read Tribuo's " + f.getName(), e);
        }
    }
}
