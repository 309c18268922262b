package dev.steepest.coursework.exercise;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The exercises an assignment can name, each with what the checks need: an op's inputs and the name its backward
 * is recorded under, a module's sizes and parameters, an environment's sizes and start states. The reference values
 * are PyTorch 1.13's and Gymnasium's, written by {@code scripts/fixtures/coursework_exercises.py} into this package's
 * resources ({@link References}).
 */
public final class Catalog {
    private Catalog() {
    }

    /**
     * An op: its name, the name of its recorded backward, its rule in words, and the inputs a gradient check draws.
     *
     * @param draw random inputs for the gradient check, away from kinks and ties
     */
    public record OpSpec(String name, String gradFn, String rule, Function<Generator, Tensor[]> draw) {
    }

    /**
     * A module: its sizes under PyTorch's argument names, its parameters (name and shape, in PyTorch's order), its
     * inputs' and outputs' names, and the bound of PyTorch's uniform initialisation, U(−bound, bound).
     */
    public record ModuleSpec(String name, Map<String, Integer> sizes, Map<String, int[]> parameters, List<String> inputs, List<String> outputs,
                         float initBound, Function<Generator, Tensor[]> draw) {
    }

    /**
     * An environment: its sizes, its time limit, and where Gymnasium draws the start state.
     *
     * @param startLow,startHigh the range of each number of the state at reset
     */
    public record EnvironmentSpec(String name, String gymnasium, int observationSize, int actionCount, int timeLimit, double[] startLow,
                              double[] startHigh) {
    }

    /** The ops: softplus (autoencoders' σ), logsumexp (a stable softmax's normaliser), max over points (PointNet's pool). */
    public static final Map<String, OpSpec> OPS = byName(List.of(
            new OpSpec("softplus", "SoftplusBackward", "softplus(x) = log(1 + eˣ); d/dx = sigmoid(x)",
                    g -> new Tensor[] {uniform(g, -3, 3, 2, 3)}),
            new OpSpec("logsumexp", "LogsumexpBackward", "logsumexp over the last dimension; d/dxᵢ = softmax(x)ᵢ",
                    g -> new Tensor[] {uniform(g, -2, 2, 2, 4)}),
            new OpSpec("max-over-points", "MaxOverPointsBackward",
                    "x of shape [batch, points, features] to its maximum over the points, [batch, features]; the gradient goes to the "
                            + "point that was the maximum",
                    g -> new Tensor[] {spread(g, 2, 5, 3)})), OpSpec::name);

    /** The modules: an LSTM cell (the sequences chapter) and one causal self-attention head (its transformer). */
    public static final Map<String, ModuleSpec> MODULES = byName(List.of(
            new ModuleSpec("lstm-cell", sizes("input_size", 3, "hidden_size", 4),
                    shapes("weight_ih", new int[] {16, 3}, "weight_hh", new int[] {16, 4}, "bias_ih", new int[] {16}, "bias_hh", new int[] {16}),
                    List.of("x [2, 3]", "h [2, 4]", "c [2, 4]"), List.of("h' [2, 4]", "c' [2, 4]"), 0.5f,
                    g -> new Tensor[] {normal(g, 2, 3), normal(g, 2, 4), normal(g, 2, 4)}),
            new ModuleSpec("attention-head", sizes("embed_dim", 4, "head_size", 3),
                    shapes("key.weight", new int[] {3, 4}, "query.weight", new int[] {3, 4}, "value.weight", new int[] {3, 4}),
                    List.of("x [2, 5, 4]"), List.of("out [2, 5, 3]"), 0.5f, g -> new Tensor[] {normal(g, 2, 5, 4)})), ModuleSpec::name);

    /** The environments: MountainCar-v0 and Acrobot-v1 from Gymnasium's classic control. */
    public static final Map<String, EnvironmentSpec> ENVIRONMENTS = byName(List.of(
            new EnvironmentSpec("mountaincar", "MountainCar-v0", 2, 3, 200, new double[] {-0.6, 0}, new double[] {-0.4, 0}),
            new EnvironmentSpec("acrobot", "Acrobot-v1", 6, 3, 500, new double[] {-0.1, -0.1, -0.1, -0.1}, new double[] {0.1, 0.1, 0.1, 0.1})),
            EnvironmentSpec::name);

    /** @return every name of the kind, for a message */
    public static Set<String> names(Map<String, ?> kind) {
        return new TreeSet<>(kind.keySet());
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        Map<String, T> m = new LinkedHashMap<>();
        for (T t : items) m.put(name.apply(t), t);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, Integer> sizes(String k1, int v1, String k2, int v2) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, int[]> shapes(Object... nameThenShape) {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenShape.length; i += 2) m.put((String) nameThenShape[i], (int[]) nameThenShape[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }

    static Tensor uniform(Generator g, float low, float high, int... shape) {
        float[] v = new float[numel(shape)];
        g.fillUniform(v, low, high);
        return Tensor.of(v, shape);
    }

    static Tensor normal(Generator g, int... shape) {
        float[] v = new float[numel(shape)];
        g.fillNormal(v, 0, 1);
        return Tensor.of(v, shape);
    }

    /** Distinct values 0.1 apart, shuffled: no two within a gradient check's step of each other. */
    static Tensor spread(Generator g, int... shape) {
        int n = numel(shape);
        int[] order = g.randperm(n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = 0.1f * order[i] - 0.05f * n;
        return Tensor.of(v, shape);
    }

    static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }
}
