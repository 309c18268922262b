package dev.steepest.nn;

import dev.steepest.core.DType;
import dev.steepest.core.Tensor;
import dev.steepest.core.kernels.Kernels;

/**
 * Batch normalisation over the channel dimension 1 of a [N, C, …] input, the shared body of
 * {@link BatchNorm1d} and {@link BatchNorm2d} (PyTorch's {@code _BatchNorm}):
 * y = (x − mean) / sqrt(var + eps) · weight + bias, per channel.
 *
 * <p>In training mode mean and (biased) var come from the batch, and the running statistics are
 * updated with momentum: running = (1 − momentum)·running + momentum·batch, where the running
 * variance takes the unbiased batch variance (divided by n − 1), as PyTorch does. In evaluation mode
 * the running statistics are used. Statistics are accumulated in double precision, as PyTorch's CPU
 * kernel does. Buffers: {@code running_mean}, {@code running_var}, {@code num_batches_tracked}.
 */
public abstract class BatchNorm extends Module {

    private final int numFeatures;
    private final double eps;
    private final double momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    /** Sets up the per-feature weight, bias and running statistics, with PyTorch's meaning of each argument. */
    protected BatchNorm(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        String op = getClass().getSimpleName();
        if (numFeatures < 1) {
            throw new IllegalArgumentException(op + ": numFeatures must be at least 1, got " + numFeatures);
        }
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(op + ": eps must be positive and momentum in [0, 1], got eps " + eps + ", momentum " + momentum);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? registerParameter("weight", Tensor.ones(numFeatures)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.zeros(numFeatures)) : null;
        this.runningMean = trackRunningStats ? registerBuffer("running_mean", Tensor.zeros(numFeatures)) : null;
        this.runningVar = trackRunningStats ? registerBuffer("running_var", Tensor.ones(numFeatures)) : null;
        this.numBatchesTracked = trackRunningStats ? registerBuffer("num_batches_tracked", Tensor.zeros(DType.INT64)) : null;
    }

    /** Checks the input's rank; the message names the layer and what it expects. */
    protected abstract void checkInput(Tensor input);

    /** @return the learned scale γ (null without affine) */
    public Tensor weight() { return weight; }
    /** @return the learned shift β (null without affine) */
    public Tensor bias() { return bias; }
    /** @return the running mean used in eval mode (null without trackRunningStats) */
    public Tensor runningMean() { return runningMean; }
    /** @return the running variance used in eval mode (null without trackRunningStats) */
    public Tensor runningVar() { return runningVar; }

    @Override
    public Tensor forward(Tensor input) {
        checkInput(input);
        int[] s = input.shape();
        if (s[1] != numFeatures) {
            throw new IllegalArgumentException(name() + ": expects " + numFeatures + " channels in dimension 1, got shape " + java.util.Arrays.toString(s));
        }
        int n = s[0], c = s[1], inner = input.numel() / Math.max(1, n * c);
        int count = n * inner;
        boolean useBatch = isTraining() || runningMean == null;
        if (isTraining() && count <= 1) {
            throw new IllegalArgumentException(name() + ": expected more than 1 value per channel when training, got input of shape "
                    + java.util.Arrays.toString(s));
        }
        float[] x = input.contiguous().rawData();
        double[] mean = new double[c], invStd = new double[c];
        // each channel alone, so the channels are shared out over the kernels' threads (Kernels.parallelFor)
        Kernels.parallelFor(c, 2L * count, ch -> {
            if (useBatch) {
                double sum = 0;
                for (int b = 0; b < n; b++) for (int i = 0; i < inner; i++) sum += x[(b * c + ch) * inner + i];
                double m = sum / count, sq = 0;
                for (int b = 0; b < n; b++) for (int i = 0; i < inner; i++) {
                    double d = x[(b * c + ch) * inner + i] - m;
                    sq += d * d;
                }
                mean[ch] = m;
                invStd[ch] = 1 / Math.sqrt(sq / count + eps);
                if (isTraining() && runningMean != null) updateRunning(ch, m, sq / (count - 1));
            } else {
                mean[ch] = runningMean.rawData()[ch];
                invStd[ch] = 1 / Math.sqrt(runningVar.rawData()[ch] + eps);
            }
        });
        if (isTraining() && runningMean != null) {
            numBatchesTracked.rawLongs()[0]++;
            runningMean.markModified();
            runningVar.markModified();
            numBatchesTracked.markModified();
        }
        // y = (x − mean)·invStd·γ + β, computed as PyTorch's CPU kernel does: y = x·α + β' with
        // α = invStd·γ and β' = β − mean·α per channel. xHat is not kept: backward works from x, which
        // the graph holds anyway. Written straight into the result's storage (Tensor.of would copy).
        Tensor out = Tensor.empty(s);     // every element written below
        float[] y = out.rawData();
        Kernels.parallelFor(c, count, ch -> {
            double gamma = weight == null ? 1 : weight.rawData()[ch], beta = bias == null ? 0 : bias.rawData()[ch];
            float alpha = (float) (invStd[ch] * gamma), shift = (float) (beta - mean[ch] * invStd[ch] * gamma);
            for (int b = 0; b < n; b++) for (int j = (b * c + ch) * inner, end = j + inner; j < end; j++) {
                y[j] = x[j] * alpha + shift;
            }
        });
        Tensor[] inputs = weight == null ? new Tensor[] {input} : new Tensor[] {input, weight, bias};
        // the rule reads x and γ, not β: saving β too made a later bias.add_(…) under noGrad a version error
        Tensor[] saved = weight == null ? new Tensor[] {input} : new Tensor[] {input, weight};
        return Tensor.record("NativeBatchNormBackward", out, inputs, saved, grad -> {
            // dx in g's own storage when nothing else holds g (each element of g is read before it is overwritten)
            float[] g = grad.rawData(), dw = new float[c], db = new float[c], dx = Tensor.overwritable(grad);
            Kernels.parallelFor(c, 3L * count, ch -> {
                double gamma = weight == null ? 1 : weight.rawData()[ch], sumG = 0, sumGx = 0;
                float m = (float) mean[ch];
                for (int b = 0; b < n; b++) for (int j = (b * c + ch) * inner, end = j + inner; j < end; j++) {
                    sumG += g[j];
                    sumGx += g[j] * (x[j] - m);
                }
                double sumGxHat = sumGx * invStd[ch];
                db[ch] = (float) sumG;          // dy/dbias = 1
                dw[ch] = (float) sumGxHat;      // dy/dweight = xHat
                // batch statistics: dx = γ·invStd·(g − mean(g) − xHat·mean(g·xHat)); running: dx = γ·invStd·g
                float scale = (float) (gamma * invStd[ch]);
                float meanG = useBatch ? (float) (sumG / count) : 0f;
                float k = useBatch ? (float) (sumGxHat * invStd[ch] / count) : 0f;      // mean(g·xHat)·invStd
                for (int b = 0; b < n; b++) for (int j = (b * c + ch) * inner, end = j + inner; j < end; j++) {
                    dx[j] = (g[j] - meanG - (x[j] - m) * k) * scale;
                }
            });
            Tensor gx = Tensor.freshGradient(dx, s);
            return weight == null ? new Tensor[] {gx} : new Tensor[] {gx, Tensor.of(dw, numFeatures), Tensor.of(db, numFeatures)};
        }, grad -> gradients(input, grad, useBatch, mean, invStd));
    }

