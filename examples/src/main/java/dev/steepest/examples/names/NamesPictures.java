package dev.steepest.examples.names;

import dev.steepest.train.command.Output;
import dev.steepest.train.plot.Plot;
import java.io.IOException;

/** The picture of the {@code names} example: train and test loss against step, the bigram baseline as a line. */
final class NamesPictures {
    private NamesPictures() {
    }

    /** Draws {@code names-loss.png} into the output folder. */
    static void write(Output output, NamesLanguageModel.Curve curve, double bigram, String cell) throws IOException {
        int n = curve.steps().size();
        double[] steps = new double[n], train = new double[n], test = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = curve.steps().get(i);
            train[i] = curve.train().get(i);
            test[i] = curve.test().get(i);
        }
        double[] ends = {0, steps[n - 1]};
        Plot plot = new Plot("names: " + cell + " against the bigram baseline", "step", "cross-entropy (nats per character)")
                .line(cell + " train (mean since the last point)", steps, train)
                .line(cell + " test (1,000 held-out names)", steps, test)
                .line(String.format(java.util.Locale.ROOT, "bigram test %.3f", bigram), ends, new double[] {bigram, bigram});
        output.write("names-loss.png", stream -> plot.png(stream, 800, 480));
    }
}
