package dev.steepest.examples.pointnet;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.core.ValuesAndIndices;
import dev.steepest.nn.BatchNorm1d;
import dev.steepest.nn.Conv1d;
import dev.steepest.nn.Dropout;
import dev.steepest.nn.Linear;
import dev.steepest.nn.Module;
import dev.steepest.nn.ReLU;
import dev.steepest.nn.Sequential;
import java.util.ArrayList;
import java.util.List;

/**
 * PointNet's classifier (Qi et al., "PointNet: Deep Learning on Point Sets for 3D Classification
 * and Segmentation", CVPR 2017), for clouds laid out [B, 3, N]:
 * <pre>
 * T-Net: a 3x3 transform per cloud                               [B, 3, 3]
 * points · transform                                             [B, 3, N]
 * shared MLP 3-64-128-width (Conv1d k=1 + BatchNorm1d + ReLU)    [B, width, N]   the same weights for every point
 * max over the points                                            [B, width]      the global feature
 * FC width-width/2-width/4 (Linear + BatchNorm1d + ReLU)         [B, width/4]
 * Dropout(0.3) - Linear(width/4, classes)                        [B, classes]
 * </pre>
 * The max pool makes the result independent of the points' order; the points whose features win
 * it are the cloud's "critical points", all that the classifier ends up looking at. The paper's
 * width is 1024; 256 is enough for the example's eight shapes. In jshell:
 * {@code new PointNetModel(8, 256, new Generator(0)).forward(Tensor.zeros(2, 3, 100))} gives [2, 8].
 */
public final class PointNetModel extends Module {
    /** The 3x3 identity the T-Net's prediction is added to. */
    static final Tensor IDENTITY = Tensor.eye(3);
    /** The weight of the orthogonality regulariser in the loss (the paper's 0.001). */
    static final float REGULARISER_WEIGHT = 0.001f;

    /**
     * What one forward pass gives.
     *
     * @param logits [B, classes]
     * @param transform the T-Net's matrices [B, 3, 3], for {@link #orthogonalityLoss}
     * @param pooled the global feature [B, width] and, for each of its channels, the point that won the max
     */
    public record Result(Tensor logits, Tensor transform, ValuesAndIndices pooled) {
    }

    private final TNet inputTransform;
    private final Sequential points;
    private final Sequential head;

    /**
     * @param classes how many classes to score
     * @param width the width of the last shared layer (the global feature's size), at least 4
     * @param generator draws the initial weights and the dropout masks
     */
    public PointNetModel(int classes, int width, Generator generator) {
        inputTransform = registerModule("input_transform", new TNet(width, generator));
        points = registerModule("points", sharedMlp(new int[] {3, 64, 128, width}, generator));
        Sequential fc = fullyConnected(new int[] {width, width / 2, width / 4}, generator);
        fc.add(new Dropout(/* p */ 0.3f, generator));
        fc.add(new Linear(width / 4, classes, /* bias */ true, generator));
        head = registerModule("head", fc);
    }

    /**
     * @param cloud [B, 3, N]
     * @return the scores, the transform and the max pool's winners
     */
    public Result run(Tensor cloud) {
        // book:start run
        Tensor transform = inputTransform.forward(cloud);                       // [B, 3, 3]
        Tensor aligned = transform.transpose(1, 2).bmm(cloud);                  // (points · T)ᵀ = Tᵀ · [3, N]
        ValuesAndIndices pooled = points.forward(aligned).maxWithIndices(2, /* keepdim */ false);   // [B, width], max over the points
        return new Result(head.forward(pooled.values()), transform, pooled);
        // book:end run
    }

    @Override
    public Tensor forward(Tensor cloud) {
        return run(cloud).logits();
    }

    /**
     * The regulariser that keeps the T-Net's transform close to a rotation: ‖I − A·Aᵀ‖²_F, the
     * squared Frobenius norm, averaged over the batch.
     *
     * @param transform [B, 3, 3]
     * @return a scalar
     */
    static Tensor orthogonalityLoss(Tensor transform) {
        Tensor product = transform.bmm(transform.transpose(1, 2));              // A·Aᵀ, [B, 3, 3]
        return IDENTITY.sub(product).square().sum().div(transform.size(0));
    }

    /** @return Conv1d(k=1) + BatchNorm1d + ReLU for each pair of neighbouring channel counts: one MLP shared by every point */
    // book:start shared-mlp
    static Sequential sharedMlp(int[] channels, Generator generator) {
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i + 1 < channels.length; i++) {
            layers.add(new Conv1d(channels[i], channels[i + 1], /* kernel */ 1, /* stride */ 1, /* padding */ 0, /* bias */ true, generator));
            layers.add(new BatchNorm1d(channels[i + 1]));
            layers.add(new ReLU(/* inplace */ true));
        }
        return new Sequential(layers.toArray(Module[]::new));
    }
    // book:end shared-mlp

    /** @return Linear + BatchNorm1d + ReLU for each pair of neighbouring sizes */
    static Sequential fullyConnected(int[] sizes, Generator generator) {
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(new Linear(sizes[i], sizes[i + 1], /* bias */ true, generator));
            layers.add(new BatchNorm1d(sizes[i + 1]));
            layers.add(new ReLU());
        }
        return new Sequential(layers.toArray(Module[]::new));
    }
}
