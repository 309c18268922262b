package dev.steepest.optim;

import dev.steepest.core.Autograd;
import dev.steepest.core.PythonRepr;
import dev.steepest.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The base class of every optimizer, with {@code torch.optim.Optimizer}'s contract: parameters (or
 * {@link ParamGroup}s) plus defaults; each group's options override the defaults; per-parameter
 * {@link ParamState}; {@link #zeroGrad()}; the plugin's {@link #step()}; {@link #step(Closure)};
 * {@link #stateDict()} and {@link #loadStateDict}.
 *
 * <p>A plugin writes the constructor and {@code step()}. Its step reads like the seed's SimpleGD:
 *
 * <pre>{@code
 * public void step() {
 *     try (var off = Autograd.noGrad()) {
 *         for (ParamGroup group : paramGroups()) {
 *             float lr = (float) group.lr();         // read at every step: schedulers change it
 *             for (Tensor p : group.params()) {
 *                 if (p.grad() == null) continue;    // a parameter with no gradient is skipped
 *                 p.add_(p.grad().mul(-lr));         // p ← p − lr·g
 *             }
 *         }
 *     }
 * }
 * }</pre>
 */
public abstract class Optimizer {

    private final Map<String, Object> defaults;
    private final List<ParamGroup> groups = new ArrayList<>();
    private final Map<Tensor, ParamState> state = new IdentityHashMap<>();
    private final Map<Tensor, Boolean> members = new IdentityHashMap<>();
    /** The provider's name and hyperparameters when created with resolved {@link Options}; else null. */
    private final String providedName;
    private final List<Hyperparameter> declared;

    /**
     * @param params   the tensors to optimize, or a list of {@link ParamGroup}s (as PyTorch's
     *                 {@code params} argument); the tensors are modified in place by step()
     * @param defaults the options of every group that does not set its own (lr, momentum, …)
     */
    protected Optimizer(List<?> params, Map<String, Object> defaults) {
        this(params, defaults, null, null);
    }

    private Optimizer(List<?> params, Map<String, Object> defaults, String providedName, List<Hyperparameter> declared) {
        this.providedName = providedName;
        this.declared = declared;
        if (defaults == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": defaults is null; pass a map of options such as lr");
        }
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": got an empty parameter list; pass the tensors to optimize "
                    + "(e.g. model.parameters()) or a list of ParamGroups");
        }
        this.defaults = Collections.unmodifiableMap(new TreeMap<>(defaults));
        if (params.stream().allMatch(p -> p instanceof Tensor)) {
            List<Tensor> tensors = new ArrayList<>();
            for (Object p : params) tensors.add((Tensor) p);
            addParamGroup(new ParamGroup(tensors));
        } else if (params.stream().allMatch(p -> p instanceof ParamGroup)) {
            for (Object g : params) addParamGroup((ParamGroup) g);
        } else {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": params must be all Tensors or all ParamGroups, got "
                    + params.stream().map(p -> p == null ? "null" : p.getClass().getSimpleName()).distinct().toList());
        }
    }

    /**
     * The same with {@link Options}. Resolved options ({@code options.resolve(new MineProvider())})
     * carry the provider's name, which becomes this optimizer's {@link #name()}, and its
     * hyperparameters, against which every group's options are checked.
     */
    protected Optimizer(List<?> params, Options defaults) {
        this(params, defaults == null ? null : defaults.asMap(), defaults == null ? null : defaults.optimizer(),
                defaults == null ? null : defaults.declared());
    }

    /**
     * The optimizer's name: its provider's, when it was created with resolved {@link Options};
     * otherwise its class's simple name in lower case ({@code Adam} → {@code adam}).
     */
    public String name() {
        return providedName != null ? providedName : getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** The options every new group starts from (read-only). */
    public Map<String, Object> defaults() {
        return defaults;
    }

    /** The groups, in order (the list is read-only; each group's options can be changed). */
    public List<ParamGroup> paramGroups() {
        return Collections.unmodifiableList(groups);
    }

    /**
     * Adds a group of parameters; options it does not set are taken from the defaults. Rejects a
     * parameter that is already in a group and a tensor that is not a leaf.
     */
    public void addParamGroup(ParamGroup group) {
        if (group == null) {
            throw new IllegalArgumentException(name() + ".addParamGroup: the group is null");
        }
        if (group.params().isEmpty()) {
            throw new IllegalArgumentException(name() + ".addParamGroup: the group has no parameters");
        }
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        for (int i = 0; i < group.params().size(); i++) {
            Tensor p = group.params().get(i);
            if (!p.isLeaf()) {
                throw new IllegalArgumentException(name() + ".addParamGroup: parameter " + i + " of the group was made by "
                        + p.gradFn() + " and is not a leaf; an optimizer can only update tensors you created "
                        + "(use the leaf itself, or detach() and requiresGrad(true))");
            }
            if (members.containsKey(p) || seen.put(p, Boolean.TRUE) != null) {
                throw new IllegalArgumentException(name() + ".addParamGroup: parameter " + i + " of the group (shape "
                        + Arrays.toString(p.shape()) + ") is already in " + (members.containsKey(p) ? "another group" : "this group")
                        + "; a parameter may appear in only one group");
            }
        }
        for (Map.Entry<String, Object> e : defaults.entrySet()) {
            if (!group.has(e.getKey())) {
                group.set(e.getKey(), e.getValue());
            }
        }
        if (declared != null) {
            group.bind(name(), declared);
        }
        if (group.has("lr") && !(group.get("lr") instanceof Number && group.lr() >= 0)) {
            throw new IllegalArgumentException(name() + ".addParamGroup: lr must be a number in [0, inf), got " + group.get("lr"));
        }
        for (Tensor p : group.params()) members.put(p, Boolean.TRUE);
        groups.add(group);
    }

    /** Sets the gradient of every parameter to null (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public void zeroGrad() {
        for (ParamGroup g : groups) {
            for (Tensor p : g.params()) p.setGrad(null);
        }
    }

    /**
     * The plugin's update of every parameter whose gradient is not null, done inside
     * {@link Autograd#noGrad()}, reading each group's options (lr first of all) at every call.
     */
    public abstract void step();

    /**
     * Re-evaluates the loss with {@code closure} (recording on), then steps; returns the loss.
     * Optimizers that need the loss several times per step (L-BFGS) override this. Every example's
     * loop calls this, as PyTorch's {@code optimizer.step(closure)}, so any optimizer fits it.
     */
    public float step(Closure closure) {
        if (closure == null) {
            throw new IllegalArgumentException(name() + ".step(closure): the closure is null; call step() to update "
                    + "with the gradients already computed");
        }
        float loss = evaluate(closure);
        step();
        return loss;
    }

    /**
     * False if this optimizer takes only the one group it was created with (PyTorch's L-BFGS);
     * {@link #addParamGroup} then throws, and the conformance kit reports its per-group check as
     * skipped for this reason. Every other optimizer must accept more groups.
     */
    public boolean supportsParamGroups() {
        return true;
    }

    /** True if this optimizer can only step with a closure (L-BFGS); {@link #step()} then throws. */
    public boolean requiresClosure() {
        return false;
    }

    /**
     * True if this optimizer reads the loss's curvature through its gradients' graph (Newton,
     * AdaHessian, Sophia): the gradients it steps with must then be made by
     * {@code loss.backward(true)}, PyTorch's {@code loss.backward(create_graph=True)}, so that
     * {@code step()} can take Hessian-vector products with {@link Autograd#grad}. The one place a
     * plugin declares it; every loop honours it with {@link #backward(Tensor)} in its closure:
     *
     * <pre>{@code
     * optimizer.step(() -> {
     *     optimizer.zeroGrad();
     *     Tensor loss = f(x);
     *     optimizer.backward(loss);   // loss.backward(), keeping the graph when the optimizer needs it
     *     return loss;
     * });
     * }</pre>
     *
     * False by default: a plugin built before this method existed keeps stepping on plain gradients.
     */
    public boolean needsGraph() {
        return false;
    }

    /**
     * Computes the gradients of {@code loss} into the parameters' {@code grad()}, as
     * {@code loss.backward()}, with the graph of the gradients kept when {@link #needsGraph()}
     * ({@code loss.backward(true)}). The call every closure makes instead of {@code loss.backward()},
     * so that one loop serves first- and second-order optimizers.
     *
     * @param loss a one-element tensor recorded with recording on (not modified)
     */
    public void backward(Tensor loss) {
        if (loss == null) {
            throw new IllegalArgumentException(name() + ".backward: the loss is null; pass the loss tensor the closure computed");
        }
        loss.backward(needsGraph());
    }

    /** Calls {@code closure} with recording on and returns its loss as a number. */
    protected final float evaluate(Closure closure) {
        Tensor loss;
        try (var on = Autograd.enableGrad()) {
            loss = closure.evaluate();
        }
        if (loss == null) {
            throw new IllegalStateException(name() + ".step(closure): the closure returned null; it must return the loss tensor");
        }
        return loss.item();
    }

    /** The state of parameter {@code p}, created empty on first use; {@code p} must be in a group. */
    public ParamState state(Tensor p) {
        if (!members.containsKey(p)) {
            throw new IllegalArgumentException(name() + ".state: this tensor (shape " + Arrays.toString(p.shape())
                    + ") is not in any of this optimizer's groups");
        }
        return state.computeIfAbsent(p, k -> new ParamState());
    }

    /**
     * Whether every state buffer has its parameter's shape (true for all but optimizers with a
     * global, flattened state such as L-BFGS); {@link #loadStateDict} checks it.
     */
    protected boolean buffersShapedLikeParams() {
        return true;
    }

    /**
     * The state buffers whose meaning forbids a negative value, each with what it is (for Adam,
     * {@code exp_avg_sq}: "a running average of squared gradients"). {@link #loadStateDict} refuses a
     * saved state with a negative value in one of them, as it refuses a negative learning rate;
     * an optimizer whose state may take any sign keeps the default, none.
     *
     * @return buffer name to a short description of what it holds; empty by default
     */
    protected Map<String, String> nonNegativeState() {
        return Map.of();
    }

    /** A copy of the groups' options and every parameter's state (parameters numbered in group order). */
    public StateDict stateDict() {
        return StateDictIo.capture(this, groups, state);
    }

    /**
     * Restores groups' options and the parameters' state from {@code saved}. Checks first, and
     * changes nothing if it was saved by another optimizer or for parameters of other shapes; the
     * message names the parameter and buffer that differ.
     */
    public void loadStateDict(StateDict saved) {
        StateDictIo.restore(this, groups, state, saved);
    }

    /**
     * Prints as PyTorch prints an optimizer: the class's name, then each group's options in
     * alphabetical order, spelled as Python spells them ({@code amsgrad: False}, {@code eps: 1e-08},
     * {@code max_eval: None}).
     */
    @Override
    public String toString() {
        String className = getClass().getSimpleName();
        StringBuilder b = new StringBuilder(className.isEmpty() ? name() : className).append(" (\n");
        for (int g = 0; g < groups.size(); g++) {
            b.append("Parameter Group ").append(g).append('\n');
            for (Map.Entry<String, Object> e : groups.get(g).options().entrySet()) {
                b.append("    ").append(e.getKey()).append(": ").append(PythonRepr.of(e.getValue())).append('\n');
            }
        }
        return b.append(')').toString();
    }
}
