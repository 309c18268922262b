package dev.steepest.examples.names;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.train.command.BadInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
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
    /** The longest name read: the transformer sees 16 tokens, the start mark and 15 letters (the data's longest names). */
    static final int MAX_LETTERS = NamesTransformer.CONTEXT - 1;
    /** The characters of a line kept for its message; blanks around a name fit too. */
    private static final int KEPT = MAX_LETTERS + 40;
    /** The target of a padding position, skipped by the loss (CrossEntropyLoss's ignore index). */
    static final int IGNORE = -1;

    private final List<String> train;
    private final List<String> test;

    private NamesData(List<String> train, List<String> test) {
        this.train = train;
        this.test = test;
    }

    /**
     * Reads the names from the class path (the jar's, or a file of one's own put earlier on the class
     * path) and splits them.
     *
     * @param testSize how many names are held out (the rest train)
     * @param seed shuffles the names before the split
     * @throws BadInput when the file is missing, holds no more names than the test set, or a line is not a name
     */
    static NamesData load(int testSize, long seed) {
        return load(resource(), testSize, seed);
    }

    /** As {@link #load(int, long)}, from the names in {@code source}. */
    static NamesData load(URL source, int testSize, long seed) {
        List<String> names = read(source);
        if (names.size() <= testSize) {
            throw new BadInput("names: " + source + " holds " + names.size() + " name(s); it needs more than " + testSize + " (" + testSize
                    + " are held out to measure the test loss, the rest train), one name a line");
        }
        Generator g = new Generator(seed);
        for (int i = names.size() - 1; i > 0; i--) {              // Fisher-Yates
            int j = g.nextInt(i + 1);
            names.set(j, names.set(i, names.get(j)));
        }
        int cut = names.size() - testSize;
        return new NamesData(List.copyOf(names.subList(0, cut)), List.copyOf(names.subList(cut, names.size())));
    }

    /** @return every name in the jar's file (or the one earlier on the class path), in file order */
    static List<String> read() {
        return read(resource());
    }

    /** @return where the names come from: the first {@link #RESOURCE} on the class path */
    private static URL resource() {
        URL source = NamesData.class.getResource(RESOURCE);
        if (source == null) {
            throw new BadInput("names: " + RESOURCE + " is missing from the class path; it ships in the examples' jar, so run the jar "
                    + "(or put a file of one name a line at that path)");
        }
        return source;
    }

    /**
     * Reads one name a line: 1 to {@link #MAX_LETTERS} lower-case letters a-z, surrounding blanks ignored.
     * A line is read only up to one character past that length, so a huge line costs no memory.
     *
     * @param source the file
     * @return its names, in file order
     * @throws BadInput naming the line, what it holds and what a name is
     */
    static List<String> read(URL source) {
        List<String> names = new ArrayList<>();
        try (Reader reader = new BufferedReader(new InputStreamReader(source.openStream(), StandardCharsets.UTF_8))) {
            StringBuilder line = new StringBuilder();
            long length = 0;
            for (int c = reader.read(); ; c = reader.read()) {
                if (c == '\n' || c == -1) {
                    if (c == -1 && length == 0) {
                        break;                                     // the end of the file, after the last line's newline
                    }
                    names.add(name(source, names.size() + 1, line.toString().strip(), length));
                    line.setLength(0);
                    length = 0;
                    if (c == -1) {
                        break;
                    }
                } else if (length++ < KEPT) {                   // a longer line is counted, not kept
                    line.append((char) c);
                }
            }
        } catch (IOException e) {
            throw new BadInput("names: cannot read " + source + ": " + e.getMessage(), e);
        }
        return names;
    }

    /** @return the name a line holds, or BadInput saying why it is not one */
    private static String name(URL source, int number, String text, long length) {
        if (text.length() > MAX_LETTERS) {
            throw new BadInput("names: line " + number + " of " + source + " has " + (length > KEPT ? length : text.length())
                    + " characters; a name has 1 to " + MAX_LETTERS + " letters a-z (the model reads at most " + (MAX_LETTERS + 1)
                    + " steps: the start mark and the letters)");
        }
        if (!text.matches("[a-z]+")) {
            throw new BadInput("names: line " + number + " of " + source + " is '" + text + "', not a name; a name has 1 to "
                    + MAX_LETTERS + " letters a-z, one name a line");
        }
        return text;
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
     * @return inputs [B, T] of tokens and targets [B, T] of tokens or {@link #IGNORE}, as int64
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
        return new Tensor[] {Tensor.of(inputs, b, steps).toLong(), Tensor.of(targets, b, steps).toLong()};
    }
}
