package dev.mlx.runtime.report;

import java.util.ArrayList;
import java.util.List;

/** A linear map from data values to view-box units, with round tick values. */
record Scale(double d0, double d1, double r0, double r1) {
    static Scale of(double lo, double hi, double r0, double r1) {
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            return new Scale(lo - pad, hi + pad, r0, r1);
        }
        return new Scale(lo, hi, r0, r1);
    }

    /** Extends the domain to round tick values. */
    Scale nice() {
        double step = step(d0, d1, 5);
        return new Scale(Math.floor(d0 / step) * step, Math.ceil(d1 / step) * step, r0, r1);
    }

    double at(double v) {
        return round(r0 + (v - d0) / (d1 - d0) * (r1 - r0));
    }

    List<Chart.Tick> ticks(int about) {
        double step = step(d0, d1, about);
        List<Chart.Tick> out = new ArrayList<>();
        for (double v = Math.ceil(d0 / step - 1e-9) * step; v <= d1 + step * 1e-9; v += step) {
            double clean = Math.abs(v) < step * 1e-9 ? 0 : v;
            out.add(new Chart.Tick(at(clean), Fmt.num(Math.round(clean / step) * step)));
        }
        return out;
    }

    private static double step(double lo, double hi, int about) {
        double raw = (hi - lo) / Math.max(1, about);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
