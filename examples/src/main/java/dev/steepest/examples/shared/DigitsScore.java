package dev.steepest.examples.shared;

import dev.steepest.core.Autograd;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.data.Batch;
import dev.steepest.nn.data.DataLoader;
import dev.steepest.nn.loss.CrossEntropyLoss;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import java.util.Map;

/**
 * Scores generated digits the way the Inception score scores generated photographs, with the
 * {@code digits} example's CNN as the judge: exp(E_x[KL(p(y|x) ‖ p(y))]), where p(y|x) is the
 * classifier's belief about one image and p(y) its average over all images. It is 1 when every
 * image looks alike (or like nothing), and 10 when every image is clearly one digit and all ten
 * digits are equally common. It also counts the classes that the images are taken for.
 */
public final class DigitsScore {
    /** A class counts as seen when at least this share of the images is taken for it. */
    public static final double SEEN = 0.01;

    /** A score: the exp-KL figure and how many of the ten classes are seen. */
    public record Score(double value, int classes) {
    }

    private final DigitsNet classifier;
    private final float accuracy;

    private DigitsScore(DigitsNet classifier, float accuracy) {
        this.classifier = classifier;
        this.accuracy = accuracy;
    }

    /**
     * Trains the judge: the digits example's CNN, a few epochs of Adam (lr 0.003) on the training
     * images, scaled to [0, 1] as that example has them.
     *
     * @param data the digits, split
     * @param epochs how many passes over the training images
     * @param seed seeds the weights and the shuffles
     * @return the judge, with its test accuracy
     */
    public static DigitsScore train(DigitsData data, int epochs, long seed) {
        DigitsNet net = new DigitsNet(data.side(), new Generator(seed));
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        Optimizer optimizer = Optimizers.create("adam", net.parameters(), Options.empty().with("lr", 0.003));
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (Batch batch : new DataLoader(data.train(), DigitsNet.BATCH, /* shuffle */ true, /* dropLast */ false,
                    new Generator(seed + epoch))) {
                optimizer.zeroGrad();
                Tensor loss = criterion.forward(net.forward(batch.inputs()), batch.targets());
                loss.backward();
                optimizer.step();
            }
        }
        return new DigitsScore(net, (float) Evaluate.confusion(net, data.test(), 10, 500).accuracy());
    }

    /** @return the judge's accuracy on the test digits, in [0, 1] */
    public float accuracy() {
        return accuracy;
    }

    /**
     * @param images [n, 1, 8, 8] with pixels in [0, 1]
     * @return exp(E[KL(p(y|x) ‖ p(y))]) and the classes seen
     */
    public Score score(Tensor images) {
        float[] p;
        try (var off = Autograd.noGrad()) {
            classifier.eval();
            p = classifier.forward(images).softmax(1).toArray();    // p(y|x), one row per image
        }
        int n = images.size(0);
        double[] marginal = new double[10];                          // p(y)
        int[] taken = new int[10];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int y = 0; y < 10; y++) {
                marginal[y] += p[i * 10 + y] / n;
                best = p[i * 10 + y] > p[i * 10 + best] ? y : best;
            }
            taken[best]++;
        }
        double kl = 0;                                               // E_x[Σ_y p(y|x) log(p(y|x) / p(y))]
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < 10; y++) {
                double q = p[i * 10 + y];
                if (q > 0) {
                    kl += q * Math.log(q / marginal[y]) / n;
                }
            }
        }
        int classes = 0;
        for (int count : taken) {
            classes += count >= SEEN * n ? 1 : 0;
        }
        return new Score(Math.exp(kl), classes);
    }
}
