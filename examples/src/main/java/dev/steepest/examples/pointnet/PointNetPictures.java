package dev.steepest.examples.pointnet;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.train.command.Output;
import dev.steepest.train.console.ConfusionMatrix;
import dev.steepest.train.plot.HeatMap;
import dev.steepest.train.plot.Pictures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The pictures of the {@code pointnet} example: one training cloud of each shape
 * ({@code pointnet-gallery.png}) and, for one test cloud of each of four shapes, the critical points
 * that win the max pool, in red ({@code pointnet-critical.png}); the test set's confusion matrix
 * ({@code pointnet-confusion.png}).
 */
final class PointNetPictures {
    private PointNetPictures() {
    }

    /** Draws the pictures and writes them to the output folder. */
    static void write(Output output, PointNetModel model, PointClouds.Clouds train, PointClouds.Clouds test,
            ConfusionMatrix matrix) throws IOException {
        List<CloudPictures.Panel> gallery = new ArrayList<>();
        for (int c = 0; c < PointClouds.CLASSES.size(); c++) {
            gallery.add(new CloudPictures.Panel(cloud(train, first(train, c)), PointClouds.CLASSES.get(c), null));
        }
        output.write("pointnet-gallery.png", stream -> Pictures.png(CloudPictures.draw(gallery, 4), stream));

        List<CloudPictures.Panel> critical = new ArrayList<>();
        model.eval();
        try (var off = Autograd.noGrad()) {
            for (int c : new int[] {1, 3, 4, 5}) {                       // cube, cone, torus, pyramid
                int i = first(test, c);
                float[] points = cloud(test, i);
                int n = points.length / 3;
                PointNetModel.Result result = model.run(Tensor.of(points, 1, 3, n));
                boolean[] winners = new boolean[n];
                int count = 0;
                for (int index : result.pooled().indexArray()) {
                    count += winners[index] ? 0 : 1;
                    winners[index] = true;
                }
                String predicted = PointClouds.CLASSES.get((int) result.logits().argmax().item());
                critical.add(new CloudPictures.Panel(points, PointClouds.CLASSES.get(c) + " → " + predicted + " (" + count + " critical)",
                        winners));
            }
        }
        model.train();
        output.write("pointnet-critical.png", stream -> Pictures.png(CloudPictures.draw(critical, 4), stream));

        int classes = PointClouds.CLASSES.size();
        int[][] counts = new int[classes][classes];
        for (int i = 0; i < classes; i++) {
            for (int j = 0; j < classes; j++) {
                counts[i][j] = matrix.count(i, j);
            }
        }
        HeatMap heat = HeatMap.confusion(String.format(java.util.Locale.ROOT, "pointnet: %d test clouds, %.1f %% right",
                matrix.total(), 100 * matrix.accuracy()), PointClouds.CLASSES, counts);
        output.write("pointnet-confusion.png", stream -> heat.png(stream, 760, 600));
    }

    /** @return the index of the first cloud of class c */
    private static int first(PointClouds.Clouds clouds, int c) {
        float[] labels = clouds.labels().toArray();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == c) {
                return i;
            }
        }
        throw new IllegalStateException("no cloud of class " + c);
    }

    /** @return cloud i as [3 · n] */
    private static float[] cloud(PointClouds.Clouds clouds, int i) {
        return clouds.points().select(0, i).toArray();
    }
}
