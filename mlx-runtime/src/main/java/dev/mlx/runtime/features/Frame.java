package dev.mlx.runtime.features;

import dev.mlx.runtime.base.RunException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The working table of a fit or a transform: named columns in feature order. Replacing a column
 * keeps its position, so an encoded column's features sit where the column was.
 *
 * <p>The columns form a linked list with an index by name, so that finding, replacing and removing a
 * column cost the same however many columns there are: with a list and positions rebuilt after each
 * change, a features block of hundreds of `dateparts` or `drop` columns was quadratic in the columns
 * on every transform (a generated table of 5,300 columns, 486 of them dates, spent minutes measuring
 * one-row latency). Access by position ({@link #name(int)}, {@link #col(int)}) reads an array rebuilt
 * once after a change.
 */
final class Frame {
    private static final class Node {
        final String name;
        Col col;
        Node prev;
        Node next;

        Node(String name, Col col) {
            this.name = name;
            this.col = col;
        }
    }

    final int rows;
    private final Map<String, Node> byName = new HashMap<>();
    private Node head;
    private Node tail;
    private int size;
    /** The columns in order, or null after a change (rebuilt on the next access by position). */
    private Node[] order;

    Frame(int rows) {
        this.rows = rows;
    }

    int size() {
        return size;
    }

    String name(int i) {
        return ordered()[i].name;
    }

    Col col(int i) {
        return ordered()[i].col;
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    void add(String name, Col col) {
        if (has(name)) {
            throw new RunException("the features block makes a column `" + name + "` that already exists");
        }
        Node n = new Node(name, col);
        linkBefore(n, null);
        byName.put(name, n);
    }

    Col get(String name, String step) {
        Node n = byName.get(name);
        if (n == null) {
            throw new RunException("`" + step + "` uses column `" + name + "`, which is not in the data at that point");
        }
        return n.col;
    }

    void set(String name, Col col) {
        node(name).col = col;
    }

    void remove(String name) {
        Node n = byName.remove(name);
        if (n != null) {
            unlink(n);
        }
    }

    /** Replaces one column by several, in its place. */
    void replace(String name, List<String> newNames, List<Col> newCols) {
        Node old = node(name);
        for (String n : newNames) {
            if (!n.equals(name) && has(n)) {
                throw new RunException("the features block makes a column `" + n + "` that already exists");
            }
        }
        Node after = old.next;
        unlink(old);
        byName.remove(name);
        for (int i = 0; i < newNames.size(); i++) {
            Node n = new Node(newNames.get(i), newCols.get(i));
            linkBefore(n, after);
            byName.putIfAbsent(n.name, n);
        }
    }

    private Node node(String name) {
        Node n = byName.get(name);
        if (n == null) {
            throw new IllegalStateException("no column " + name);
        }
        return n;
    }

    /** Links {@code n} before {@code next} (at the end when null). */
    private void linkBefore(Node n, Node next) {
        Node prev = next == null ? tail : next.prev;
        n.prev = prev;
        n.next = next;
        if (prev == null) {
            head = n;
        } else {
            prev.next = n;
        }
        if (next == null) {
            tail = n;
        } else {
            next.prev = n;
        }
        size++;
        order = null;
    }

    private void unlink(Node n) {
        if (n.prev == null) {
            head = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            tail = n.prev;
        } else {
            n.next.prev = n.prev;
        }
        n.prev = null;
        n.next = null;
        size--;
        order = null;
    }

    private Node[] ordered() {
        if (order == null) {
            Node[] a = new Node[size];
            int i = 0;
            for (Node n = head; n != null; n = n.next) {
                a[i++] = n;
            }
            order = a;
        }
        return order;
    }
}
