package dev.mlx.runtime.features;

import com.google.gson.JsonObject;
import java.util.List;

/** {@code drop}: removes columns (absent ones too: a table to predict need not carry them). */
final class Drop implements FittedStep {
    private static final long serialVersionUID = 1L;
    private final String[] columns;

    Drop(List<String> columns) {
        this.columns = columns.toArray(String[]::new);
    }

    @Override
    public void apply(Frame frame) {
        for (String c : columns) {
            frame.remove(c);
        }
    }

    @Override
    public JsonObject describe() {
        JsonObject o = new JsonObject();
        o.addProperty("step", "drop");
        o.add("columns", ColumnMath.json(columns));
        return o;
    }
}
