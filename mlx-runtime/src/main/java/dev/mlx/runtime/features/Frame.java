package dev.mlx.runtime.features;

import dev.mlx.runtime.base.RunException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The working table of a fit or a transform: named columns in feature order. Replacing a column
 * keeps its position, so an encoded column's features sit where the column was.
 */
final class Frame {
    final int rows;
    private final List<String> names = new ArrayList<>();
    private final List<Col> cols = new ArrayList<>();
    /**
     * Each name's position, rebuilt after a removal or a replacement moved them: a wide table's
     * thousands of columns are added and looked up one by one, and a search of the name list for
     * each made a read quadratic in the columns.
     */
    private Map<String, Integer> positions = new HashMap<>();

    Frame(int rows) {
        this.rows = rows;
    }

    int size() {
        return names.size();
    }

    String name(int i) {
        return names.get(i);
    }

    Col col(int i) {
        return cols.get(i);
    }

    boolean has(String name) {
        return position(name) >= 0;
    }

    void add(String name, Col col) {
        if (has(name)) {
            throw new RunException("the features block makes a column `" + name + "` that already exists");
        }
        names.add(name);
        cols.add(col);
        positions.put(name, names.size() - 1);
    }

    Col get(String name, String step) {
        int i = position(name);
        if (i < 0) {
            throw new RunException("`" + step + "` uses column `" + name + "`, which is not in the data at that point");
        }
        return cols.get(i);
    }

    void set(String name, Col col) {
        cols.set(indexOf(name), col);
    }

    void remove(String name) {
        int i = position(name);
        if (i >= 0) {
            names.remove(i);
            cols.remove(i);
            positions = null;
        }
    }

    /** Replaces one column by several, in its place. */
    void replace(String name, List<String> newNames, List<Col> newCols) {
        int i = indexOf(name);
        for (String n : newNames) {
            if (!n.equals(name) && has(n)) {
                throw new RunException("the features block makes a column `" + n + "` that already exists");
            }
        }
        names.remove(i);
        cols.remove(i);
        names.addAll(i, newNames);
        cols.addAll(i, newCols);
        positions = null;
    }

    /** The position of {@code name}, or -1. */
    private int position(String name) {
        if (positions == null) {
            positions = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                positions.putIfAbsent(names.get(i), i);
            }
        }
        return positions.getOrDefault(name, -1);
    }

    private int indexOf(String name) {
        int i = position(name);
        if (i < 0) {
            throw new IllegalStateException("no column " + name);
        }
        return i;
    }
}
