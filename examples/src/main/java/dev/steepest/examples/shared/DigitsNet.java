package dev.steepest.examples.shared;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Conv2d;
import dev.steepest.nn.Flatten;
import dev.steepest.nn.Linear;
import dev.steepest.nn.MaxPool2d;
import dev.steepest.nn.Module;
import dev.steepest.nn.ReLU;
import dev.steepest.nn.Sequential;

/**
 * The small CNN of the {@code digits} example, for square one-channel images whose side is a
 * multiple of 4 (8x8 digits, 28x28 MNIST):
 * <pre>
 * Conv2d(1, 32, 3, padding 1) - ReLU                     [32, side, side]
 * Conv2d(32, 32, 3, padding 1) - ReLU - MaxPool2d(2)     [32, side/2, side/2]
 * Conv2d(32, 64, 3, padding 1) - ReLU - MaxPool2d(2)     [64, side/4, side/4]
 * Flatten - Linear(64 * (side/4)², 10)                   ten class scores
 * </pre>
 * Initialised from one generator, layer by layer, as PyTorch does after {@code torch.manual_seed}.
 * In jshell: {@code new DigitsNet(8, new Generator(0)).forward(Tensor.zeros(1, 1, 8, 8))} gives [1, 10].
 */
public final class DigitsNet extends Module {
    /** The batch size the digits CNN trains with, in the {@code digits} chapter and as the GAN's judge. */
    public static final int BATCH = 32;

    private final Sequential layers;

    /**
     * @param side the images' height and width (a multiple of 4)
     * @param generator draws the initial weights
     */
    public DigitsNet(int side, Generator generator) {
        if (side < 4 || side % 4 != 0) {
            throw new IllegalArgumentException("DigitsNet: the image side must be a positive multiple of 4, got " + side);
        }
        int quarter = side / 4;
        layers = registerModule("layers", new Sequential(
                new Conv2d(1, 32, /* kernel */ 3, /* stride */ 1, /* padding */ 1, /* bias */ true, generator), new ReLU(),
                new Conv2d(32, 32, /* kernel */ 3, /* stride */ 1, /* padding */ 1, /* bias */ true, generator), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, /* kernel */ 3, /* stride */ 1, /* padding */ 1, /* bias */ true, generator), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(64 * quarter * quarter, 10, /* bias */ true, generator)));
    }

    @Override
    public Tensor forward(Tensor images) {
        return layers.forward(images);
    }
}
