package dev.mlx.runtime.features;

import dev.mlx.runtime.base.RunException;
import java.util.ArrayList;
import java.util.List;

/**
 * The working table of a fit or a transform: named columns in feature order. Replacing a column
 * keeps its position, so an encoded column's features sit where the column was.
 */
final class Frame {
    final int rows;
    private final List<String> names = new ArrayList<>();
    private final List<Col> cols = new ArrayList<>();

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
        return names.contains(name);
    }

    void add(String name, Col col) {
        if (names.contains(name)) {
            throw new RunException("the features block makes a column `" + name + "` that already exists");
        }
        names.add(name);
        cols.add(col);
    }

    Col get(String name, String step) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new RunException("`" + step + "` uses column `" + name + "`, which is not in the data at that point");
        }
        return cols.get(i);
    }

    void set(String name, Col col) {
        cols.set(indexOf(name), col);
    }

    void remove(String name) {
        int i = names.indexOf(name);
        if (i >= 0) {
            names.remove(i);
            cols.remove(i);
        }
    }

    /** Replaces one column by several, in its place. */
    void replace(String name, List<String> newNames, List<Col> newCols) {
        int i = indexOf(name);
        names.remove(i);
        cols.remove(i);
        for (String n : newNames) {
            if (names.contains(n)) {
                throw new RunException("the features block makes a column `" + n + "` that already exists");
            }
        }
        names.addAll(i, newNames);
        cols.addAll(i, newCols);
    }

    private int indexOf(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalStateException("no column " + name);
        }
        return i;
    }
}
