package dev.mlx.runtime.models;

/**
 * Limited-memory BFGS for a smooth convex objective, stopped by the rules of SciPy's L-BFGS-B that
 * scikit-learn's {@code lbfgs} solver runs under: the largest absolute entry of the gradient at most
 * {@code gradientTolerance} (SciPy's {@code gtol}, scikit-learn's {@code tol}), or a step that lowers
 * the objective by at most 2.2e-9 of its size (SciPy's default {@code ftol}), or
 * {@code maxIterations} iterations. The memory is SciPy's default of ten correction pairs; the step
 * length comes from a backtracking search for sufficient decrease (Armijo, 1e-4), which suffices for
 * the strictly convex objectives it is used on, and a pair that breaks the curvature condition is
 * not stored.
 */
final class Lbfgs {
    /** SciPy's {@code maxcor}. */
    private static final int MEMORY = 10;
    /** SciPy's {@code factr * eps} = 1e7 * 2.2e-16. */
    private static final double RELATIVE_DECREASE = 1e7 * Math.ulp(1.0);
    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 60;

    /** The objective: fills {@code gradient} at {@code x} and returns the value there. */
    @FunctionalInterface
    interface Objective {
        double valueAndGradient(double[] x, double[] gradient);
    }

    /** How a minimisation ended: iterations run and whether a tolerance (not the iteration cap) stopped it. */
    record Result(int iterations, boolean converged, double value) {
    }

    private Lbfgs() {
    }

    /** Minimises {@code f} from {@code x}, which is overwritten with the minimiser found. */
    static Result minimise(Objective f, double[] x, double gradientTolerance, int maxIterations) {
        int n = x.length;
        double[][] s = new double[MEMORY][n];
        double[][] y = new double[MEMORY][n];
        double[] rho = new double[MEMORY];
        double[] alpha = new double[MEMORY];
        double[] g = new double[n];
        double[] direction = new double[n];
        double[] trial = new double[n];
        double[] trialGradient = new double[n];
        double value = f.valueAndGradient(x, g);
        int stored = 0;
        int newest = -1;
        double scale = 0;
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            if (maxAbs(g) <= gradientTolerance) {
                return new Result(iteration, true, value);
            }
            // Two-loop recursion: direction = -H g.
            for (int i = 0; i < n; i++) {
                direction[i] = -g[i];
            }
            for (int k = 0; k < stored; k++) {
                int j = Math.floorMod(newest - k, MEMORY);
                alpha[j] = rho[j] * dot(s[j], direction);
                axpy(-alpha[j], y[j], direction);
            }
            double initial;
            if (stored == 0) {
                initial = 1.0 / Math.max(norm(g), Double.MIN_NORMAL); // a first step of unit length
            } else {
                for (int i = 0; i < n; i++) {
                    direction[i] *= scale;
                }
                for (int k = stored - 1; k >= 0; k--) {
                    int j = Math.floorMod(newest - k, MEMORY);
                    double beta = rho[j] * dot(y[j], direction);
                    axpy(alpha[j] - beta, s[j], direction);
                }
                initial = 1.0;
            }
            double slope = dot(g, direction);
            if (!(slope < 0)) { // not a descent direction (rounding): restart from the gradient
                for (int i = 0; i < n; i++) {
                    direction[i] = -g[i];
                }
                slope = dot(g, direction);
                stored = 0;
                initial = 1.0 / Math.max(norm(g), Double.MIN_NORMAL);
            }
            double step = initial;
            double trialValue = Double.NaN;
            boolean accepted = false;
            for (int b = 0; b < MAX_BACKTRACKS; b++) {
                for (int i = 0; i < n; i++) {
                    trial[i] = x[i] + step * direction[i];
                }
                trialValue = f.valueAndGradient(trial, trialGradient);
                if (trialValue <= value + ARMIJO * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) { // no decrease along the direction at rounding precision: as good as it gets
                return new Result(iteration, true, value);
            }
            int slot = (newest + 1) % MEMORY;
            double sy = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                double si = trial[i] - x[i];
                double yi = trialGradient[i] - g[i];
                s[slot][i] = si;
                y[slot][i] = yi;
                sy += si * yi;
                yy += yi * yi;
            }
            if (sy > 1e-10 * yy && yy > 0) {
                rho[slot] = 1.0 / sy;
                scale = sy / yy;
                newest = slot;
                stored = Math.min(stored + 1, MEMORY);
            }
            double previous = value;
            System.arraycopy(trial, 0, x, 0, n);
            System.arraycopy(trialGradient, 0, g, 0, n);
            value = trialValue;
            if ((previous - value) <= RELATIVE_DECREASE * Math.max(1.0, Math.max(Math.abs(previous), Math.abs(value)))) {
                return new Result(iteration + 1, true, value);
            }
        }
        return new Result(maxIterations, maxAbs(g) <= gradientTolerance, value);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double maxAbs(double[] a) {
        double max = 0;
        for (double v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
