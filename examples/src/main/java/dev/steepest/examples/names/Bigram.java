package dev.steepest.examples.names;

import java.util.List;

/**
 * The baseline of the {@code names} example: a count-based bigram model. It counts, over the
 * training names, how often each token follows each other token ('.' starts and ends a name),
 * adds one to every count (Laplace smoothing, as makemore does), and predicts the next letter
 * from the previous one alone: P(next | previous) = count(previous, next) / count(previous, ·).
 * No gradient, no training loop: a recurrent model must beat it to have learned more than pairs.
 */
final class Bigram {
    private final double[][] logProbability = new double[NamesData.VOCABULARY][NamesData.VOCABULARY];

    /** @param names the training names whose pairs are counted */
    Bigram(List<String> names) {
        int v = NamesData.VOCABULARY;
        long[][] counts = new long[v][v];
        for (String name : names) {
            int previous = 0;
            for (int t = 0; t <= name.length(); t++) {
                int next = t == name.length() ? 0 : NamesData.token(name.charAt(t));
                counts[previous][next]++;
                previous = next;
            }
        }
        for (int a = 0; a < v; a++) {
            double total = 0;
            for (int b = 0; b < v; b++) {
                total += counts[a][b] + 1;
            }
            for (int b = 0; b < v; b++) {
                logProbability[a][b] = Math.log((counts[a][b] + 1) / total);
            }
        }
    }

    /**
     * @param names names to score
     * @return the mean negative log-likelihood per predicted token (each letter and the end), in nats
     */
    double loss(List<String> names) {
        double sum = 0;
        long count = 0;
        for (String name : names) {
            int previous = 0;
            for (int t = 0; t <= name.length(); t++) {
                int next = t == name.length() ? 0 : NamesData.token(name.charAt(t));
                sum -= logProbability[previous][next];
                count++;
                previous = next;
            }
        }
        return sum / count;
    }
}
