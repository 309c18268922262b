package dev.steepest.nn.recurrent;

import dev.steepest.core.Tensor;
import java.util.List;

/** The gates of a cell side by side in one [batch, gates·hidden] product, cut into one [batch, hidden] tensor each. */
final class Gates {

    private Gates() {
    }

    /** The pieces of equal size along the last dimension, in order (one recorded node: their gradients go back in one copy). */
    static List<Tensor> split(Tensor stacked, int gates) {
        int hidden = stacked.size(-1) / gates;
        return stacked.view(-1, gates, hidden).unbind(1);
    }
}
