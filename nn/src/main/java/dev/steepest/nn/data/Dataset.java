package dev.steepest.nn.data;

/** A collection of samples reachable by index, as {@code torch.utils.data.Dataset}. */
public interface Dataset {

    /** How many samples there are. */
    int size();

    /** The sample at {@code index}, in [0, size()). */
    Sample get(int index);
}
