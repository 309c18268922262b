package dev.steepest.optim.plugins;

/**
 * The strong-Wolfe line search of {@link LBFGS} ({@code line_search_fn = strong_wolfe}), ported
 * line by line from PyTorch 1.13's {@code _strong_wolfe} and {@code _cubic_interpolate}
 * (torch/optim/lbfgs.py, themselves ported from Torch7's lswolfe.lua and polyinterp.lua). Along
 * the direction d from x it looks for a step t whose loss φ(t) = f(x + t·d) satisfies
 *
 * <pre>
 * sufficient decrease:   φ(t) ≤ φ(0) + c1·t·φ'(0)          c1 = 1e-4
 * curvature (strong):    |φ'(t)| ≤ −c2·φ'(0)                c2 = 0.9,  φ'(t) = ∇f(x + t·d)·d
 *
 * bracketing (Algorithm 3.5), from t = the initial guess:
 *     if φ(t) breaks sufficient decrease, or (after two trials) φ(t) ≥ φ(t_prev):  bracket [t_prev, t];  zoom
 *     if the curvature condition holds:  done, t
 *     if φ'(t) ≥ 0:  bracket [t_prev, t];  zoom
 *     t ← cubic interpolation of (t_prev, t), kept within [t + 0.01·(t − t_prev), 10·t]
 * zoom (Algorithm 3.6), until the bracket is shorter than tolerance_change / max|d|:
 *     t ← cubic interpolation of the bracket, moved to 0.1·its width from an end it comes too near
 *     if φ(t) breaks sufficient decrease or φ(t) ≥ φ(low):  t replaces the high end
 *     else:  done if the curvature condition holds; if φ'(t)·(high − low) ≥ 0, high ← low;  low ← t
 * at most max_ls = 25 evaluations of φ in all; the result is the low end (the lowest φ found)
 * </pre>
 *
 * Nocedal and Wright, Numerical Optimization, 2nd edition, 2006: Algorithm 3.5 (line search
 * algorithm) and Algorithm 3.6 (zoom), cubic interpolation equation 3.59.
 *
 * <p>Note: the losses are doubles (PyTorch's {@code float(closure())}), the gradients and
 * directional derivatives float32 tensors, and the steps either ({@link StrongWolfeStep}); each is
 * rounded the way PyTorch rounds it, so the steps chosen are PyTorch's. As in PyTorch, the
 * "φ(t) ≥ φ(t_prev)" test of the bracketing phase only starts at its third trial.
 */
final class StrongWolfe {

    static final double C1 = 1e-4;
    static final double C2 = 0.9;
    static final double TOLERANCE_CHANGE = 1e-9;
    static final int MAX_LS = 25;

    /** φ: the loss and flat gradient at x + t·d; the parameters are put back at x afterwards. */
    interface Objective {
        Point at(StrongWolfeStep t);
    }

    /** A loss (a double, as PyTorch's Python float) and its flat float32 gradient. */
    record Point(double f, float[] g) {}

    /** The step t chosen, its loss and gradient, and how many times φ was evaluated. */
    record Result(StrongWolfeStep t, double f, float[] g, int evaluations) {}

    private StrongWolfe() {}