    /**
     * The same rule in recorded ops, on x and g read as [N, C, inner], so that the gradients can be
     * differentiated again: with batch statistics they are recomputed from x (in float) and
     * differentiated through; with the running ones, mean and invStd are constants.
     */
    private Tensor[] gradients(Tensor input, Tensor grad, boolean useBatch, double[] mean, double[] invStd) {
        int[] s = input.shape();
        int n = s[0], c = s[1], inner = input.numel() / Math.max(1, n * c);
        Tensor x = input.reshape(n, c, inner), g = grad.reshape(n, c, inner);
        Tensor centred, rstd;
        if (useBatch) {
            centred = x.sub(channelMean(x));
            rstd = channelMean(centred.pow(2f)).add((float) eps).pow(-0.5f);
        } else {
            centred = x.sub(perChannel(mean));
            rstd = perChannel(invStd);
        }
        Tensor xHat = centred.mul(rstd);
        Tensor gHat = weight == null ? g : g.mul(weight.reshape(1, c, 1));
        // batch statistics: dx = γ·invStd·(g − mean(g) − xHat·mean(g·xHat)); running: dx = γ·invStd·g
        Tensor dx = (useBatch ? gHat.sub(channelMean(gHat)).sub(xHat.mul(channelMean(gHat.mul(xHat)))) : gHat).mul(rstd).reshape(s);
        if (weight == null) return new Tensor[] {dx};
        return new Tensor[] {dx, g.mul(xHat).sum(2).sum(0), g.sum(2).sum(0)};   // dy/dweight = xHat, dy/dbias = 1
    }

    /** The mean of each channel of t [N, C, inner], as [1, C, 1]. */
    private static Tensor channelMean(Tensor t) {
        return t.mean(2, true).mean(0, true);
    }

    /** Per-channel numbers as a constant [1, C, 1]. */
    private static Tensor perChannel(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) v[i];
        return Tensor.of(f, 1, v.length, 1);
    }

    private void updateRunning(int ch, double batchMean, double unbiasedVar) {
        float[] rm = runningMean.rawData(), rv = runningVar.rawData();   // buffers: never part of the graph
        rm[ch] = (float) ((1 - momentum) * rm[ch] + momentum * batchMean);
        rv[ch] = (float) ((1 - momentum) * rv[ch] + momentum * unbiasedVar);
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + Repr.py(eps) + ", momentum=" + Repr.py(momentum) + ", affine=" + Repr.py(weight != null)
                + ", track_running_stats=" + Repr.py(runningMean != null);
    }
}
