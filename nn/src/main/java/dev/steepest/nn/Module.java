package dev.steepest.nn;

import dev.steepest.core.Autograd;
import dev.steepest.core.DType;
import dev.steepest.core.Tensor;
import dev.steepest.core.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The base of every layer and network, as {@code torch.nn.Module}: it holds parameters (tensors an
 * optimizer trains), buffers (state that is saved but not trained, like BatchNorm's running
 * statistics) and child modules, all in registration order, and computes {@link #forward}.
 *
 * <p>A network of one's own subclasses it, registers its parts in the constructor and writes
 * {@code forward}, as the seed's {@code Test_Conv} does:
 *
 * <pre>{@code
 * class TestConv extends Module {
 *     final Conv2d conv;
 *     TestConv(Generator generator) {
 *         conv = registerModule("conv", new Conv2d(1, 4, 4, 1, 0, false, generator));   // kernel 4, no bias
 *     }
 *     public Tensor forward(Tensor x) { return conv.forward(x).view(1, 4); }
 * }
 * }</pre>
 *
 * <p>Names in {@link #namedParameters()} and {@link #stateDict()} are dotted paths such as
 * {@code "conv.weight"} or {@code "features.0.bias"}, exactly as PyTorch names them.
 *
 * <p><b>Registration is explicit.</b> PyTorch registers a layer when it is assigned to an attribute
 * ({@code self.fc = nn.Linear(4, 16)} runs {@code Module.__setattr__}); Java has no hook on a field
 * assignment, so a part is registered by {@code registerModule}, {@code registerParameter} or
 * {@code registerBuffer}. A field that holds a module, or a tensor that requires grad, but was never
 * registered is not lost silently: {@link #parameters()}, {@link #namedParameters()},
 * {@link #namedBuffers()}, {@link #stateDict()} (and so {@code save}, {@code loadStateDict}) look at
 * the fields of every module in the tree and refuse with an {@link IllegalStateException} that names
 * the class, the field and the fix. Lists, arrays and maps of modules held in fields are checked
 * too ({@link ModuleList} and {@link ModuleDict} are the registered forms). A field that deliberately
 * refers to a module outside this one (a target network, a shared embedding owned elsewhere) is
 * declared {@code transient}, which here means "not part of this module's state" (steepest uses no
 * Java serialization). Registering automatically was not chosen: it could only happen lazily, at the
 * first walk, by reflection, so a field assigned after an optimizer took the parameters would be
 * missed, and a reference to a module owned elsewhere would be adopted as a child.
 *
 * <p><b>One tensor or several.</b> {@link #forward(Tensor)} is one tensor in and one out, what most
 * layers override. {@link #forward(Tensors)} is the general form, several in and several out, as
 * PyTorch's {@code module(a, b)} returning a tuple: the recurrent layers take {@code (input, h0)} and
 * give {@code (output, h_n)}, and a two-input model overrides it alone. Each defaults to the other
 * for one tensor; a module overriding neither is refused at its first forward, as PyTorch refuses a
 * module "missing the required forward function".
 */
public abstract class Module {

    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /**
     * Computes this module's output from one input. Override it in a module of one tensor in and one
     * out; by default it runs {@link #forward(Tensors)} and requires exactly one result.
     */
    public Tensor forward(Tensor input) {
        if (!Overrides.of(getClass()).several()) {
            throw new UnsupportedOperationException(missingForward());
        }
        Tensors out = forward(Tensors.of(input));
        if (out == null || out.size() != 1) {
            throw new IllegalStateException(name() + ": forward(Tensor) gives one tensor, but forward(Tensors) returned "
                    + (out == null ? "null" : out.size() + " tensors") + "; call forward(Tensors.of(x)) to get them all");
        }
        return out.get(0);
    }

    /**
     * Computes this module's outputs from several inputs, as PyTorch's {@code module(a, b, …)} returning
     * a tuple. Override it in a module that takes or gives more than one tensor (the recurrent layers,
     * a two-input model); by default it passes exactly one input to {@link #forward(Tensor)}.
     */
    public Tensors forward(Tensors inputs) {
        if (inputs == null) {
            throw new IllegalArgumentException(name() + ": inputs is null; pass Tensors.of(x)");
        }
        if (!Overrides.of(getClass()).one()) {
            throw new UnsupportedOperationException(missingForward());
        }
        inputs.requireSize(name(), "one tensor (forward(Tensor) is all it defines)", 1);
        return Tensors.of(forward(inputs.get(0)));
    }

    private String missingForward() {
        return name() + " (" + getClass().getName() + ") does not override forward: write forward(Tensor input) for one tensor in"
                + " and out, or forward(Tensors inputs) for several (PyTorch says: missing the required \"forward\" function)";
    }

    /** Which of the two forward methods a class overrides, found once per class. */
    private record Overrides(boolean one, boolean several) {
        private static final ClassValue<Overrides> CACHE = new ClassValue<>() {
            @Override
            protected Overrides computeValue(Class<?> type) {
                try {
                    return new Overrides(type.getMethod("forward", Tensor.class).getDeclaringClass() != Module.class,
                            type.getMethod("forward", Tensors.class).getDeclaringClass() != Module.class);
                } catch (NoSuchMethodException e) {
                    throw new AssertionError(e);   // both are public methods of Module
                }
            }
        };

        static Overrides of(Class<?> type) {
            return CACHE.get(type);
        }
    }

    // ---------------------------------------------------------------- registration

    /** Adds a trainable tensor under {@code name}; it is made to require grad. Returns it. */
    protected final Tensor registerParameter(String name, Tensor parameter) {
        checkName("registerParameter", name);
        if (parameter == null) {
            throw new IllegalArgumentException("registerParameter: parameter '" + name + "' is null; leave it unregistered instead (as a layer without bias does)");
        }
        if (!parameter.isLeaf()) {
            throw new IllegalArgumentException("registerParameter: parameter '" + name + "' was made by " + parameter.gradFn()
                    + "; a parameter must be a leaf tensor, e.g. pass its detach()");
        }
        parameters.put(name, parameter.requiresGrad(true));
        return parameter;
    }

    /** Adds a saved but untrained tensor (e.g. a running mean) under {@code name}. Returns it. */
    protected final Tensor registerBuffer(String name, Tensor buffer) {
        checkName("registerBuffer", name);
        if (buffer == null) {
            throw new IllegalArgumentException("registerBuffer: buffer '" + name + "' is null");
        }
        buffers.put(name, buffer);
        return buffer;
    }

    /** Adds a child module under {@code name}; its parameters are named {@code name.…}. Returns it. */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName("registerModule", name);
        if (module == null) {
            throw new IllegalArgumentException("registerModule: module '" + name + "' is null");
        }
        if (module == this) {
            throw new IllegalArgumentException("registerModule: a module cannot be its own child ('" + name + "')");
        }
        children.put(name, module);
        return module;
    }

    private void checkName(String op, String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(op + ": name must be non-empty and contain no '.', got '" + name + "'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(op + ": '" + name + "' is already registered in " + name());
        }
    }

    // ---------------------------------------------------------------- walking the tree

    /** Every parameter of this module and its descendants, in registration order, each once. */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Every parameter by dotted name ({@code "features.0.weight"}), in registration order, each tensor once. */
    public final Map<String, Tensor> namedParameters() {
        Registration.check(this);
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, Collections.newSetFromMap(new IdentityHashMap<>()), true, false);
        return out;
    }

    /** Every buffer by dotted name ({@code "bn.running_mean"}). */
    public final Map<String, Tensor> namedBuffers() {
        Registration.check(this);
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, Collections.newSetFromMap(new IdentityHashMap<>()), false, true);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, Set<Tensor> seen, boolean params, boolean bufs) {
        if (params) {
            parameters.forEach((n, t) -> {
                if (seen.add(t)) out.put(prefix + n, t);
            });
        }
        if (bufs) {
            buffers.forEach((n, t) -> out.put(prefix + n, t));
        }
        children.forEach((n, m) -> m.collect(prefix + n + ".", out, seen, params, bufs));
    }

    /** Adds this module, its parameters and buffers and those of every descendant to {@code into} (an identity set), for {@link Registration}. */
    final void treeInto(Set<Object> into) {
        if (!into.add(this)) return;
        into.addAll(parameters.values());
        into.addAll(buffers.values());
        for (Module child : children.values()) child.treeInto(into);
    }

    /** The direct children by name, in registration order. */
    public final Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** The direct children, in registration order. */
    public final List<Module> children() {
        return new ArrayList<>(children.values());
    }

    // ---------------------------------------------------------------- modes and gradients

    /**
     * Sets training mode on this module and every descendant (Dropout drops, BatchNorm updates its
     * statistics). Returns this, typed as what it is assigned to, so that
     * {@code Net net = new Net().eval();} compiles as PyTorch's {@code net = Net().eval()}; assigning
     * it to a type the module is not throws ClassCastException.
     */
    @SuppressWarnings("unchecked")
    public final <M extends Module> M train(boolean mode) {
        training = mode;
        for (Module child : children.values()) child.train(mode);
        return (M) this;
    }

    /** Training mode, as {@code model.train()}. Returns this, typed as in {@link #train(boolean)}. */
    public final <M extends Module> M train() {
        return train(true);
    }

    /** Evaluation mode, as {@code model.eval()}. Returns this, typed as in {@link #train(boolean)}. */
    public final <M extends Module> M eval() {
        return train(false);
    }

    /** @return whether the module is in training mode (PyTorch's {@code module.training}) */
    public final boolean isTraining() {
        return training;
    }

    /** Clears every parameter's gradient (sets it to null, as PyTorch's {@code set_to_none=True}). */
    public final void zeroGrad() {
        for (Tensor p : parameters()) p.setGrad(null);
    }

    /**
     * Asks (or stops asking) for the gradients of every parameter of this module and its descendants,
     * as PyTorch's {@code module.requires_grad_(flag)}. Returns this.
     */
    public final Module requiresGrad_(boolean requiresGrad) {
        for (Tensor p : parameters()) p.requiresGrad(requiresGrad);
        return this;
    }

    /**
     * Freezes the parameters: none of them requires grad any more, so backward() leaves their grad
     * null and an optimizer skips them (fine-tuning, a GAN's discriminator during the generator's
     * step). Same as {@code requiresGrad_(false)}; undo with {@code requiresGrad_(true)}. Returns this.
     */
    public final Module freeze() {
        return requiresGrad_(false);
    }

    /**
     * Calls {@code fn} on every descendant, children before parents, then on this module, as
     * PyTorch's {@code module.apply(fn)}; the place for a custom initialisation such as DCGAN's:
     *
     * <pre>{@code
     * net.apply(m -> { if (m instanceof Conv2d c) Init.normal_(c.weight(), 0, 0.02, generator); });
     * }</pre>
     *
     * Returns this.
     */
    public final Module apply(java.util.function.Consumer<Module> fn) {
        if (fn == null) {
            throw new IllegalArgumentException("apply: fn is null");
        }
        for (Module child : children.values()) child.apply(fn);
        fn.accept(this);
        return this;
    }

    // ---------------------------------------------------------------- state

    /**
     * Parameters and buffers by dotted name, in PyTorch's order (each module's own, then its
     * children's), as PyTorch's {@code state_dict()}: each a detached tensor that shares its
     * parameter's storage and version counter, so it sees every update and an in-place write into it
     * changes the parameter, but it does not require grad: an out-of-place EMA of the weights
     * ({@code ema = ema.mul(0.99f).add(w.mul(0.01f))}) builds no graph.
     */
    public final Map<String, Tensor> stateDict() {
        Registration.check(this);
        Map<String, Tensor> out = new LinkedHashMap<>();
        stateInto("", out);
        return out;
    }

    private void stateInto(String prefix, Map<String, Tensor> out) {
        parameters.forEach((n, t) -> out.put(prefix + n, t.detach()));
        buffers.forEach((n, t) -> out.put(prefix + n, t.detach()));
        children.forEach((n, m) -> m.stateInto(prefix + n + ".", out));
    }

    /**
     * Copies the values of {@code state} into this module's parameters and buffers (modifies them in
     * place). A shape mismatch is always an error; with {@code strict}, so is a missing or an
     * unexpected key. All problems are reported together, and nothing is copied unless all is well.
     *
     * @return the keys that were missing and unexpected (both empty after a strict load)
     */
    @SuppressWarnings("try")   // the noGrad scope is used for its effect
    public final LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        if (state == null) {
            throw new IllegalArgumentException("loadStateDict: state is null");
        }
        Map<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor given = state.get(e.getKey());
            if (given == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(given.shape(), e.getValue().shape())) {
                mismatched.add(e.getKey() + ": checkpoint has " + Arrays.toString(given.shape()) + ", model has "
                        + Arrays.toString(e.getValue().shape()));
            }
        }
        for (String key : state.keySet()) {
            if (!own.containsKey(key)) unexpected.add(key);
        }
        if (!mismatched.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()))) {
            StringBuilder sb = new StringBuilder("loadStateDict: error(s) in loading the state into " + name() + ":");
            if (strict && !missing.isEmpty()) sb.append("\n  missing key(s): ").append(String.join(", ", missing));
            if (strict && !unexpected.isEmpty()) sb.append("\n  unexpected key(s): ").append(String.join(", ", unexpected));
            for (String m : mismatched) sb.append("\n  size mismatch for ").append(m);
            throw new IllegalArgumentException(sb.toString());
        }
        try (var off = Autograd.noGrad()) {
            for (Map.Entry<String, Tensor> e : own.entrySet()) {
                Tensor given = state.get(e.getKey());
                if (given != null) e.getValue().copy_(given);
            }
        }
        return new LoadResult(missing, unexpected);
    }

    /**
     * Copies every parameter and buffer of {@code source}, a module of the same structure, into this
     * one (modifies this module in place, not {@code source}), as PyTorch's
     * {@code target.load_state_dict(source.state_dict())}: DQN's target network starts as a copy of
     * the policy network. Names and shapes must all match; otherwise nothing is copied. Returns this.
     */
    public final Module copyFrom(Module source) {
        if (source == null) {
            throw new IllegalArgumentException("copyFrom: source is null");
        }
        loadStateDict(source.stateDict(), true);
        return this;
    }

    /**
     * The soft (Polyak) update of a target network: every parameter and buffer becomes
     * {@code tau·source + (1 − tau)·this}, computed in float as PyTorch's DQN tutorial computes it on
     * the state dicts; {@code tau = 1} copies, {@code tau = 0} changes nothing. Modifies this module in
     * place (outside autograd), not {@code source}; names and shapes must match, or nothing changes.
     * Returns this.
     */
    @SuppressWarnings("try")   // the noGrad scope is used for its effect
    public final Module softUpdate_(Module source, double tau) {
        if (source == null) {
            throw new IllegalArgumentException("softUpdate_: source is null");
        }
        if (!(tau >= 0 && tau <= 1)) {
            throw new IllegalArgumentException("softUpdate_: tau must be in [0, 1], got " + tau);
        }
        Map<String, Tensor> own = stateDict(), theirs = source.stateDict();
        if (!own.keySet().equals(theirs.keySet())) {
            throw new IllegalArgumentException("softUpdate_: " + source.name() + " and " + name()
                    + " have different parameters and buffers: " + theirs.keySet() + " vs " + own.keySet());
        }
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            if (!Arrays.equals(e.getValue().shape(), theirs.get(e.getKey()).shape())) {
                throw new IllegalArgumentException("softUpdate_: size mismatch for " + e.getKey() + ": source has "
                        + Arrays.toString(theirs.get(e.getKey()).shape()) + ", target has " + Arrays.toString(e.getValue().shape()));
            }
        }
        float keep = (float) (1 - tau), take = (float) tau;
        try (var off = Autograd.noGrad()) {
            for (Map.Entry<String, Tensor> e : own.entrySet()) {
                if (e.getValue().dtype() != DType.FLOAT32) {
                    // an int64 or bool buffer (BatchNorm's num_batches_tracked): mixed in float, then stored in its own dtype,
                    // as PyTorch's tutorial mixes the state dicts and load_state_dict copies them back
                    float[] mixed = theirs.get(e.getKey()).toArray(), old = e.getValue().toArray();
                    for (int i = 0; i < mixed.length; i++) mixed[i] = mixed[i] * take + old[i] * keep;
                    e.getValue().copy_(Tensor.of(mixed, e.getValue().shape()));
                    continue;
                }
                float[] target = e.getValue().rawData(), from = theirs.get(e.getKey()).contiguous().rawData();
                for (int i = 0; i < target.length; i++) target[i] = from[i] * take + target[i] * keep;
                e.getValue().markModified();
            }
        }
        return this;
    }

    /** What a non-strict {@link #loadStateDict} left out: keys the model has but the state lacked, and the reverse. */
    public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {
        public LoadResult {
            missingKeys = List.copyOf(missingKeys);
            unexpectedKeys = List.copyOf(unexpectedKeys);
        }
    }

    /** Writes {@link #stateDict()} to a safetensors file, atomically (the old file stays whole if the save fails). */
    public final void save(Path file) throws IOException {
        SafeTensors.write(file, stateDict(), Map.of("format", "pt"));
    }

    /** Reads a safetensors file written by {@link #save} (or by PyTorch's safetensors) and loads it strictly. */
    public final void load(Path file) throws IOException {
        loadStateDict(SafeTensors.read(file).tensors(), true);
    }

    // ---------------------------------------------------------------- printing

    /** The name printed for this module; the class's simple name by default. */
    public String name() {
        return getClass().getSimpleName();
    }

    /** What is printed between the parentheses of a leaf, like {@code in_features=3, out_features=2, bias=True}. */
    protected String extraRepr() {
        return "";
    }

    /** The module tree, printed as PyTorch's {@code print(model)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name()).append('(');
        String extra = extraRepr();
        if (children.isEmpty()) {
            return sb.append(extra).append(')').toString();
        }
        if (!extra.isEmpty()) sb.append("\n  ").append(extra);
        children.forEach((n, m) -> sb.append("\n  (").append(n).append("): ").append(m.toString().replace("\n", "\n  ")));
        return sb.append("\n)").toString();
    }
}
