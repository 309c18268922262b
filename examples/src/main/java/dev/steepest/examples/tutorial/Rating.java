package dev.steepest.examples.tutorial;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Conv2d;
import dev.steepest.nn.loss.MseLoss;
import dev.steepest.train.command.Command;
import dev.steepest.train.command.Option;
import dev.steepest.train.command.Run;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The seed's first part: an untrained {@code Conv2d(1, 4, 4, bias=false)} "rates" how far an input
 * is from a reference input by the mean squared error between their outputs. The same input rates
 * 0, the same pattern twice as bright rates a little, a completely different input a lot:
 * <pre>
 * Rating tensor(0.4581, grad_fn=&lt;MseLossBackward&gt;)
 * </pre>
 * The weights are drawn as PyTorch draws them after {@code torch.manual_seed(seed)}, so each
 * number equals PyTorch's for the same seed.
 */
public final class Rating implements Command {

    @Override
    public String name() {
        return "rating";
    }

    @Override
    public String summary() {
        return "an untrained conv net rates same / slightly different / completely different inputs with MSELoss";
    }

    private static final Option SEED = Option.integer("--seed", "S", 0, 0, Integer.MAX_VALUE, "seeds the conv net's initial weights");

    @Override
    public java.util.List<String> options() {
        return java.util.List.of(SEED.declared());
    }

    /** The reference input of the seed's first part. */
    static Tensor reference() {
        return Tensor.of(new float[] {
            0, 1, 0, 1,
            0, 0, 0, 0,
            0, 1, 0, 1,
            0, 0, 0, 0}, 1, 1, 4, 4);
    }

    /** The seed's "completely different" input. */
    static Tensor different() {
        return Tensor.of(new float[] {
            10, 122, 10, 122,
            1000, 200, 1000, 200,
            10, 122, 10, 122,
            1000, 200, 1000, 200}, 1, 1, 4, 4);
    }

    @Override
    public void run(Run run) {
        int seed = run.args().integer(SEED);
        PrintStream out = run.out();

        // The network: one convolution with four 4x4 filters and no bias, as torch.manual_seed(seed) draws it.
        Conv2d net = new Conv2d(1, 4, /* kernel */ 4, /* stride */ 1, /* padding */ 0, /* bias */ false, new Generator(seed));
        MseLoss criterion = new MseLoss();

        out.println("*****Learning phase*****");   // the tutorial's heading
        out.println("(The tutorial's heading: nothing trains here. The untrained net's output for this input is kept,"
                + " and each input below is rated by how far its output is from it.)");
        out.println("Input data for network learning");
        Tensor input = reference();
        out.println(input);
        Tensor learned = net.forward(input).detach();   // the features the net extracts from the reference

        out.println("*****Evaluation phase*****");
        float same = rate(out, "Enter the same data", net, criterion, input, learned);
        float slightly = rate(out, "Enter slightly different data", net, criterion, input.mul(2f), learned);
        float completely = rate(out, "Enter completely different data", net, criterion, different(), learned);
        out.printf(Locale.ROOT, "rating: seed=%d same=%.4f slightly_different=%.4f completely_different=%.4f%n",
                seed, same, slightly, completely);
    }

    private static float rate(PrintStream out, String title, Conv2d net, MseLoss criterion, Tensor input, Tensor learned) {
        out.println(title);
        out.println("input:");
        out.println(input);
        Tensor rating = criterion.forward(net.forward(input), learned);
        out.println("Rating " + rating);
        return rating.item();
    }
}
