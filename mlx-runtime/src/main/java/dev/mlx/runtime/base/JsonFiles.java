package dev.mlx.runtime.base;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** JSON files of a run (run.json, serving.json): pretty, written whole or not at all. */
public final class JsonFiles {
    private JsonFiles() {
    }

    /** Writes JSON atomically (temp file, then move) so an interrupted run never leaves half a file. */
    public static void write(Path file, JsonElement json) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
                    .serializeSpecialFloatingPointValues().create().toJson(json) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RunException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
