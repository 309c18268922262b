package dev.steepest.train.console;

import java.util.Locale;

/**
 * Counts how often each true class was predicted as each class, and prints the table: rows are
 * the true classes, columns the predictions, the diagonal the correct answers.
 */
public final class ConfusionMatrix {
    private final int classes;
    private final int[][] counts;

    /** @param classes how many classes (at least 2) */
    public ConfusionMatrix(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("ConfusionMatrix: needs at least 2 classes, got " + classes);
        }
        this.classes = classes;
        this.counts = new int[classes][classes];
    }

    /**
     * Records one answer.
     *
     * @param actual the true class, in [0, classes)
     * @param predicted the predicted class, in [0, classes)
     */
    public void add(int actual, int predicted) {
        if (actual < 0 || actual >= classes || predicted < 0 || predicted >= classes) {
            throw new IllegalArgumentException("ConfusionMatrix.add: classes must be in [0, " + classes + "), got actual="
                    + actual + " predicted=" + predicted);
        }
        counts[actual][predicted]++;
    }

    /** @return how many times class {@code actual} was predicted as {@code predicted} */
    public int count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** @return how many answers were recorded */
    public int total() {
        int n = 0;
        for (int[] row : counts) {
            for (int c : row) {
                n += c;
            }
        }
        return n;
    }

    /** @return the share of correct answers, in [0, 1] (0 when empty) */
    public double accuracy() {
        int correct = 0;
        for (int i = 0; i < classes; i++) {
            correct += counts[i][i];
        }
        int total = total();
        return total == 0 ? 0 : (double) correct / total;
    }

    /** @return the table as text, one line per true class, with a header of predicted classes */
    @Override
    public String toString() {
        int width = Math.max(3, Integer.toString(total()).length() + 1);
        StringBuilder s = new StringBuilder("true \\ predicted\n      ");
        for (int j = 0; j < classes; j++) {
            s.append(String.format(Locale.ROOT, "%" + width + "d", j));
        }
        s.append('\n');
        for (int i = 0; i < classes; i++) {
            s.append(String.format(Locale.ROOT, "%5d ", i));
            for (int j = 0; j < classes; j++) {
                s.append(String.format(Locale.ROOT, "%" + width + "s", counts[i][j] == 0 ? "." : Integer.toString(counts[i][j])));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
