package dev.mlx.runtime.base;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import java.io.IOException;
import java.nio.file.Path;

/** JSON files of a run (run.json, serving.json): pretty, written whole or not at all. */
public final class JsonFiles {
    private JsonFiles() {
    }

    /** Writes JSON atomically (temp file, then move) so an interrupted run never leaves half a file. */
    public static void write(Path file, JsonElement json) {
        try {
            AtomicFiles.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
                    .serializeSpecialFloatingPointValues().create().toJson(json) + "\n");
        } catch (IOException e) {
            throw new RunException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
