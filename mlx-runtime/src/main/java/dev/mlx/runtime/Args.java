package dev.mlx.runtime;

import dev.mlx.runtime.base.RunException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of a compiled experiment: {@code [run|predict] [--out DIR] [--set NAME=VALUE]...
 * [--base DIR] [IN.csv -o OUT.csv] [--help]}. Hand-parsed: the runtime carries no CLI library.
 */
record Args(String command, Path out, Path base, Map<String, String> overrides, Path input, Path output, boolean help) {
    static Args parse(String[] args) {
        String command = null;
        Path out = null;
        Path base = null;
        Path input = null;
        Path output = null;
        boolean help = false;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h", "help" -> help = true;
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--base" -> base = Path.of(value(args, ++i, a));
                case "-o", "--output" -> output = Path.of(value(args, ++i, a));
                case "--set" -> {
                    String kv = value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new RunException("--set needs NAME=VALUE, not `" + kv + "`");
                    }
                    overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1));
                }
                default -> {
                    if (a.startsWith("--set=")) {
                        String kv = a.substring("--set=".length());
                        int eq = kv.indexOf('=');
                        if (eq <= 0) {
                            throw new RunException("--set needs NAME=VALUE, not `" + kv + "`");
                        }
                        overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1));
                    } else if (a.startsWith("-")) {
                        throw new RunException("unknown option `" + a + "`");
                    } else if (command == null && List.of("run", "predict").contains(a)) {
                        command = a;
                    } else if ("predict".equals(command) && input == null) {
                        input = Path.of(a);
                    } else {
                        throw new RunException("unexpected argument `" + a + "`");
                    }
                }
            }
        }
        if (command == null) {
            command = "run";
        }
        if (!help && command.equals("predict") && (input == null || output == null)) {
            throw new RunException("predict needs the rows to score and where to write them: predict IN.csv -o OUT.csv");
        }
        return new Args(command, out, base, overrides, input, output, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new RunException(option + " needs a value");
        }
        return args[i];
    }
}
