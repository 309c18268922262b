package dev.steepest.examples.tutorial;

import dev.steepest.core.Autograd;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Conv2d;
import dev.steepest.nn.Module;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.optim.Optimizer;
import dev.steepest.train.command.BadInput;
import dev.steepest.train.command.Command;
import dev.steepest.train.command.Diverged;
import dev.steepest.train.command.OptimizerChoice;
import dev.steepest.train.command.Option;
import dev.steepest.train.command.Run;
import dev.steepest.train.console.ProgressBar;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seed's classifier: tell pattern A (two vertical bars) from pattern B (a frame) with a
 * {@code Conv2d(1, 4, 4, bias=false)} whose four outputs are the class scores, CrossEntropyLoss,
 * and the chosen optimizer (default: the seed's {@code sgd} with {@code lr 0.001, momentum 0.9}).
 * Two epochs of one sample per step over A and B with brightness i = 0..19, then a test on
 * pattern A with i = 999999999.
 *
 * <p>Training such a tiny net is a random experiment: {@code --seeds N} trains from seeds
 * 0..N-1 and prints the share of runs that classify the test input correctly. The weights are
 * drawn as PyTorch draws them after {@code torch.manual_seed(seed)}.
 */
public final class Pattern implements Command {
    static final int EPOCHS = 2;
    static final int TEST_BRIGHTNESS = 999_999_999;

    /** The seed's Test_Conv: a convolution, then its [1, 4, 1, 1] output viewed as [1, 4] scores. */
    public static final class TestConv extends Module {
        final Conv2d conv;

        /** @param generator draws the weights, as {@code torch.manual_seed(seed)} does: {@code new Pattern.TestConv(new Generator(0))} */
        public TestConv(Generator generator) {
            conv = registerModule("conv", new Conv2d(1, 4, /* kernel */ 4, /* stride */ 1, /* padding */ 0, /* bias */ false, generator));
        }

        @Override
        public Tensor forward(Tensor x) {
            return conv.forward(x).view(1, 4);
        }
    }

    /** What one training run gives. */
    record Result(List<Float> losses, boolean correctBefore, boolean correct) {
        float finalLoss() {
            return losses.get(losses.size() - 1);
        }

        /** @return the first step (1-based) whose loss is NaN or infinite, or 0 when every loss is finite */
        int divergedAt() {
            for (int i = 0; i < losses.size(); i++) {
                if (!Float.isFinite(losses.get(i))) {
                    return i + 1;
                }
            }
            return 0;
        }
    }

    @Override
    public String name() {
        return "pattern";
    }

    @Override
    public String summary() {
        return "the seed's classifier: a conv net learns pattern A from B (default sgd lr 0.001 momentum 0.9)";
    }

    private static final Option SEED = Option.integer("--seed", "S", 0, 0, Integer.MAX_VALUE, "seeds the initial weights of the one run");

    @Override
    public List<String> options() {
        return List.of(SEED.declared(), "--seeds N  trains from seeds 0..N-1 instead and prints the share that classify the test input correctly");
    }

    /** Pattern A: two vertical bars of brightness i. */
    static Tensor patternA(float i) {
        return Tensor.of(new float[] {0, i, 0, i, 0, i, 0, i, 0, i, 0, i, 0, i, 0, i}, 1, 1, 4, 4);
    }

    /** Pattern B: a frame of brightness i, open at the sides. */
    static Tensor patternB(float i) {
        return Tensor.of(new float[] {i, i, i, i, 0, i, 0, i, 0, i, 0, i, i, i, i, i}, 1, 1, 4, 4);
    }

    @Override
    public void run(Run run) {
        PrintStream out = run.out();
        if (run.args().string("--seeds").isPresent()) {
            if (run.args().string("--seed").isPresent()) {
                throw new BadInput("pattern: give --seed S for one run or --seeds N for runs from seeds 0..N-1, not both.");
            }
            int runs = run.args().integer("--seeds", 1, 1, 1_000_000);
            manySeeds(run, runs);
            return;
        }
        int seed = run.args().integer(SEED);
        OptimizerChoice chosen = seedSettings();   // checked before anything is printed
        out.println("Prepare a total of 40 training samples of the following patterns");
        out.println("Pattern A");
        out.println(patternA(1));
        out.println("Pattern B");
        out.println(patternB(1));
        out.println("Make sure that these two patterns can be distinguished.");
        out.println();
        Result result = train(seed, chosen, out);
        if (result.divergedAt() > 0) {
            out.printf(Locale.ROOT, "pattern: optimizer=%s seed=%d steps=%d final_loss=%s diverged%n",
                    chosen.name(), seed, result.losses().size(), pythonFloat(result.finalLoss()));
            throw new Diverged("pattern: the run diverged: the loss became " + pythonFloat(result.losses().get(result.divergedAt() - 1))
                    + " at step " + result.divergedAt() + " of " + result.losses().size()
                    + ", so the net has learned nothing; try a smaller learning rate (-Doptimizer.lr)");
        }
        out.printf(Locale.ROOT, "pattern: optimizer=%s seed=%d steps=%d final_loss=%s accuracy=%.1f %%%n",
                chosen.name(), seed, result.losses().size(),
                pythonFloat(result.finalLoss()), result.correct() ? 100.0 : 0.0);
    }

    /**
     * One run of the seed's program from one seed.
     *
     * @param seed the seed of the weights, as torch.manual_seed(seed)
     * @param chosen the optimizer to train with
     * @param out where the seed's prints go, or null for a quiet run
     * @return the losses and whether the test input was classified correctly before and after
     */
    static Result train(int seed, OptimizerChoice chosen, PrintStream out) {
        // Data: patterns A (label 0) and B (label 1) with brightness 0..19.
        List<Tensor> inputs = new ArrayList<>();
        List<Tensor> labels = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            inputs.add(patternA(i));
            labels.add(Tensor.longs(0));
        }
        for (int i = 0; i < 20; i++) {
            inputs.add(patternB(i));
            labels.add(Tensor.longs(1));
        }

        // Model, loss and optimizer.
        TestConv net = new TestConv(new Generator(seed));
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        Optimizer optimizer = chosen.create(net.parameters());

        boolean before = classifiesTestInput(net);
        if (out != null) {
            out.println("***Try before learning***");
            out.printf(Locale.ROOT, "Correct answer rate: %.1f %%%n", before ? 100.0 : 0.0);
            out.println("(Samples 0 and 20 of each epoch are the all-zero input, pattern A and B at brightness 0: a convolution"
                    + " without bias scores it 0 for every class, so its error is ln 4 = 1.3863 whatever the weights, and its"
                    + " gradient is zero.)");
            out.println("***Learning phase***");
        }
        List<Float> losses = new ArrayList<>();
        // book:start loop
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int k = 0; k < inputs.size(); k++) {
                Tensor input = inputs.get(k);
                Tensor label = labels.get(k);
                float loss = optimizer.step(() -> {      // as PyTorch's optimizer.step(closure): any optimizer, L-BFGS too
                    optimizer.zeroGrad();
                    Tensor outputs = net.forward(input);
                    Tensor l = criterion.forward(outputs, label);
                    optimizer.backward(l);               // l.backward(), with the graph if the optimizer needs it
                    return l;
                });
                losses.add(loss);
                if (out != null) {
                    out.println("\t " + epoch + "  :error=  " + pythonFloat(loss));
                }
            }
        }
        // book:end loop
        boolean after = classifiesTestInput(net);
        if (out != null) {
            out.println("***Test phase***");
            out.printf(Locale.ROOT, "Correct answer rate: %.1f %%%s%n", after ? 100.0 : 0.0,
                    after || Float.isFinite(losses.get(losses.size() - 1)) ? "" : " (the run diverged)");
        }
        return new Result(losses, before, after);
    }

    /** @return whether the net's highest score for pattern A with i = 999999999 is class 0 (A) */
    static boolean classifiesTestInput(TestConv net) {
        try (var off = Autograd.noGrad()) {
            Tensor outputs = net.forward(patternA(TEST_BRIGHTNESS));
            for (float score : outputs.toArray()) {
                if (!Float.isFinite(score)) {
                    return false;           // NaN scores answer nothing (their arg-max would be class 0, "correct")
                }
            }
            return outputs.argmax(1, /* keepdim */ false).item() == 0f;
        }
    }

    /** @return -Doptimizer's choice over the seed's {@code SGD(lr=0.001, momentum=0.9)} */
    static OptimizerChoice seedSettings() {
        return OptimizerChoice.fromSystemProperties("sgd", Map.of("lr", 0.001, "momentum", 0.9));
    }

    private static void manySeeds(Run run, int runs) {
        PrintStream out = run.out();
        OptimizerChoice chosen = seedSettings();
        String name = chosen.name();
        ProgressBar bar = run.progress("pattern " + name + " x " + runs, runs);
        int correct = 0;
        int diverged = 0;
        for (int seed = 0; seed < runs; seed++) {
            Result result = train(seed, chosen, null);
            correct += result.correct() ? 1 : 0;
            diverged += result.divergedAt() > 0 ? 1 : 0;
            bar.advance(1, correct + " correct");
        }
        bar.finish(correct + " correct");
        out.printf(Locale.ROOT, "pattern: optimizer=%s runs=%d correct_share=%.1f %%%s%n", name, runs, 100.0 * correct / runs,
                diverged == 0 ? "" : " diverged=" + diverged);
        if (diverged == runs) {
            throw new Diverged("pattern: every one of the " + runs + " runs diverged (the loss became NaN or infinite); "
                    + "try a smaller learning rate (-Doptimizer.lr)");
        }
    }

    /** @return the float printed as Python prints {@code loss.item()}: 1.3862943649291992, 8.344646857949556e-07, 0.0 */
    static String pythonFloat(float value) {
        double d = value;
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        java.math.BigDecimal exact = new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = exact.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return String.format(Locale.ROOT, "%s%se%s%02d", sign, mantissa, exponent < 0 ? "-" : "+", Math.abs(exponent));
    }
}
