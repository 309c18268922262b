package dev.steepest.examples.names;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.train.command.Output;
import dev.steepest.train.plot.HeatMap;
import dev.steepest.train.plot.Pictures;
import dev.steepest.train.plot.Plot;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The pictures of the {@code names} example: train and test loss against step with the bigram
 * baseline; for the transformer also the attention of each head and layer over a sampled name, and
 * its test loss beside every other model's curve found in the output folder.
 */
final class NamesPictures {
    private static final String CURVE_SUFFIX = "-curve.csv";

    private NamesPictures() {
    }

    /** Draws {@code names-loss.png} and writes the test curve to {@code names-<model>-curve.csv} in the output folder. */
    static void write(Output output, NamesLanguageModel.Curve curve, double bigram, String cell) throws IOException {
        int n = curve.steps().size();
        double[] steps = new double[n], train = new double[n], test = new double[n];
        StringBuilder csv = new StringBuilder("step,seconds,train,test\n");
        for (int i = 0; i < n; i++) {
            steps[i] = curve.steps().get(i);
            train[i] = curve.train().get(i);
            test[i] = curve.test().get(i);
            csv.append(String.format(Locale.ROOT, "%d,%.3f,%.5f,%.5f%n", curve.steps().get(i), curve.seconds().get(i), train[i], test[i]));
        }
        double[] ends = {0, steps[n - 1]};
        Plot plot = new Plot("names: " + cell + " against the bigram baseline", "step", "cross-entropy (nats per character)")
                .line(cell + " train (mean since the last point)", steps, train)
                .line(cell + " test (1,000 held-out names)", steps, test)
                .line(String.format(Locale.ROOT, "bigram test %.3f", bigram), ends, new double[] {bigram, bigram});
        output.write("names-loss.png", stream -> plot.png(stream, 800, 480));
        output.write("names-" + cell + CURVE_SUFFIX, stream -> stream.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Draws {@code names-compare.png}: the test loss of every model whose curve is in the output
     * folder, against training time, with the bigram baseline.
     *
     * @return the models drawn
     */
    static List<String> compare(Output output, double bigram) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(output.folder())) {
            files = listing.filter(p -> p.getFileName().toString().startsWith("names-") && p.getFileName().toString().endsWith(CURVE_SUFFIX))
                    .sorted().toList();
        }
        Plot plot = new Plot("names: test loss against training time", "training time (s)", "test cross-entropy (nats per character)");
        List<String> models = new ArrayList<>();
        double end = 1;
        for (Path file : files) {
            String name = file.getFileName().toString();
            String model = name.substring("names-".length(), name.length() - CURVE_SUFFIX.length());
            List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8).stream().skip(1).filter(l -> !l.isBlank()).toList();
            double[] seconds = new double[rows.size()], test = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                String[] cells = rows.get(i).split(",");
                seconds[i] = Double.parseDouble(cells[1]);
                test[i] = Double.parseDouble(cells[3]);
            }
            if (rows.isEmpty()) continue;
            end = Math.max(end, seconds[rows.size() - 1]);
            plot.line(String.format(Locale.ROOT, "%s (%.3f after %.0f s)", model, test[rows.size() - 1], seconds[rows.size() - 1]), seconds, test);
            models.add(model);
        }
        plot.line(String.format(Locale.ROOT, "bigram %.3f", bigram), new double[] {0, end}, new double[] {bigram, bigram});
        output.write("names-compare.png", stream -> plot.png(stream, 800, 480));
        return models;
    }

    /**
     * Draws {@code names-attention.png}: for each layer (a row) and head (a column), where each
     * letter of '.' + name looks (rows: the letter that predicts the next, columns: the letters it
     * attends to; the causal mask leaves the upper triangle empty).
     */
    @SuppressWarnings("try")   // the noGrad scope is used for its effect
    static void attention(Output output, NamesTransformer model, String name) throws IOException {
        long[] tokens = new long[name.length() + 1];
        List<String> letters = new ArrayList<>(List.of("."));
        for (int i = 0; i < name.length(); i++) {
            tokens[i + 1] = NamesData.token(name.charAt(i));
            letters.add(String.valueOf(name.charAt(i)));
        }
        List<Tensor> maps;
        model.eval();
        try (var off = Autograd.noGrad()) {
            maps = model.attention(Tensor.of(tokens, 1, tokens.length));
        } finally {
            model.train();
        }
        List<BufferedImage> rows = new ArrayList<>();
        for (int layer = 0; layer < maps.size(); layer++) {
            Tensor heads = maps.get(layer);                                 // [H, T, T]
            List<BufferedImage> row = new ArrayList<>();
            for (int h = 0; h < heads.size(0); h++) {
                double[][] values = new double[tokens.length][tokens.length];
                for (int q = 0; q < tokens.length; q++)
                    for (int k = 0; k < tokens.length; k++) values[q][k] = Math.round(heads.get(h, q, k) * 10) / 10.0;   // one decimal: the cells are small
                row.add(new HeatMap("layer " + (layer + 1) + ", head " + (h + 1), "looks at", "letter", letters, letters, values)
                        .image(300, 280));
            }
            rows.add(Pictures.beside(row.toArray(new BufferedImage[0])));
        }
        BufferedImage grid = below(rows);
        output.write("names-attention.png", stream -> Pictures.png(grid, stream));
    }

    /** Stacks pictures top to bottom, left-aligned, on white. */
    private static BufferedImage below(List<BufferedImage> pictures) {
        int width = pictures.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        int height = pictures.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage image = Pictures.blank(width, Math.max(1, height));
        Graphics2D g = image.createGraphics();
        int y = 0;
        for (BufferedImage p : pictures) {
            g.drawImage(p, 0, y, null);
            y += p.getHeight();
        }
        g.dispose();
        return image;
    }
}
