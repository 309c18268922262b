package dev.steepest.examples.names;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The data of the {@code names} example: 32,033 first names, one per line, lower case a–z, split
 * into training names and a held-out test set by a seeded shuffle.
 *
 * <p>The vocabulary has 27 tokens: {@code '.'} (index 0) marks both the start and the end of a
 * name, then {@code a}..{@code z} (1..26). A name of L letters is L + 1 predictions: each letter
 * from the ones before it, then the end. {@link #batch} lays a batch out as the recurrent layer
 * reads it: inputs {@code [B, T]} start with {@code '.'}, targets {@code [B, T]} are the inputs
 * moved left by one and end with {@code '.'}; positions after a name's end hold
 * {@link #IGNORE} as their target, so that the loss skips them.
 *
 * <p>Source: U.S. Social Security Administration baby names (2018), as assembled by Andrej
 * Karpathy's makemore (MIT licence; see {@code LICENSE-makemore.txt} beside the file and NOTICE).
 */
final class NamesData {
    static final String RESOURCE = "/dev/steepest/examples/names/names.txt";
    /** Tokens: '.' and the 26 letters. */
    static final int VOCABULARY = 27;
    /** The target of a padding position, skipped by the loss (CrossEntropyLoss's ignore index). */
    static final int IGNORE = -1;

    private final List<String> train;
    private final List<String> test;

    private NamesData(List<String> train, List<String> test) {
        this.train = train;
        this.test = test;
    }

    /**
     * Reads the names from the jar and splits them.
     *
     * @param testSize how many names are held out (the rest train)
     * @param seed shuffles the names before the split
     */
    static NamesData load(int testSize, long seed) {
        List<String> names = read();
        if (testSize < 1 || testSize >= names.size()) {
            throw new IllegalArgumentException("names: the test set must hold 1 to " + (names.size() - 1) + " names, got " + testSize);
        }
        Generator g = new Generator(seed);
        for (int i = names.size() - 1; i > 0; i--) {              // Fisher-Yates
            int j = g.nextInt(i + 1);
            names.set(j, names.set(i, names.get(j)));
        }
        int cut = names.size() - testSize;
        return new NamesData(List.copyOf(names.subList(0, cut)), List.copyOf(names.subList(cut, names.size())));
    }

    /** @return every name in the file, in file order */
    static List<String> read() {
        List<String> names = new ArrayList<>();
        try (InputStream in = NamesData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("names: resource " + RESOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String name = line.strip();
                if (!name.matches("[a-z]+")) {
                    throw new IllegalStateException("names: line " + (names.size() + 1) + " of " + RESOURCE + " is '" + line
                            + "', not a lower-case name");
                }
                names.add(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** @return the training names */
    List<String> train() {
        return train;
    }

    /** @return the held-out test names */
    List<String> test() {
        return test;
    }

    /** @return the token of a letter a..z (1..26), or 0 for '.' */
    static int token(char c) {
        return c == '.' ? 0 : c - 'a' + 1;
    }

    /** @return the letter of a token: '.' for 0, a..z for 1..26 */
    static char letter(int token) {
        return token == 0 ? '.' : (char) ('a' + token - 1);
    }

    /**
     * Lays out names as a batch of inputs and targets, padded to the longest name's length + 1.
     *
     * @param names the names (at least one)
     * @return inputs [B, T] of tokens and targets [B, T] of tokens or {@link #IGNORE}, as floats
     */
    static Tensor[] batch(List<String> names) {
        int steps = 0;
        for (String name : names) {
            steps = Math.max(steps, name.length() + 1);
        }
        int b = names.size();
        float[] inputs = new float[b * steps], targets = new float[b * steps];
        java.util.Arrays.fill(targets, IGNORE);
        for (int i = 0; i < b; i++) {
            String name = names.get(i);
            for (int t = 0; t <= name.length(); t++) {
                inputs[i * steps + t] = t == 0 ? 0 : token(name.charAt(t - 1));
                targets[i * steps + t] = t == name.length() ? 0 : token(name.charAt(t));
            }
        }
        return new Tensor[] {Tensor.of(inputs, b, steps), Tensor.of(targets, b, steps)};
    }
}
