package dev.mlx.runtime.models;

import dev.mlx.runtime.base.RunException;
import dev.mlx.runtime.features.FittedPipeline;
import dev.mlx.runtime.features.FittedFeatures;
import dev.mlx.runtime.features.PipelineFile;
import dev.mlx.runtime.models.tree.TreeModelReader;
import dev.mlx.runtime.models.tree.TreeProtos;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;

/**
 * Writing the selected model: Tribuo's protobuf format with the fitted feature pipeline beside it
 * ({@code <path>.pipeline}, JSON through {@link PipelineFile}: no Java serialisation), or ONNX.
 * Reading back installs the serial filter first, because Tribuo reads LIBLINEAR and LIBSVM models
 * (Java serialisation inside its protobuf) through an unfiltered ObjectInputStream.
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

    /**
     * The SHA-256 (lowercase hex) the model file and its pipeline file must have, as recorded by
     * the run that wrote them; null fields are not checked.
     */
    public record Expected(String modelSha256, String pipelineSha256) {
        /** Nothing to check against (files outside a run's folder). */
        public static final Expected NONE = new Expected(null, null);
    }

    /** The SHA-256 of a file, lowercase hex. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new RunException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Where the pipeline of the model file {@code path} is written. */
    public static Path pipelinePath(Path path) {
        return path.resolveSibling(path.getFileName() + ".pipeline");
    }

    /** Writes the model (Tribuo protobuf) to {@code path} and the pipeline to {@link #pipelinePath}. */
    public static void tribuo(Model<?> model, FittedPipeline pipeline, Path path) {
        tribuo(model, null, pipeline, path);
    }

    /**
     * Like {@link #tribuo(Model, FittedPipeline, Path)}, writing {@code serialized} (the bytes of
     * {@code model.serialize()}, taken earlier) instead of serialising the model again when not null.
     */
    public static void tribuo(Model<?> model, byte[] serialized, FittedPipeline pipeline, Path path) {
        try {
            createParent(path);
            if (!(pipeline instanceof FittedFeatures features)) {
                throw new IllegalArgumentException("only a fitted features block is written beside a model, not a "
                        + pipeline.getClass().getName());
            }
            if (serialized != null) {
                dev.mlx.runtime.base.AtomicFiles.write(path, out -> out.write(serialized));
            } else {
                dev.mlx.runtime.base.AtomicFiles.write(path, out -> TreeProtos.serialize(model).writeTo(out));
            }
            PipelineFile.write(features, pipelinePath(path));
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
            dev.mlx.runtime.base.AtomicFiles.write(path, out -> ((ai.onnx.proto.OnnxMl.ModelProto) proto).writeTo(out));
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

    /** Reads a model written by {@link #tribuo} with its pipeline, without hashes to check them against. */
    public static Loaded load(Path path) {
        return load(path, Expected.NONE);
    }

    /**
     * Reads a model written by {@link #tribuo} with its pipeline. Both files are hashed first and
     * must match {@code expected} (a changed bit, or another run's file, is a {@link RunException}
     * before anything is parsed); then {@link SerialFilter} is installed, the model read, and the
     * pipeline's features checked against the model's.
     */
    public static Loaded load(Path path, Expected expected) {
        Path p = pipelinePath(path);
        if (Files.isRegularFile(path)) {
            verify(path, "model", expected.modelSha256());
        }
        if (Files.isRegularFile(p)) {
            verify(p, "pipeline", expected.pipelineSha256());
        }
        SerialFilter.install();
        Model<?> model;
        try {
            // Tribuo reads LIBLINEAR and LIBSVM models through its own, unfiltered ObjectInputStream
            model = SerialFilter.scoped(() -> readModel(path));
        } catch (IOException e) {
            throw new RunException("cannot read the model " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof OutOfMemoryError oom) {
                    throw oom; // Tribuo wraps it in its reflection's exceptions: it is the memory advice, not a bad file
                }
            }
            throw new RunException("cannot read the model " + path + ": not a Tribuo model file (" + e.getMessage() + ")", e);
        }
        if (!Files.isRegularFile(p)) {
            throw new RunException("cannot read the pipeline " + p + ": the file is missing; run the experiment again");
        }
        FittedFeatures pipeline = PipelineFile.read(p);
        sameFeatures(model, pipeline, path, p);
        return new Loaded(model, pipeline);
    }

    /** The model file's model: trees and forests by {@link TreeModelReader}, the rest by Tribuo. */
    private static Model<?> readModel(Path path) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(path))) {
            return TreeModelReader.read(org.tribuo.protos.core.ModelProto.parseFrom(in));
        }
    }

    private static void verify(Path file, String what, String expected) {
        if (expected == null) {
            return;
        }
        String actual = sha256(file);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new RunException("the " + what + " file " + file + " is not the one its run wrote (SHA-256 "
                    + actual.substring(0, 12) + "…, recorded " + expected.substring(0, Math.min(12, expected.length()))
                    + "…): it was changed or replaced; run the experiment again");
        }
    }

    /** Every feature the model knows must come out of the pipeline: else they are from different runs. */
    private static void sameFeatures(Model<?> model, FittedPipeline pipeline, Path modelFile, Path pipelineFile) {
        java.util.Set<String> produced = new java.util.HashSet<>(pipeline.featureNames());
        List<String> unknown = new ArrayList<>();
        for (org.tribuo.VariableInfo v : model.getFeatureIDMap()) {
            if (!produced.contains(v.getName())) {
                unknown.add(v.getName());
            }
        }
        if (!unknown.isEmpty()) {
            unknown.sort(null);
            throw new RunException("the model " + modelFile + " and the pipeline " + pipelineFile + " are from different runs: "
                    + "the model uses " + unknown.size() + (unknown.size() == 1 ? " feature" : " features")
                    + " the pipeline does not make (" + String.join(", ", unknown.subList(0, Math.min(5, unknown.size())))
                    + (unknown.size() > 5 ? ", …" : "") + "); run the experiment again");
        }
    }

    private static void createParent(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
