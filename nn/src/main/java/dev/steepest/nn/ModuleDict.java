package dev.steepest.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Modules held by name, as {@code torch.nn.ModuleDict}: registered under their keys in insertion
 * order, so that their parameters are named {@code heads.value.weight} as in PyTorch. It has no
 * forward of its own: the module that holds it picks from it.
 *
 * <pre>{@code
 * heads = registerModule("heads", new ModuleDict<Linear>().put("value", new Linear(2, 1)).put("policy", new Linear(2, 3)));
 * Tensor v = heads.get("value").forward(x);
 * }</pre>
 *
 * @param <M> the type of the modules held ({@link Module} for a mixed dict)
 */
public class ModuleDict<M extends Module> extends Holder {

    private final Map<String, M> modules = new LinkedHashMap<>();

    /** An empty dict; {@link #put} adds. */
    public ModuleDict() {
    }

    /** The entries of {@code modules}, in its iteration order (a {@code LinkedHashMap} keeps yours). */
    public ModuleDict(Map<String, ? extends M> modules) {
        if (modules == null) {
            throw new IllegalArgumentException("ModuleDict: modules is null");
        }
        modules.forEach(this::put);
    }

    /**
     * Adds {@code module} under {@code key} (no '.', not used yet), as PyTorch's {@code dict[key] = module}.
     * Returns this.
     */
    public final ModuleDict<M> put(String key, M module) {
        if (module == null) {
            throw new IllegalArgumentException("ModuleDict.put: module '" + key + "' is null");
        }
        registerModule(key, module);
        modules.put(key, module);
        return this;
    }

    /** The module under {@code key}; an unknown key is refused with the keys there are. */
    public final M get(String key) {
        M m = modules.get(key);
        if (m == null) {
            throw new IllegalArgumentException("ModuleDict.get: no module under '" + key + "'; the keys are " + modules.keySet());
        }
        return m;
    }

    /** @return whether a module is held under {@code key} */
    public final boolean containsKey(String key) {
        return modules.containsKey(key);
    }

    /** @return the keys in insertion order (read-only) */
    public final Set<String> keySet() {
        return Collections.unmodifiableSet(modules.keySet());
    }

    /** @return the entries in insertion order (read-only) */
    public final Map<String, M> asMap() {
        return Collections.unmodifiableMap(modules);
    }

    /** @return how many modules the dict holds */
    public final int size() {
        return modules.size();
    }

    @Override
    String howToUse() {
        return "pick one by key in the forward of the module that holds it (heads.get(\"value\").forward(x))";
    }
}
