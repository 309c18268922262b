package dev.steepest.examples.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Autograd;
import dev.steepest.core.Tensor;
import dev.steepest.core.ValuesAndIndices;
import dev.steepest.coursework.exercise.ExerciseCheck;
import dev.steepest.coursework.exercise.ExerciseReport;
import dev.steepest.coursework.exercise.OpExercise;
import dev.steepest.examples.autoencoder.KlExercise;
import dev.steepest.examples.dqn.TargetExercise;
import dev.steepest.examples.gan.DiscriminatorLossExercise;
import dev.steepest.examples.names.TemperatureExercise;
import dev.steepest.examples.pointnet.OrthogonalityExercise;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The book's machine-checked exercises (pages 3 to 7): each check passes a reference solution and
 * tells a typical wrong one which case it got wrong, with the values.
 */
class ExercisesTest {

    private static void assertRight(String title, String result) {
        assertTrue(result.startsWith(title + ": right ("), result);
    }

    private static void assertWrong(String start, String result) {
        assertTrue(result.startsWith(start), "expected a line starting with\n" + start + "\nbut got\n" + result);
    }

    @Test
    void theDqnTargetCheckPassesTheFormulaAndCatchesAForgottenEndOfEpisode() {
        assertRight("dqn target", TargetExercise.check((r, q, alive, gamma) -> q.max(1, false).mul(alive).mul(gamma).add(r)));
        assertWrong("dqn target: not yet. case 1 (batch of 2, gamma 0.99, every second transition the last of its episode): element 1 is ",
                TargetExercise.check((r, q, alive, gamma) -> q.max(1, false).mul(gamma).add(r)));
        assertEquals("dqn target: not yet. case 1 (batch of 2, gamma 0.99, every second transition the last of its episode): the answer has"
                + " shape [2, 1], the right one [2]", TargetExercise.check((r, q, alive, gamma) -> q.max(1, true)));
        assertEquals("dqn target: not yet. case 1 (batch of 2, gamma 0.99, every second transition the last of its episode): the answer is"
                + " null; return a tensor of shape [2]", TargetExercise.check((r, q, alive, gamma) -> null));
    }

    @Test
    void theDiscriminatorLossCheckPassesTheFormulaAndCatchesASumInsteadOfAMean() {
        assertRight("gan discriminator loss", DiscriminatorLossExercise.check(
                (real, fake) -> real.log().mean().add(fake.neg().add(1f).log().mean()).neg()));
        // with a batch of 1 the sum is the mean: the second case finds it
        assertWrong("gan discriminator loss: not yet. case 2 (batches of 4): element 0 is ", DiscriminatorLossExercise.check(
                (real, fake) -> real.log().sum().add(fake.neg().add(1f).log().sum()).neg()));
    }

    @Test
    void theKlCheckPassesTheFormulaAndCatchesAMissingHalf() {
        assertRight("vae kl", KlExercise.check((mu, logVar) -> logVar.add(1f).sub(mu.square()).sub(logVar.exp()).sum().mul(-0.5f)));
        assertWrong("vae kl: not yet. case 2 ([1, 2]): element 0 is ",
                KlExercise.check((mu, logVar) -> logVar.add(1f).sub(mu.square()).sub(logVar.exp()).sum().neg()));
        assertWrong("vae kl: not yet. case 1 (mu 0 and log variance 0, [2, 2]): the answer threw IllegalArgumentException: ",
                KlExercise.check((mu, logVar) -> mu.matmul(logVar.reshape(1, 4))));
    }

    @Test
    void theTemperatureCheckPassesTheFormulaAndCatchesAMultiplication() {
        assertRight("names temperature", TemperatureExercise.check((scores, t) -> scores.div(t).softmax(0)));
        assertWrong("names temperature: not yet. case 2 (27 scores, temperature 0.5): element ",
                TemperatureExercise.check((scores, t) -> scores.mul(t).softmax(0)));
    }

    @Test
    void theOrthogonalityCheckPassesTheFormulaAndCatchesAForgottenBatchMean() {
        assertRight("pointnet orthogonality", OrthogonalityExercise.check(
                a -> Tensor.eye(3).sub(a.bmm(a.transpose(1, 2))).square().sum().div(a.size(0))));
        assertWrong("pointnet orthogonality: not yet. case 2 (2 random transforms): element 0 is ", OrthogonalityExercise.check(
                a -> Tensor.eye(3).sub(a.bmm(a.transpose(1, 2))).square().sum()));
    }

    @Test
    void eachPageShowsWhatItsStartingAnswerPrints() throws IOException {
        Map<String, String> starts = Map.of(
                "3-pointnet.md", OrthogonalityExercise.check(transform -> transform.sum()),
                "4-sequences.md", TemperatureExercise.check((scores, t) -> scores.softmax(0)),
                "5-autoencoders.md", KlExercise.check((mu, logVar) -> mu.square().sum()),
                "6-gans.md", DiscriminatorLossExercise.check((dReal, dFake) -> dReal.log().mean().neg()),
                "7-deep-q-learning.md", TargetExercise.check((rewards, nextQ, notTerminal, gamma) -> rewards));
        starts.forEach((page, printed) -> {
            String text;
            try {
                text = Files.readString(BookTest.ROOT.resolve("docs/book").resolve(page));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertTrue(text.contains("\n   " + printed + "\n"), page + " shows what its starting answer prints:\n" + printed);
        });
    }

    /** Page 3's op exercise (grade --assignment op): the max pool over points with its own backward rule. */
    static final class MaxOverPoints implements OpExercise {
        private final boolean spreadEvenly;   // the mistake: every point gets an equal share of the gradient

        MaxOverPoints(boolean spreadEvenly) {
            this.spreadEvenly = spreadEvenly;
        }

        @Override
        public String op() {
            return "max-over-points";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            Tensor x = inputs[0];                                          // [batch, points, features]
            ValuesAndIndices max;
            try (var off = Autograd.noGrad()) {
                max = x.maxWithIndices(1, false);                          // [batch, features]
            }
            int points = x.size(1);
            return Tensor.record("MaxOverPointsBackward", max.values(), new Tensor[] {x}, new Tensor[] {max.indices()},
                    g -> new Tensor[] {spreadEvenly ? Tensor.zerosLike(x).add(g.unsqueeze(1).div(points))
                                                    : Tensor.zerosLike(x).scatter(1, max.indices().unsqueeze(1), g.unsqueeze(1))});
        }
    }

    @Test
    void pageThreesOpExerciseIsCheckedByTheCourseworksOpKind() {
        ExerciseReport right = ExerciseCheck.op(new MaxOverPoints(false));
        assertTrue(right.passed(), right.toString());
        ExerciseReport wrong = ExerciseCheck.op(new MaxOverPoints(true));
        assertTrue(wrong.checks().stream().anyMatch(c -> c.passed() && c.name().equals("forward matches PyTorch 1.13")), wrong.toString());
        assertTrue(wrong.checks().stream().anyMatch(c -> !c.passed() && c.name().equals("backward matches PyTorch 1.13")
                && c.detail().startsWith("case 1 (input ")), wrong.toString());
    }
}
