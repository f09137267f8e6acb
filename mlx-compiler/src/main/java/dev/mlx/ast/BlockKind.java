package dev.mlx.ast;

/** The blocks of an experiment, in the order the workflow runs them. */
public enum BlockKind {
    PARAMS("params"), SCOPE("scope"), DATA("data"), REVIEW("review"), CHECKS("checks"), FEATURES("features"),
    INSPECT("inspect"), MODELS("models"), EVALUATE("evaluate"), EXPLAIN("explain"), DEPLOY("deploy"),
    FEEDBACK("feedback"), REPORT("report"), UNKNOWN("?");

    private final String keyword;

    BlockKind(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
