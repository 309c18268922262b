package dev.steepest.optim.conformance;

import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.StateDict;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * For a plugin author's tests (and steepest's): a saved optimizer state damaged on purpose, as a
 * broken or hand-edited checkpoint would be, and what loading it must do: refuse it with an
 * {@link IllegalArgumentException} whose message names the key and the value, and change nothing,
 * neither the groups' options nor any buffer. Needs no test framework: a broken promise is an
 * {@link AssertionError}.
 *
 * <pre>{@code
 * Map<String, Tensor> tensors = new TreeMap<>(saved.stateDict().tensors());
 * tensors.put("state.0.exp_avg_sq", DamagedState.edited(tensors.get("state.0.exp_avg_sq"), 1, -0.5f));
 * String message = DamagedState.refused(fresh, () -> StateDict.fromFlat(tensors, metadata)).getMessage();
 * }</pre>
 */
public final class DamagedState {
    private DamagedState() {
    }

    /**
     * @return a copy of {@code t} whose element {@code index} is {@code value} (t is not modified)
     * @throws IllegalArgumentException when {@code t} has no such element
     */
    public static Tensor edited(Tensor t, int index, float value) {
        if (index < 0 || t.numel() <= index) {
            throw new IllegalArgumentException("DamagedState.edited: the tensor has " + t.numel() + " value(s), no element " + index);
        }
        Tensor copy = Tensor.of(t.toArray(), t.shape());
        copy.rawData()[index] = value;
        return copy;
    }

    /**
     * Loads the state {@code saved} makes into {@code fresh} and checks that it is refused and that
     * {@code fresh} is as before: every option of its first group, every tensor and every fact of its state.
     *
     * @param fresh the optimizer the state is loaded into
     * @param saved makes the damaged state (called inside the check: reading a flat file may refuse it already)
     * @return the refusal, for its message
     * @throws AssertionError when the state is accepted, refused otherwise than with an IllegalArgumentException,
     *     or the optimizer changed
     */
    public static IllegalArgumentException refused(Optimizer fresh, Supplier<StateDict> saved) {
        StateDict before = fresh.stateDict();
        Map<String, Object> options = new HashMap<>(fresh.paramGroups().get(0).options());
        IllegalArgumentException refusal;
        try {
            fresh.loadStateDict(saved.get());
            throw new AssertionError(fresh.name() + ".loadStateDict accepted a damaged state; it must throw an IllegalArgumentException");
        } catch (IllegalArgumentException e) {
            refusal = e;
        }
        require(options.equals(fresh.paramGroups().get(0).options()), "the options changed: " + options + " became "
                + fresh.paramGroups().get(0).options());
        StateDict after = fresh.stateDict();
        require(before.metadata().equals(after.metadata()), "the state's facts changed: " + before.metadata() + " became " + after.metadata());
        require(before.tensors().keySet().equals(after.tensors().keySet()), "the buffers changed: " + before.tensors().keySet()
                + " became " + after.tensors().keySet());
        before.tensors().forEach((key, t) -> require(Arrays.equals(t.toArray(), after.tensors().get(key).toArray()),
                key + " changed: " + Arrays.toString(t.toArray()) + " became " + Arrays.toString(after.tensors().get(key).toArray())));
        return refusal;
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("a refused state must change nothing, but " + what);
        }
    }
}
