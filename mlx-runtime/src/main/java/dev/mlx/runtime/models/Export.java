package dev.mlx.runtime.models;

import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.features.FittedPipeline;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;

/**
 * Writing the selected model: Tribuo's protobuf format with the fitted feature pipeline beside it
 * ({@code <path>.pipeline}, Java serialisation), or ONNX. Reading back installs the serial filter
 * first, because Tribuo reads LIBLINEAR models through an unfiltered ObjectInputStream.
 */
public final class Export {
    /** ONNX metadata: the producer domain and model version written into the graph. */
    public static final String ONNX_DOMAIN = "dev.mlx";
    public static final long ONNX_VERSION = 1;

    private Export() {
    }

    /** A model with the pipeline that turns raw rows into its features. */
    public record Loaded(Model<?> model, FittedPipeline pipeline) {
    }

    /** Where the pipeline of the model file {@code path} is written. */
    public static Path pipelinePath(Path path) {
        return path.resolveSibling(path.getFileName() + ".pipeline");
    }

    /** Writes the model (Tribuo protobuf) to {@code path} and the pipeline to {@link #pipelinePath}. */
    public static void tribuo(Model<?> model, FittedPipeline pipeline, Path path) {
        try {
            createParent(path);
            model.serializeToFile(path);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(pipelinePath(path)));
                 ObjectOutputStream oos = new ObjectOutputStream(out)) {
                oos.writeObject(pipeline);
            }
        } catch (IOException e) {
            throw new RunException("cannot write the model to " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the model as ONNX; false when the model cannot be expressed in ONNX ({@link #whyNoOnnx}
     * says why), and nothing is written then. The ONNX graph takes the pipeline's features, in
     * {@link Model#getFeatureIDMap()} order; the pipeline itself is not part of it.
     */
    public static boolean onnx(Model<?> model, Path path) {
        Object proto = onnxProto(model);
        if (proto instanceof String) {
            return false;
        }
        try {
            createParent(path);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path))) {
                ((ai.onnx.proto.OnnxMl.ModelProto) proto).writeTo(out);
            }
            return true;
        } catch (IOException e) {
            throw new RunException("cannot write the ONNX model to " + path + ": " + e.getMessage(), e);
        }
    }

    /** Why {@link #onnx} refuses the model, or null when it can write it. */
    public static String whyNoOnnx(Model<?> model) {
        Object proto = onnxProto(model);
        return proto instanceof String reason ? reason : null;
    }

    /** The ONNX graph, or the reason there is none. */
    private static Object onnxProto(Model<?> model) {
        if (!(model instanceof ONNXExportable exportable)) {
            return "Tribuo cannot export " + model.getClass().getSimpleName() + " to ONNX";
        }
        try {
            return exportable.exportONNXModel(ONNX_DOMAIN, ONNX_VERSION);
        } catch (IllegalStateException | UnsupportedOperationException e) {
            // ensembles are exportable only when every member is; Tribuo's message embeds a whole tree
            return "Tribuo cannot export this " + model.getClass().getSimpleName()
                    + " to ONNX: a part of it (such as a decision tree) has no ONNX form";
        }
    }

    /** Reads a model written by {@link #tribuo} with its pipeline; installs {@link SerialFilter} first. */
    public static Loaded load(Path path) {
        SerialFilter.install();
        Model<?> model;
        try {
            model = Model.deserializeFromFile(path);
        } catch (IOException e) {
            throw new RunException("cannot read the model " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new RunException("cannot read the model " + path + ": not a Tribuo model file (" + e.getMessage() + ")", e);
        }
        Path p = pipelinePath(path);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p));
             ObjectInputStream ois = new ObjectInputStream(in)) {
            if (!SerialFilter.isInstalled()) {
                ois.setObjectInputFilter(SerialFilter.FILTER);
            }
            Object o = ois.readObject();
            if (!(o instanceof FittedPipeline pipeline)) {
                throw new RunException("cannot read the pipeline " + p + ": it holds a " + o.getClass().getName());
            }
            return new Loaded(model, pipeline);
        } catch (IOException | ClassNotFoundException e) {
            throw new RunException("cannot read the pipeline " + p + ": " + e.getMessage(), e);
        }
    }

    private static void createParent(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
