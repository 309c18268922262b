package dev.steepest.examples.shared;

import dev.steepest.core.Autograd;
import dev.steepest.nn.Module;
import dev.steepest.nn.data.Batch;
import dev.steepest.nn.data.DataLoader;
import dev.steepest.nn.data.Dataset;
import dev.steepest.train.console.ConfusionMatrix;

/** Scores a classifier on a test set, as the classifying examples ({@code digits}, {@code pointnet}) do after each epoch. */
public final class Evaluate {
    private Evaluate() {
    }

    /**
     * Runs the model over the test set in evaluation mode (dropout off, batch norm on its running
     * statistics) without recording gradients, then puts it back in training mode.
     *
     * @param model scores [batch, classes] for a batch of inputs
     * @param test the test set, targets holding class indices
     * @param classes how many classes
     * @param batchSize how many samples go through the model at once
     * @return the confusion matrix: true class against the class with the highest score
     */
    public static ConfusionMatrix confusion(Module model, Dataset test, int classes, int batchSize) {
        model.eval();
        ConfusionMatrix matrix = new ConfusionMatrix(classes);
        try (var off = Autograd.noGrad()) {
            for (Batch batch : new DataLoader(test, batchSize)) {
                float[] predicted = model.forward(batch.inputs()).argmax(1, /* keepdim */ false).toArray();
                float[] actual = batch.targets().toArray();
                for (int i = 0; i < actual.length; i++) {
                    matrix.add((int) actual[i], (int) predicted[i]);
                }
            }
        }
        model.train();
        return matrix;
    }
}
