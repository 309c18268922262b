package dev.steepest.examples.pointnet;

import dev.steepest.core.Autograd;
import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.nn.Linear;
import dev.steepest.nn.Module;
import dev.steepest.nn.Sequential;

/**
 * PointNet's input transform network (T-Net): a small PointNet of its own that looks at the whole
 * cloud and predicts a 3x3 matrix to multiply every point by, so that the classifier sees the
 * cloud in a pose of its own choosing (Qi et al., "PointNet", CVPR 2017, section 4.2).
 * <pre>
 * shared MLP 3-64-128-width (Conv1d k=1 + BatchNorm1d + ReLU)     [B, width, N]
 * max over the points                                            [B, width]
 * FC width-width/2-width/4 (Linear + BatchNorm1d + ReLU)         [B, width/4]
 * Linear(width/4, 9), viewed as 3x3, plus the identity           [B, 3, 3]
 * </pre>
 * The last layer starts at zero, so the transform starts as the identity (as in the paper's code).
 */
public final class TNet extends Module {
    private final Sequential points;
    private final Sequential global;
    private final Linear matrix;

    /**
     * @param width the width of the last shared layer
     * @param generator draws the initial weights
     */
    public TNet(int width, Generator generator) {
        points = registerModule("points", PointNetModel.sharedMlp(new int[] {3, 64, 128, width}, generator));
        global = registerModule("global", PointNetModel.fullyConnected(new int[] {width, width / 2, width / 4}, generator));
        matrix = registerModule("matrix", new Linear(width / 4, 9, /* bias */ true, generator));
        try (var off = Autograd.noGrad()) {
            matrix.weight().zero_();
            matrix.bias().zero_();
        }
    }

    /**
     * @param cloud [B, 3, N]
     * @return the transforms [B, 3, 3]
     */
    @Override
    public Tensor forward(Tensor cloud) {
        Tensor features = points.forward(cloud).max(2, /* keepdim */ false);              // [B, width]: max over the points
        Tensor offset = matrix.forward(global.forward(features));           // [B, 9]
        return offset.view(-1, 3, 3).add(PointNetModel.IDENTITY);
    }
}
