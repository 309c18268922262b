package dev.steepest.examples;

import java.util.Collection;
import java.util.Optional;

/** Finds the closest known name to a misspelled one, for "did you mean ...?" messages. */
final class Spelling {
    private Spelling() {
    }

    /**
     * @param typed what the user typed
     * @param known the names that exist
     * @return the known name with the smallest edit distance, if it is at most a third of its length (at least 2)
     */
    static Optional<String> closest(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : known) {
            int d = distance(typed.toLowerCase(java.util.Locale.ROOT), name.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        if (best == null || bestDistance > Math.max(2, best.length() / 3)) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** @return {@code " Did you mean 'x'?"} or an empty string */
    static String didYouMean(String typed, Collection<String> known) {
        return closest(typed, known).map(name -> " Did you mean '" + name + "'?").orElse("");
    }
}
