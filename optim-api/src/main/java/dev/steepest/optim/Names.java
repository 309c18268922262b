package dev.steepest.optim;

import java.util.Collection;

/**
 * Finds the known name closest to a misspelt one, for "did you mean …?" messages: the optimizer
 * registry and options use it, and so does the examples' launcher for example names and flags.
 */
public final class Names {

    private Names() {
    }

    /**
     * The candidate closest to {@code wrong}: one whose letters are the initials of {@code wrong}'s
     * words wins ({@code learning_rate} → {@code lr}); otherwise the smallest edit distance.
     */
    public static String closest(String wrong, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String initials = initials(wrong);
        for (String c : candidates) {
            int d = c.equals(initials) ? 0 : distance(wrong, c);
            if (d < bestDistance || (d == bestDistance && c.compareTo(best) < 0)) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    private static String initials(String s) {
        StringBuilder b = new StringBuilder();
        for (String word : s.split("[_.\\-]")) {
            if (!word.isEmpty()) b.append(word.charAt(0));
        }
        return b.toString();
    }

    /** Levenshtein distance: the fewest single-letter insertions, deletions and substitutions. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    /**
     * {@code " Did you mean 'x'?"} when a known name is near {@code typed} (at most
     * max(2, length/2) edits away), otherwise an empty string: ready to append to a message.
     */
    public static String didYouMean(String typed, Collection<String> known) {
        if (typed == null || known.isEmpty()) {
            return "";
        }
        String closest = closest(typed, known);
        return distance(typed, closest) <= Math.max(2, typed.length() / 2) ? " Did you mean '" + closest + "'?" : "";
    }
}
