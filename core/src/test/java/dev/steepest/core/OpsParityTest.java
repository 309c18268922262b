package dev.steepest.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steepest.core.testing.Fixtures;
import dev.steepest.core.testing.TensorAssert;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every differentiable op against PyTorch: the fixture {@code core_ops.json}
 * ({@code scripts/fixtures/core_ops.py}) holds fixed inputs, PyTorch's output, a fixed weight
 * {@code w} and the gradients of {@code sum(out * w)}; each case is replayed through the same op
 * here and compared element by element.
 */
class OpsParityTest {

    /** Float32 rounding of a few multiply-adds: ulps of the result. */
    static final double RTOL = 1e-5, ATOL = 1e-6;

    static Stream<Fixtures.Case> cases() {
        return Fixtures.load("/fixtures/core_ops.json").cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardAndGradientsMatchPyTorch(Fixtures.Case c) {
        Tensor[] inputs = inputs(c);
        boolean differentiable = !c.string("op").startsWith("argmax");
        for (Tensor x : inputs) x.requiresGrad(differentiable);
        Tensor out = op(c).apply(inputs);
        TensorAssert.assertClose(c.tensor("out"), out, RTOL, atol(c), c.name() + " forward");
        if (!differentiable) {
            return;
        }
        assertEquals(true, out.requiresGrad(), c.name() + ": the result of a recorded op requires grad");
        // the gradient of Σ out·w, as the script computes it
        out.mul(c.tensor("w")).sum().backward();
        for (int i = 0; i < inputs.length; i++) {
            TensorAssert.assertClose(c.tensor("g" + i), inputs[i].grad(), RTOL, atol(c), c.name() + " gradient of input " + i);
        }
    }

    /**
     * sum_big adds 1000 values of order 10: PyTorch sums float32 in a different order, so its result
     * carries rounding of order 1e-4 absolute; the other cases stay at the default.
     */
    private static double atol(Fixtures.Case c) {
        return c.name().equals("sum_big") ? 1e-3 : ATOL;
    }

    static Tensor[] inputs(Fixtures.Case c) {
        int n = (int) c.number("n");
        Tensor[] inputs = new Tensor[n];
        for (int i = 0; i < n; i++) inputs[i] = c.tensor("x" + i);
        return inputs;
    }

    /** The op a case names, with its parameters, as a function of its inputs. */
    static Function<Tensor[], Tensor> op(Fixtures.Case c) {
        String op = c.string("op");
        switch (op) {
            case "add": return x -> x[0].add(x[1]);
            case "sub": return x -> x[0].sub(x[1]);
            case "mul": return x -> x[0].mul(x[1]);
            case "div": return x -> x[0].div(x[1]);
            case "maximum": return x -> x[0].maximum(x[1]);
            case "add_s": return x -> x[0].add(f(c, "s"));
            case "sub_s": return x -> x[0].sub(f(c, "s"));
            case "mul_s": return x -> x[0].mul(f(c, "s"));
            case "div_s": return x -> x[0].div(f(c, "s"));
            case "neg": return x -> x[0].neg();
            case "square": return x -> x[0].square();
            case "exp": return x -> x[0].exp();
            case "log": return x -> x[0].log();
            case "sqrt": return x -> x[0].sqrt();
            case "abs": return x -> x[0].abs();
            case "relu": return x -> x[0].relu();
            case "sigmoid": return x -> x[0].sigmoid();
            case "tanh": return x -> x[0].tanh();
            case "pow": return x -> x[0].pow(f(c, "p"));
            case "clamp": return x -> x[0].clamp(f(c, "lo"), f(c, "hi"));
            case "sum": return x -> x[0].sum();
            case "mean": return x -> x[0].mean();
            case "max": return x -> x[0].max();
            case "min": return x -> x[0].min();
            case "norm": return x -> x[0].norm();
            case "sum_dim": return x -> x[0].sum(i(c, "dim"), c.bool("keepdim"));
            case "mean_dim": return x -> x[0].mean(i(c, "dim"), c.bool("keepdim"));
            case "max_dim": return x -> x[0].max(i(c, "dim"), c.bool("keepdim"));
            case "argmax": return x -> x[0].argmax();
            case "argmax_dim": return x -> x[0].argmax(i(c, "dim"), c.bool("keepdim"));
            case "matmul": return x -> x[0].matmul(x[1]);
            case "linear": return x -> x[0].linear(x[1], x.length > 2 ? x[2] : null);
            case "add_alpha": return x -> x[0].add(x[1], f(c, "alpha"));
            case "t": return x -> x[0].t();
            case "reshape": return x -> x[0].reshape(c.ints("shape"));
            case "view": return x -> x[0].view(c.ints("shape"));
            case "transpose": return x -> x[0].transpose(i(c, "d0"), i(c, "d1"));
            case "permute": return x -> x[0].permute(c.ints("dims"));
            case "flatten": return x -> x[0].flatten(i(c, "start"), i(c, "end"));
            case "squeeze": return x -> x[0].squeeze();
            case "squeeze_dim": return x -> x[0].squeeze(i(c, "dim"));
            case "unsqueeze": return x -> x[0].unsqueeze(i(c, "dim"));
            case "cat": return x -> Tensor.cat(List.of(x), i(c, "dim"));
            case "stack": return x -> Tensor.stack(List.of(x), i(c, "dim"));
            case "select": return x -> x[0].select(i(c, "dim"), i(c, "index"));
            case "narrow": return x -> x[0].narrow(i(c, "dim"), i(c, "start"), i(c, "length"));
            case "softmax": return x -> x[0].softmax(i(c, "dim"));
            case "log_softmax": return x -> x[0].logSoftmax(i(c, "dim"));
            case "conv2d": return x -> x[0].conv2d(x[1], x.length > 2 ? x[2] : null, i(c, "stride"), i(c, "padding"));
            case "max_pool2d": return x -> x[0].maxPool2d(i(c, "kernel"), i(c, "stride"), i(c, "padding"));
            case "avg_pool2d": return x -> x[0].avgPool2d(i(c, "kernel"), i(c, "stride"), i(c, "padding"));
            default: throw new IllegalArgumentException("no Java op for fixture op '" + op + "' in case " + c.name()
                    + "; known cases come from scripts/fixtures/core_ops.py");
        }
    }

    private static float f(Fixtures.Case c, String key) {
        Object v = c.raw(key);
        // json.dump writes math.inf as Infinity, which the reader does not take: clamp_inf_max spells it out
        return v instanceof String ? Float.parseFloat((String) v) : (float) c.number(key);
    }

    private static int i(Fixtures.Case c, String key) {
        return (int) c.number(key);
    }

    /** Guards the fixture itself: every op of the list in the script is present. */
    @org.junit.jupiter.api.Test
    void fixtureCoversEveryDifferentiableOp() {
        List<String> ops = cases().map(c -> c.string("op")).distinct().sorted().toList();
        for (String required : Arrays.asList("add", "sub", "mul", "div", "maximum", "pow", "exp", "log", "sqrt", "abs", "clamp",
                "relu", "sigmoid", "tanh", "sum", "sum_dim", "mean", "mean_dim", "max", "max_dim", "min", "norm", "matmul", "linear", "add_alpha", "reshape",
                "view", "transpose", "permute", "flatten", "squeeze", "squeeze_dim", "unsqueeze", "cat", "stack", "select", "narrow",
                "softmax", "log_softmax", "conv2d", "max_pool2d", "avg_pool2d", "argmax", "argmax_dim")) {
            assertEquals(true, ops.contains(required), "core_ops.json has no case for " + required + "; it has " + ops);
        }
    }
}
