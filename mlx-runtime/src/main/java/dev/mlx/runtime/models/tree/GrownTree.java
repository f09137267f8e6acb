package dev.mlx.runtime.models.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * A grown tree as arrays: node 0 is the root; a split node sends a row whose feature value is at most
 * its threshold to {@code left}, the rest to {@code right}; every node keeps the statistics of its
 * rows (class weights, or weight and weighted sum of the target) and its impurity.
 */
final class GrownTree {
    private final int width;
    private final List<double[]> stats = new ArrayList<>();
    private final List<Double> impurity = new ArrayList<>();
    private final List<int[]> children = new ArrayList<>();
    private final List<Integer> feature = new ArrayList<>();
    private final List<Double> threshold = new ArrayList<>();

    /** A tree of one node, the root. */
    GrownTree(int width) {
        this.width = width;
        addChild();
    }

    int addChild() {
        stats.add(new double[width]);
        impurity.add(0.0);
        children.add(null);
        feature.add(-1);
        threshold.add(Double.NaN);
        return stats.size() - 1;
    }

    void setNode(int node, double[] nodeStats, double nodeImpurity) {
        stats.set(node, nodeStats.clone());
        impurity.set(node, nodeImpurity);
    }

    void split(int node, int splitFeature, double splitThreshold, int left, int right) {
        feature.set(node, splitFeature);
        threshold.set(node, splitThreshold);
        children.set(node, new int[] {left, right});
    }

    int size() {
        return stats.size();
    }

    boolean isLeaf(int node) {
        return children.get(node) == null;
    }

    int left(int node) {
        return children.get(node)[0];
    }

    int right(int node) {
        return children.get(node)[1];
    }

    int feature(int node) {
        return feature.get(node);
    }

    double threshold(int node) {
        return threshold.get(node);
    }

    double[] stats(int node) {
        return stats.get(node).clone();
    }

    double impurity(int node) {
        return impurity.get(node);
    }
}
