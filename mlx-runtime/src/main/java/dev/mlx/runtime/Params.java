package dev.mlx.runtime;

import dev.mlx.runtime.base.RunException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The experiment's parameters: the file's values, overridden by {@code --set NAME=VALUE}. */
public final class Params {
    private final Map<String, Double> values;

    public Params(Map<String, Double> defaults, Map<String, String> overrides) {
        Map<String, Double> v = new LinkedHashMap<>(defaults);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!v.containsKey(e.getKey())) {
                throw new RunException("unknown parameter `" + e.getKey() + "` in --set; this experiment has "
                        + String.join(", ", v.keySet()));
            }
            String text = e.getValue().trim();
            boolean percent = text.endsWith("%");
            try {
                double d = Double.parseDouble((percent ? text.substring(0, text.length() - 1) : text).replace("_", ""));
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                v.put(e.getKey(), d);
            } catch (NumberFormatException ex) {
                throw new RunException("--set " + e.getKey() + "=" + text + ": not a number");
            }
        }
        this.values = Collections.unmodifiableMap(v);
    }

    public double num(String name) {
        Double d = values.get(name);
        if (d == null) {
            throw new IllegalStateException("parameter " + name + " is not declared");
        }
        return d;
    }

    public Map<String, Double> values() {
        return values;
    }
}
