package dev.mlx.runtime.spec;

/** An arithmetic operator of expressions, by its symbol in a .mlx file. */
public enum ArithmeticOp {
    PLUS("+"), MINUS("-"), TIMES("*"), DIVIDE("/");

    private final String symbol;

    ArithmeticOp(String symbol) {
        this.symbol = symbol;
    }

    /** {@code +}, as written. */
    public String symbol() {
        return symbol;
    }

    /** The operator written {@code symbol}; null when there is none. */
    public static ArithmeticOp parse(String symbol) {
        for (ArithmeticOp op : values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        return null;
    }

    /** {@code a op b} in double arithmetic (x / 0 is infinite or NaN; callers decide what that means). */
    public double apply(double a, double b) {
        return switch (this) {
            case PLUS -> a + b;
            case MINUS -> a - b;
            case TIMES -> a * b;
            case DIVIDE -> a / b;
        };
    }
}
