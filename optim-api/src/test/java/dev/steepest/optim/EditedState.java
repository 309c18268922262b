package dev.steepest.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steepest.core.Tensor;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A saved optimizer state edited as a damaged (or hand-edited) file would be, and what loading it
 * must do: refuse with a message, and change nothing, neither the groups' options nor any buffer.
 * Shared by optim-api's tests (with TestGD) and the plugins' tests (with every built-in).
 */
public final class EditedState {
    private EditedState() {
    }

    /** @return a copy of {@code t} whose element {@code index} is {@code value}: a tensor edited in a saved file */
    public static Tensor edited(Tensor t, int index, float value) {
        if (t.numel() <= index) {
            throw new IllegalStateException("the tensor has " + t.numel() + " value(s); the test edits element " + index);
        }
        Tensor copy = Tensor.of(t.toArray(), t.shape());
        copy.rawData()[index] = value;
        return copy;
    }

    /**
     * Loads the state {@code saved} makes into {@code fresh}, asserts that it is refused and that
     * {@code fresh} is as before (every option of its first group, every tensor and every fact of its state).
     *
     * @param fresh the optimizer the state is loaded into
     * @param saved makes the edited state (inside the check: reading a flat file may refuse it already)
     * @return the refusal, for its message
     */
    public static IllegalArgumentException refused(Optimizer fresh, Supplier<StateDict> saved) {
        StateDict before = fresh.stateDict();
        Map<String, Object> options = new java.util.HashMap<>(fresh.paramGroups().get(0).options());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fresh.loadStateDict(saved.get()));
        assertEquals(options, fresh.paramGroups().get(0).options(), "a refused state changes nothing: the options");
        StateDict after = fresh.stateDict();
        assertEquals(before.metadata(), after.metadata(), "a refused state changes nothing: the state's facts");
        assertEquals(before.tensors().keySet(), after.tensors().keySet(), "a refused state changes nothing: the buffers");
        before.tensors().forEach((key, t) -> assertArrayEquals(t.toArray(), after.tensors().get(key).toArray(),
                "a refused state changes nothing: " + key));
        return e;
    }
}