    /** Searches along {@code d} from loss {@code f}, gradient {@code g} and φ'(0) = {@code gtd}, starting at {@code t}. */
    static Result search(Objective phi, StrongWolfeStep t, float[] d, double f, float[] g, float gtd) {
        float dNorm = LBFGS.maxAbs(d);
        Point trial = phi.at(t);
        double fNew = trial.f();
        float[] gNew = trial.g();
        float gtdNew = LBFGS.dot(gNew, d);
        int evaluations = 1;

        // bracket an interval containing a point satisfying the Wolfe criteria (Algorithm 3.5)
        StrongWolfeStep tPrev = StrongWolfeStep.ZERO;
        double fPrev = f;
        float[] gPrev = g;
        float gtdPrev = gtd;
        boolean done = false;
        int lsIter = 0;
        StrongWolfeStep[] bracket = null;
        double[] bracketF = null;
        float[][] bracketG = null;
        float[] bracketGtd = null;
        while (lsIter < MAX_LS) {
            if (fNew > armijo(f, t, gtd) || (lsIter > 1 && fNew >= fPrev)) {
                bracket = new StrongWolfeStep[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new float[][] {gPrev, gNew};
                bracketGtd = new float[] {gtdPrev, gtdNew};
                break;
            }
            if (Math.abs(gtdNew) <= (float) -C2 * gtd) {
                bracket = new StrongWolfeStep[] {t, t};   // PyTorch's one-point bracket [t]
                bracketF = new double[] {fNew, fNew};
                bracketG = new float[][] {gNew, gNew};
                done = true;
                break;
            }
            if (gtdNew >= 0) {
                bracket = new StrongWolfeStep[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new float[][] {gPrev, gNew};
                bracketGtd = new float[] {gtdPrev, gtdNew};
                break;
            }
            // extrapolate: interpolate within [t + 0.01·(t − t_prev), 10·t]
            StrongWolfeStep minStep = t.plus(t.minus(tPrev).times(0.01));
            StrongWolfeStep maxStep = t.times(10.);
            StrongWolfeStep tmp = t;
            t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
            tPrev = tmp;
            fPrev = fNew;
            gPrev = gNew;
            gtdPrev = gtdNew;
            trial = phi.at(t);
            fNew = trial.f();
            gNew = trial.g();
            gtdNew = LBFGS.dot(gNew, d);
            evaluations++;
            lsIter++;
        }
        if (lsIter == MAX_LS) {
            bracket = new StrongWolfeStep[] {StrongWolfeStep.ZERO, t};
            bracketF = new double[] {f, fNew};
            bracketG = new float[][] {g, gNew};
        }

        // zoom: shrink the bracket until a point satisfies the criteria (Algorithm 3.6)
        boolean insufficientProgress = false;
        int low = bracketF[0] <= bracketF[1] ? 0 : 1;
        int high = 1 - low;
        while (!done && lsIter < MAX_LS) {
            if (bracket[1].minus(bracket[0]).abs().timesTensor(dNorm) < (float) TOLERANCE_CHANGE) {
                break;   // the bracket is too small
            }
            t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1], null, null);
            // too near an end (twice in a row, or outside): move to 0.1·width from that end
            StrongWolfeStep max = StrongWolfeStep.max(bracket[0], bracket[1]);
            StrongWolfeStep min = StrongWolfeStep.min(bracket[0], bracket[1]);
            StrongWolfeStep eps = max.minus(min).times(0.1);
            if (StrongWolfeStep.min(max.minus(t), t.minus(min)).lessThan(eps)) {
                if (insufficientProgress || max.lessOrEqual(t) || t.lessOrEqual(min)) {
                    t = t.minus(max).abs().lessThan(t.minus(min).abs()) ? max.minus(eps) : min.plus(eps);
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }
            trial = phi.at(t);
            fNew = trial.f();
            gNew = trial.g();
            gtdNew = LBFGS.dot(gNew, d);
            evaluations++;
            lsIter++;
            if (fNew > armijo(f, t, gtd) || fNew >= bracketF[low]) {
                // sufficient decrease fails, or no lower than the low end: t is the new high end
                bracket[high] = t;
                bracketF[high] = fNew;
                bracketG[high] = gNew;
                bracketGtd[high] = gtdNew;
                low = bracketF[0] <= bracketF[1] ? 0 : 1;
                high = 1 - low;
            } else {
                if (Math.abs(gtdNew) <= (float) -C2 * gtd) {
                    done = true;   // the strong Wolfe conditions hold
                } else if (gtdNew * bracket[high].minus(bracket[low]).asFloat() >= 0) {
                    bracket[high] = bracket[low];   // the old high end becomes the new low end
                    bracketF[high] = bracketF[low];
                    bracketG[high] = bracketG[low];
                    bracketGtd[high] = bracketGtd[low];
                }
                bracket[low] = t;   // t is the new low end
                bracketF[low] = fNew;
                bracketG[low] = gNew;
                bracketGtd[low] = gtdNew;
            }
        }
        return new Result(bracket[low], bracketF[low], bracketG[low], evaluations);
    }

    /** The right side of the sufficient-decrease condition, f + c1·t·gtd, a float32 tensor in PyTorch. */
    private static float armijo(double f, StrongWolfeStep t, float gtd) {
        return (float) f + t.times(C1).timesTensor(gtd);
    }

    /**
     * The minimiser of the cubic through (x1, f1) and (x2, f2) with slopes g1 and g2, clamped to
     * [lo, hi] (by default the interval between x1 and x2); the middle of [lo, hi] when the cubic
     * has no minimiser. Nocedal and Wright, equation 3.59:
     * d1 = g1 + g2 − 3·(f1 − f2)/(x1 − x2),  d2 = √(d1² − g1·g2),
     * x = x2 − (x2 − x1)·(g2 + d2 − d1)/(g2 − g1 + 2·d2).
     */
    static StrongWolfeStep cubicInterpolate(StrongWolfeStep x1, double f1, float g1, StrongWolfeStep x2, double f2, float g2,
                                       StrongWolfeStep lo, StrongWolfeStep hi) {
        if (lo == null) {
            boolean ordered = x1.lessOrEqual(x2);
            lo = ordered ? x1 : x2;
            hi = ordered ? x2 : x1;
        }
        float d1 = g1 + g2 - quotient(3 * (f1 - f2), x1.minus(x2));
        float d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            float d2 = (float) Math.sqrt(d2Square);
            float minPos = x1.lessOrEqual(x2)
                    ? x2.asFloat() - x2.minus(x1).timesTensor((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1.asFloat() - x1.minus(x2).timesTensor((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return StrongWolfeStep.min(StrongWolfeStep.max(StrongWolfeStep.ofFloat(minPos), lo), hi);
        }
        return lo.plus(hi).half();
    }

    /** {@code a / b} for a Python float a, rounded to float32; PyTorch divides by a tensor as {@code b.reciprocal() * a}. */
    private static float quotient(double a, StrongWolfeStep b) {
        return b.float32() ? (1f / b.asFloat()) * (float) a : (float) (a / b.value());
    }
}
