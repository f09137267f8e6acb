package dev.mlx.runtime;

import dev.mlx.runtime.spec.Experiment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/** Entry point of compiled experiments. (The stages are being wired in.) */
public final class Runner {
    private Runner() {
    }

    public static int run(String[] args, Function<Params, Experiment> define, Map<String, Double> parameters,
                          Class<?> mainClass) {
        Experiment e = define.apply(new Params(parameters, Map.of()));
        System.out.println(e.name());
        return 0;
    }

    /** A text resource next to the generated class (the .mlx file), or "" when absent. */
    public static String resource(Class<?> owner, String name) {
        try (InputStream in = owner.getClassLoader().getResourceAsStream(name.startsWith("/") ? name.substring(1) : name)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
