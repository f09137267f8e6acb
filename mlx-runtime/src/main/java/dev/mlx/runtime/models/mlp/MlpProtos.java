package dev.mlx.runtime.models.mlp;

import com.google.protobuf.Any;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import org.tribuo.math.protos.ParametersProto;
import org.tribuo.math.protos.TensorProto;
import org.tribuo.protos.core.ModelDataProto;

/**
 * The protobuf schema of the mlp models, built at run time from descriptors: the build has no
 * protoc, and a schema written as descriptor builders needs no generated code. It reuses Tribuo's own
 * messages for everything Tribuo already knows how to write (model metadata, tensors):
 * <pre>
 * package dev.mlx.mlp;
 * import "tribuo-core.proto"; import "tribuo-math.proto";
 * message MlpModelProto {
 *   tribuo.core.ModelDataProto metadata = 1;  // name, provenance, feature and output domains
 *   tribuo.math.ParametersProto params = 2;   // an MlpParametersProto inside
 *   string activation = 3;
 *   int32 best_epoch = 4;                     // -1 without a validation slice
 *   repeated double training_loss = 5;        // one per epoch run
 *   repeated double validation_loss = 6;
 * }
 * message MlpParametersProto {
 *   repeated int32 sizes = 1;                 // features, hidden layers..., outputs
 *   repeated tribuo.math.TensorProto tensors = 2;  // weights (in x out) and biases, layer by layer
 * }
 * </pre>
 * A model file holds Tribuo's {@code ModelProto} naming the model class, with an
 * {@code MlpModelProto} packed in its {@code Any}; {@link org.tribuo.Model#deserializeFromFile} reads
 * it back through the class's {@code deserializeFromProto}.
 */
final class MlpProtos {
    static final Descriptor MODEL;
    static final Descriptor PARAMETERS;

    static final FieldDescriptor METADATA;
    static final FieldDescriptor PARAMS;
    static final FieldDescriptor ACTIVATION;
    static final FieldDescriptor BEST_EPOCH;
    static final FieldDescriptor TRAINING_LOSS;
    static final FieldDescriptor VALIDATION_LOSS;
    static final FieldDescriptor SIZES;
    static final FieldDescriptor TENSORS;

    static {
        FileDescriptor core = ModelDataProto.getDescriptor().getFile();
        FileDescriptor math = TensorProto.getDescriptor().getFile();
        FileDescriptorProto file = FileDescriptorProto.newBuilder()
                .setName("dev/mlx/mlp.proto")
                .setPackage("dev.mlx.mlp")
                .setSyntax("proto3")
                .addDependency(core.getName())
                .addDependency(math.getName())
                .addMessageType(DescriptorProto.newBuilder().setName("MlpModelProto")
                        .addField(message("metadata", 1, ModelDataProto.getDescriptor()))
                        .addField(message("params", 2, ParametersProto.getDescriptor()))
                        .addField(scalar("activation", 3, FieldDescriptorProto.Type.TYPE_STRING))
                        .addField(scalar("best_epoch", 4, FieldDescriptorProto.Type.TYPE_INT32))
                        .addField(repeated(scalar("training_loss", 5, FieldDescriptorProto.Type.TYPE_DOUBLE)))
                        .addField(repeated(scalar("validation_loss", 6, FieldDescriptorProto.Type.TYPE_DOUBLE))))
                .addMessageType(DescriptorProto.newBuilder().setName("MlpParametersProto")
                        .addField(repeated(scalar("sizes", 1, FieldDescriptorProto.Type.TYPE_INT32)))
                        .addField(repeated(message("tensors", 2, TensorProto.getDescriptor()))))
                .build();
        try {
            FileDescriptor fd = FileDescriptor.buildFrom(file, new FileDescriptor[] {core, math});
            MODEL = fd.findMessageTypeByName("MlpModelProto");
            PARAMETERS = fd.findMessageTypeByName("MlpParametersProto");
        } catch (DescriptorValidationException e) {
            throw new ExceptionInInitializerError(e);
        }
        METADATA = MODEL.findFieldByName("metadata");
        PARAMS = MODEL.findFieldByName("params");
        ACTIVATION = MODEL.findFieldByName("activation");
        BEST_EPOCH = MODEL.findFieldByName("best_epoch");
        TRAINING_LOSS = MODEL.findFieldByName("training_loss");
        VALIDATION_LOSS = MODEL.findFieldByName("validation_loss");
        SIZES = PARAMETERS.findFieldByName("sizes");
        TENSORS = PARAMETERS.findFieldByName("tensors");
    }

    private MlpProtos() {
    }

    private static FieldDescriptorProto.Builder scalar(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
    }

    private static FieldDescriptorProto.Builder message(String name, int number, Descriptor type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
                .setType(FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName("." + type.getFullName())
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
    }

    private static FieldDescriptorProto.Builder repeated(FieldDescriptorProto.Builder field) {
        return field.setLabel(FieldDescriptorProto.Label.LABEL_REPEATED);
    }

    /** The message of type {@code type} packed in {@code any}; refuses any other type. */
    static DynamicMessage unpack(Any any, Descriptor type) throws InvalidProtocolBufferException {
        String url = any.getTypeUrl();
        if (!url.substring(url.lastIndexOf('/') + 1).equals(type.getFullName())) {
            throw new InvalidProtocolBufferException("expected a " + type.getFullName() + ", found " + url);
        }
        return DynamicMessage.parseFrom(type, any.getValue());
    }

    /**
     * A message field of a parsed dynamic message as Tribuo's generated class (a dynamic parse yields
     * dynamic sub-messages); the default instance when the field is unset.
     */
    static <M extends Message> M field(DynamicMessage m, FieldDescriptor f, Message.Builder into)
            throws InvalidProtocolBufferException {
        @SuppressWarnings("unchecked")
        M out = (M) into.mergeFrom(((Message) m.getField(f)).toByteString()).build();
        return out;
    }
}
