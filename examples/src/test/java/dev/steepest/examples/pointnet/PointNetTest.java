package dev.steepest.examples.pointnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import dev.steepest.examples.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pointnet example: a short run learns far beyond chance; the model's pieces behave as PointNet's do. */
class PointNetTest {
    @TempDir
    Path dir;

    @Test
    void aShortRunBeatsChanceByAWideMarginAndDrawsItsPictures() {
        // 5 epochs of 20 steps on 64-point clouds, at a larger learning rate than the default's
        Launch.Result r = Launch.inProcess(Map.of("optimizer.lr", "0.003"), "pointnet", "--epochs", "5", "--train-per-class", "80",
                "--points", "64", "--width", "128", "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        String summary = r.line("pointnet: ");
        assertTrue(summary.startsWith("pointnet: optimizer=adam seed=0 epochs=5 points=64 width=128 test_accuracy="), summary);
        double accuracy = Double.parseDouble(summary.replaceAll(".*test_accuracy=([0-9.]+) %.*", "$1"));
        assertTrue(accuracy >= 35, "chance is 12.5 %; got " + accuracy + " %\n" + r.out());
        for (String picture : new String[] {"pointnet-gallery.png", "pointnet-critical.png", "pointnet-confusion.png"}) {
            assertTrue(Files.isRegularFile(dir.resolve(picture)), picture);
        }
        assertTrue(r.out().contains("true \\ predicted"), "the confusion matrix is printed");
    }

    @Test
    void theScoresDoNotDependOnTheOrderOfThePoints() {
        PointNetModel model = new PointNetModel(8, 32, new Generator(1));
        model.eval();
        float[] cloud = PointClouds.cloud(PointClouds.Shape.CONE, 40, new Generator(2));
        float[] reversed = new float[cloud.length];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 40; i++) {
                reversed[c * 40 + i] = cloud[c * 40 + 39 - i];
            }
        }
        float[] a = model.forward(Tensor.of(cloud, 1, 3, 40)).toArray();
        float[] b = model.forward(Tensor.of(reversed, 1, 3, 40)).toArray();
        for (int k = 0; k < a.length; k++) {
            assertEquals(a[k], b[k], 1e-5f, "score " + k);
        }
    }

    @Test
    void theTransformStartsAsTheIdentityAndItsRegulariserIsZeroForARotation() {
        PointNetModel model = new PointNetModel(8, 32, new Generator(3));
        PointNetModel.Result result = model.run(Tensor.randn(new Generator(4), 2, 3, 20));
        float[] transform = result.transform().toArray();
        for (int b = 0; b < 2; b++) {
            for (int k = 0; k < 9; k++) {
                assertEquals(k % 4 == 0 ? 1f : 0f, transform[b * 9 + k], 0f);
            }
        }
        double[][] r = PointClouds.randomRotation(new Generator(5));
        float[] rotation = new float[9];
        for (int k = 0; k < 9; k++) {
            rotation[k] = (float) r[k / 3][k % 3];
        }
        assertEquals(0f, PointNetModel.orthogonalityLoss(Tensor.of(rotation, 1, 3, 3)).item(), 1e-6f);
        // ‖I − 2I·2I‖² = 9 · 3 for twice the identity
        assertEquals(27f, PointNetModel.orthogonalityLoss(Tensor.of(new float[] {2, 0, 0, 0, 2, 0, 0, 0, 2}, 1, 3, 3)).item(), 1e-5f);
    }

    @Test
    void aWidthThatIsNotAMultipleOfFourIsRefusedWithOneLine() {
        Launch.Result r = Launch.inProcess(Map.of(), "pointnet", "--width", "30", "--out", dir.toString());
        assertEquals(2, r.status());
        assertEquals("pointnet: --width must be a multiple of 4 (the head narrows it to a half and a quarter), got 30", r.err().strip());
    }
}
