package dev.mlx.runtime.models.tree;

import java.lang.reflect.Constructor;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Output;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.provenance.ModelProvenance;

/**
 * Tribuo's {@link TreeModel} around a root of its own nodes, for trees grown here and trees another engine
 * grew (MLlib's, rebuilt by {@code ImportedModels}).
 */
public final class TribuoTrees {
    /**
     * Tribuo 4.3.2 builds a {@link TreeModel} from its root node only in its own package (its protobuf
     * form works too, but reading 100 trees' class distributions back through it took most of a
     * forest's training time); the constructor is reached by reflection, and a test pins it to the
     * Tribuo version.
     */
    private static final Constructor<?> TREE_MODEL;

    static {
        try {
            TREE_MODEL = TreeModel.class.getDeclaredConstructor(String.class, ModelProvenance.class,
                    ImmutableFeatureMap.class, ImmutableOutputInfo.class, boolean.class, Node.class);
            TREE_MODEL.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TribuoTrees() {
    }

    /** The tree model of {@code root}, whose split nodes use the feature ids of {@code features}. */
    public static <T extends Output<T>> TreeModel<T> of(String name, ModelProvenance provenance, ImmutableFeatureMap features,
                                                        ImmutableOutputInfo<T> outputs, boolean probabilities, Node<T> root) {
        try {
            @SuppressWarnings("unchecked")
            TreeModel<T> model = (TreeModel<T>) TREE_MODEL.newInstance(name, provenance, features, outputs, probabilities, root);
            return model;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build Tribuo's tree model", e);
        }
    }
}
