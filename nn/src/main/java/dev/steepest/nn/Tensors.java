package dev.steepest.nn;

import dev.steepest.core.Tensor;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.StringJoiner;

/**
 * Several tensors going into or coming out of a module together, as PyTorch's tuples: an LSTM takes
 * {@code (input, h0, c0)} and gives {@code (output, h_n, c_n)}; a two-input model takes
 * {@code (a, b)}. {@link Module#forward(Tensors)} takes and returns them:
 *
 * <pre>{@code
 * Tensors out = lstm.forward(Tensors.of(x, h0, c0));    // output, (h_n, c_n) = lstm(x, (h0, c0))
 * Tensor output = out.get(0), hN = out.get(1), cN = out.get(2);
 * }</pre>
 *
 * Immutable; it holds the tensors themselves (not copies), none of them null.
 */
public final class Tensors implements Iterable<Tensor> {

    private final List<Tensor> tensors;

    private Tensors(List<Tensor> tensors) {
        this.tensors = tensors;
    }

    /** The given tensors, in order; none may be null (leave a trailing optional state out instead). */
    public static Tensors of(Tensor... tensors) {
        if (tensors == null) {
            throw new IllegalArgumentException("Tensors.of: tensors is null");
        }
        for (int i = 0; i < tensors.length; i++) {
            if (tensors[i] == null) {
                throw new IllegalArgumentException("Tensors.of: tensor " + i + " of " + tensors.length
                        + " is null; leave an optional trailing state out (Tensors.of(x) rather than Tensors.of(x, null))");
            }
        }
        return new Tensors(List.of(tensors));
    }

    /** The tensors of {@code list}, in order. */
    public static Tensors of(List<Tensor> list) {
        if (list == null) {
            throw new IllegalArgumentException("Tensors.of: list is null");
        }
        return of(list.toArray(new Tensor[0]));
    }

    /** The tensor at {@code index} (0-based). */
    public Tensor get(int index) {
        if (index < 0 || index >= tensors.size()) {
            throw new IndexOutOfBoundsException("Tensors.get: index " + index + " is out of range for " + tensors.size()
                    + (tensors.size() == 1 ? " tensor" : " tensors"));
        }
        return tensors.get(index);
    }

    /** @return how many tensors there are */
    public int size() {
        return tensors.size();
    }

    /** @return the tensors as an unmodifiable list */
    public List<Tensor> toList() {
        return tensors;
    }

    @Override
    public Iterator<Tensor> iterator() {
        return tensors.iterator();
    }

    /**
     * Checks that {@code module} got one of the {@code allowed} numbers of tensors; the message shows
     * {@code forms}, the ways to call it (e.g. {@code "(input), or (input, h0, c0)"}).
     */
    public Tensors requireSize(String module, String forms, int... allowed) {
        if (Arrays.stream(allowed).noneMatch(n -> n == tensors.size())) {
            throw new IllegalArgumentException(module + ": takes " + forms + ", got " + tensors.size()
                    + (tensors.size() == 1 ? " tensor" : " tensors") + shapes());
        }
        return this;
    }

    /** The shapes, for messages: {@code " of shapes [2, 3], [4]"}. */
    String shapes() {
        StringJoiner j = new StringJoiner(", ", tensors.size() == 1 ? " of shape " : " of shapes ", "");
        j.setEmptyValue("");
        for (Tensor t : tensors) j.add(Arrays.toString(t.shape()));
        return j.toString();
    }

    /** As a Python tuple prints: {@code (tensor(…), tensor(…))}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "(", tensors.size() == 1 ? ",)" : ")");
        for (Tensor t : tensors) j.add(t.toString());
        return j.toString();
    }
}
