package dev.steepest.optim.plugins;

import dev.steepest.core.Autograd;
import dev.steepest.core.Curvature;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Options;
import dev.steepest.optim.ParamGroup;
import dev.steepest.optim.ParamState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AdaHessian: Adam with the squared gradient replaced by the squared diagonal of the Hessian,
 * estimated at every step by Hutchinson's method from one Hessian-vector product. It reads
 * curvature, so it {@linkplain #needsGraph() needs the loss's graph}.
 *
 * <pre>
 * t ← t + 1
 * g ← ∇f(p)                                  (made with its graph: loss.backward(true))
 * z ← a Rademacher vector                    (each element ±1 with probability ½)
 * D ← |z ⊙ Hz| = |Hz|                        (Hutchinson's estimate of diag H; a 4-d kernel averages
 *                                             it over its last two dimensions, the spatial average)
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·D²
 * mHat ← m / (1 − β₁ᵗ)
 * vHatᵏᐟ² ← (√v)ᵏ / (√(1 − β₂ᵗ))ᵏ            (k the Hessian power)
 * p ← p − lr·(mHat / (vHatᵏᐟ² + ε) + λ·p)    (weight_decay λ, decoupled as in AdamW)
 * </pre>
 *
 * Yao, Gholami, Shen, Mustafa, Keutzer and Mahoney, ADAHESSIAN: An Adaptive Second Order Optimizer
 * for Machine Learning, AAAI 2021, arXiv:2006.00719. Defaults and the order of operations are the
 * authors' PyTorch code (github.com/amirgholami/adahessian, image_classification/optim_adahessian.py
 * at 85ebc00): lr 0.15, betas (0.9, 0.999), eps 1e-4, weight_decay 0, hessian_power 1.
 *
 * <p>Note: the authors draw z from PyTorch's global generator; here the draws of step t come from
 * {@code new Generator(seed + t)} in parameter order (torch's {@code manual_seed(seed + t)}), so a run
 * is reproducible and resumes exactly. Like the authors' code, a 3-d parameter gets no spatial average.
 */
public final class AdaHessian extends Optimizer {

    public AdaHessian(List<?> params, Options options) {
        super(params, options.resolve(new AdaHessianProvider()));
    }

    @Override
    public boolean needsGraph() {
        return true;
    }

    /** Buffers a step can never make negative; a saved state with a negative one is refused. */
    @Override
    protected Map<String, String> nonNegativeState() {
        return Map.of("exp_hessian_diag_sq", "a running average of the squared Hessian diagonal",
                "hessian_diag", "|Hz|, the last estimate of the Hessian's diagonal");
    }

    @Override
    public void step() {
        List<SecondOrder.Slot> slots = SecondOrder.withGradients(this);
        if (slots.isEmpty()) {
            return;
        }
        // z, drawn for every parameter first, then one Hessian-vector product through the graph.
        long t = state(slots.get(0).p()).step() + 1;
        Generator generator = SecondOrder.draws(slots.get(0).group().getInt("seed"), t);
        List<Tensor> z = new ArrayList<>();
        for (SecondOrder.Slot s : slots) z.add(Curvature.rademacher(generator, s.p().shape()));
        List<Tensor> hz = SecondOrder.hessianTimes(slots, z);
        try (var off = Autograd.noGrad()) {
            for (int i = 0; i < slots.size(); i++) {
                Tensor p = slots.get(i).p();
                ParamGroup group = slots.get(i).group();
                float lr = (float) group.lr();
                double beta1 = group.getDouble("beta1");
                double beta2 = group.getDouble("beta2");
                float eps = (float) group.getDouble("eps");
                float lambda = (float) group.getDouble("weight_decay");
                float k = (float) group.getDouble("hessian_power");
                ParamState state = state(p);
                Tensor m = state.tensor("exp_avg", () -> Tensor.zerosLike(p));
                Tensor v = state.tensor("exp_hessian_diag_sq", () -> Tensor.zerosLike(p));
                long step = state.incrementStep();
                Tensor g = p.grad().detach();
                Tensor d = spatialAverage(hz.get(i).abs());                              // D ← |Hz|
                state.put("hessian_diag", d);
                m.mul_((float) beta1).add_(g, (float) (1 - beta1));                      // m ← β₁·m + (1 − β₁)·g
                v.mul_((float) beta2).addcmul_(d, d, (float) (1 - beta2));               // v ← β₂·v + (1 − β₂)·D²
                double bias1 = 1 - Math.pow(beta1, step);
                double bias2 = 1 - Math.pow(beta2, step);
                Tensor mHat = m.div((float) bias1);                                      // mHat ← m / (1 − β₁ᵗ)
                Tensor denom = v.sqrt().pow(k).div((float) Math.pow(Math.sqrt(bias2), k)).add(eps);   // vHatᵏᐟ² + ε
                p.copy_(p.sub(mHat.div(denom).add(p.mul(lambda)).mul(lr)));               // p ← p − lr·(mHat / denom + λ·p)
            }
        }
    }

    /** The authors' spatial average: a 4-d (convolution) kernel's |Hz| averaged over its last two dimensions. */
    private static Tensor spatialAverage(Tensor d) {
        if (d.dim() != 4) {
            return d;
        }
        return d.mean(3, true).mean(2, true).mul(Tensor.onesLike(d));
    }
}
