package dev.mlx.runtime.spec;

/** A comparison of checks and release gates, by its symbol in a .mlx file. */
public enum CompareOp {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    CompareOp(String symbol) {
        this.symbol = symbol;
    }

    /** {@code >=}, as written. */
    public String symbol() {
        return symbol;
    }

    /** The operator written {@code symbol}; null when there is none. */
    public static CompareOp parse(String symbol) {
        for (CompareOp op : values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        return null;
    }

    /** Whether {@code a op b} holds, exactly (NaN holds nothing but {@code !=}). */
    public boolean holds(double a, double b) {
        return switch (this) {
            case EQ -> a == b;
            case NE -> a != b;
            case LT -> a < b;
            case LE -> a <= b;
            case GT -> a > b;
            case GE -> a >= b;
        };
    }
}
