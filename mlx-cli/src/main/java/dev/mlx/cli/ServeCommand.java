package dev.mlx.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlx serve FILE}: serve the model of the last run over HTTP (running the experiment first when needed). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the experiment's model over HTTP (docs/serve.md); runs the experiment first when there is no model.")
public final class ServeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the .mlx file")
    Path file;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "override a parameter")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "DIR", description = "output folder of the run (default: out/NAME/)")
    Path out;

    @Option(names = "--allow-outside", paramLabel = "DIR",
            description = "when serve runs the experiment first, let its report and exports be written inside DIR, outside the output folder (repeatable)")
    List<Path> allowOutside = new ArrayList<>();

    @Option(names = "--host", description = "address to listen on (default: 127.0.0.1)")
    String host;

    @Option(names = "--port", description = "port (default: the .mlx's `serve port`, else 8080; 0 picks a free one)")
    Integer port;

    @Option(names = "--production", description = "errors never echo input values or schema details")
    boolean production;

    @Option(names = "--store", paramLabel = "JDBC-URL", description = "prediction and feedback store (default: the .mlx's `store`)")
    String store;

    @Option(names = "--no-store", description = "log nothing (no /feedback, /ab or /drift)")
    boolean noStore;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<String> cmd = new ArrayList<>(List.of("serve"));
        if (host != null) {
            cmd.addAll(List.of("--host", host));
        }
        if (port != null) {
            cmd.addAll(List.of("--port", port.toString()));
        }
        if (production) {
            cmd.add("--production");
        }
        if (store != null) {
            cmd.addAll(List.of("--store", store));
        }
        if (noStore) {
            cmd.add("--no-store");
        }
        return InProcess.run(spec.commandLine(), file, overrides, out, allowOutside, cmd);
    }
}
