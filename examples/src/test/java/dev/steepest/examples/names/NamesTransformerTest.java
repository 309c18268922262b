package dev.steepest.examples.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.core.io.SafeTensors;
import dev.steepest.examples.Launch;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.nn.loss.Reduction;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The names chapter's transformer: 10 AdamW steps from PyTorch's initial weights give PyTorch's
 * losses and parameters (scripts/fixtures/examples_names_transformer.py) within 1e-4 relative
 * (plus 1e-6 absolute near zero; at most 1 in 10,000 values, whose gradients are near 0 so that
 * Adam's division by √v magnifies rounding, only to 1 % of their update; the attention's key bias, whose gradient is exactly 0, only stays
 * within 10 lr of 0); a short run beats the bigram baseline by a wide margin and draws
 * its pictures; bad options are refused with one line.
 */
class NamesTransformerTest {
    private static final double RTOL = 1e-4, ATOL = 1e-6;

    @TempDir
    Path dir;

    @Test
    void tenAdamWStepsFromPyTorchsInitialWeightsGivePyTorchsLossesAndWeights() throws Exception {
        SafeTensors.Contents fixture;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/examples_names_transformer.safetensors")) {
            fixture = SafeTensors.fromBytes(in.readAllBytes(), "examples_names_transformer.safetensors");
        }
        Map<String, Tensor> tensors = fixture.tensors();
        NamesTransformer model = new NamesTransformer(64, 4, 4, new Generator(0));
        Map<String, Tensor> init = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            if (k.startsWith("init.")) init.put(k.substring("init.".length()), v);
        });
        model.loadStateDict(init, true);
        CrossEntropyLoss criterion = new CrossEntropyLoss(null, Reduction.MEAN, NamesData.IGNORE);
        Optimizer optimizer = Optimizers.create("adamw", model.parameters(), Options.of("lr", 5e-4, "weight_decay", 0.01));
        String[] losses = fixture.metadata().get("losses").replaceAll("[\\[\\] ]", "").split(",");
        double worst = 0;
        String where = "-";
        for (int step = 0; step < 10; step++) {
            optimizer.zeroGrad();
            Tensor loss = criterion.forward(model.forward(tensors.get("inputs." + step).toLong()), tensors.get("targets." + step).reshape(-1).toLong());
            loss.backward();
            optimizer.step();
            double expected = Double.parseDouble(losses[step]), error = Math.abs(expected - loss.item());
            assertTrue(error <= ATOL + RTOL * Math.abs(expected), "loss of step " + step + ": " + loss.item() + ", PyTorch's " + expected);
        }
        int values = 0, updateOnly = 0;
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
            float[] expected = tensors.get("final." + e.getKey()).toArray(), actual = e.getValue().toArray();
            assertEquals(expected.length, actual.length, e.getKey());
            for (int i = 0; i < expected.length; i++) {
                if (e.getKey().endsWith("in_proj_bias") && i >= 64 && i < 128) {
                    // The key bias adds q·b_k to every score of a query's row, which the softmax takes away again: its
                    // gradient is 0 in exact arithmetic, so AdamW moves it by the sign of rounding noise, in PyTorch as here
                    // (at most lr a step); it changes no output.
                    assertTrue(Math.abs(actual[i]) <= 10 * 5e-4, e.getKey() + "[" + i + "] drifted to " + actual[i]);
                    continue;
                }
                double error = Math.abs((double) expected[i] - actual[i]);
                if (!(error <= ATOL + RTOL * Math.abs(expected[i]))) {
                    // AdamW divides by √v: where a weight's gradients are close to 0, float rounding moves its update
                    // visibly; such a value must still have moved as PyTorch's did, to 1 % of its update.
                    double start = init.get(e.getKey()).toArray()[i], update = expected[i] - start;
                    assertTrue(Math.abs((actual[i] - start) - update) <= 0.01 * Math.abs(update),
                            e.getKey() + "[" + i + "] is " + actual[i] + " after 10 steps, PyTorch's is " + expected[i] + " (from " + start + ")");
                    updateOnly++;
                    continue;
                }
                values++;
                if (Math.abs(expected[i]) >= 1e-3 && error / Math.abs(expected[i]) > worst) {
                    worst = error / Math.abs(expected[i]);
                    where = e.getKey() + "[" + i + "]";
                }
            }
        }
        System.out.printf(Locale.ROOT, "whole-model parity names_transformer: %d values within %.0e of PyTorch (worst relative error %.2e at %s),"
                + " %d more whose update is within 1 %% of PyTorch's%n", values, RTOL, worst, where, updateOnly);
        assertTrue(updateOnly <= values / 10_000, updateOnly + " values only agree in their update");
    }

    @Test
    void aShortRunBeatsTheBigramBaselineByAWideMarginAndDrawsItsPictures() {
        Launch.Result r = Launch.inProcess(Map.of(), "names", "--model", "transformer", "--steps", "1500", "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        String summary = r.line("names: ");
        assertTrue(summary.startsWith("names: optimizer=adamw seed=0 model=transformer steps=1500 bigram_loss="), summary);
        double test = Double.parseDouble(summary.replaceAll(".*test_loss=([0-9.]+) .*", "$1"));
        double bigram = Double.parseDouble(summary.replaceAll(".*bigram_loss=([0-9.]+) .*", "$1"));
        assertTrue(test < bigram - 0.15, "transformer " + test + " against the bigram's " + bigram);
        for (String picture : new String[] {"names-loss.png", "names-attention.png", "names-compare.png", "names-transformer-curve.csv"}) {
            assertTrue(Files.isRegularFile(dir.resolve(picture)), picture);
        }
    }

    @Test
    void badOptionValuesAreRefusedWithOneLine() {
        Launch.Result model = Launch.inProcess(Map.of(), "names", "--model", "transformr", "--out", dir.toString());
        assertEquals(2, model.status());
        assertEquals("names: unknown --model 'transformr'. Did you mean 'transformer'? Choose one of rnn, transformer.", model.err().strip());
        Launch.Result cell = Launch.inProcess(Map.of(), "names", "--model", "transformer", "--cell", "gru", "--out", dir.toString());
        assertEquals(2, cell.status());
        assertEquals("names: --cell chooses the recurrent layer of --model rnn; leave it out with --model transformer.", cell.err().strip());
        Launch.Result heads = Launch.inProcess(Map.of(), "names", "--model", "transformer", "--heads", "5", "--out", dir.toString());
        assertEquals(2, heads.status());
        assertEquals("names: --embedding 64 must be a multiple of --heads 5 (each head gets embedding / heads features), e.g. --embedding 64 --heads 4.",
                heads.err().strip());
        Launch.Result layers = Launch.inProcess(Map.of(), "names", "--model", "transformer", "--layers", "0", "--out", dir.toString());
        assertEquals(2, layers.status());
        assertEquals("names: --layers must be an integer in [1, 8], got '0'.", layers.err().strip());
    }
}
