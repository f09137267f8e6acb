package dev.mlx.cli;

import dev.mlx.codegen.MlxVersion;

/** The mlx version, from the build (the compiler's {@link MlxVersion}, which the Maven plugin reads too). */
public final class Version {
    private Version() {
    }

    public static String get() {
        return MlxVersion.get();
    }
}
