package dev.steepest.coursework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Autograd;
import dev.steepest.core.Curvature;
import dev.steepest.core.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hessian-vector products across the channel, without a child JVM: the grader's half answers
 * requests from its own graph and refuses those no honest harness sends; the child's half gives a
 * plugin gradients and a loss through which H·v, asked of the grader, equals H·v in one JVM.
 */
class RemoteCurvatureTest {

    private static Wire.In roundTrip(Wire.Out out) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        out.send(bytes);
        return Wire.In.read(new ByteArrayInputStream(bytes.toByteArray()));
    }

    /** The grader's side: f(a, b) = Σ a³ + Σ a·b over a [2] and b [2], its gradients kept with their graph. */
    private static final class Grader {
        final List<Tensor> params = List.of(Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true),
                Tensor.of(new float[] {-1f, 0.5f}, 2).requiresGrad(true));
        final List<Tensor> sent;

        Grader() {
            Tensor a = params.get(0), b = params.get(1);
            a.pow(3f).sum().add(a.mul(b).sum()).backward(true);
            sent = List.of(a.grad(), b.grad());
        }

        /** The channel as the child sees it: each request crosses the wire to the grader's half and back. */
        RemoteCurvature.Channel channel() {
            return v -> RemoteCurvature.products(roundTripUnchecked(RemoteCurvature.answer(roundTripUnchecked(RemoteCurvature.request(v)),
                    params, sent)));
        }
    }

    private static Wire.In roundTripUnchecked(Wire.Out out) {
        try {
            return roundTrip(out);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[][] values(List<Tensor> grads) {
        return grads.stream().map(Tensor::toArray).toArray(float[][]::new);
    }

    private static List<Tensor> childParams(Grader grader) {
        List<Tensor> ps = new ArrayList<>();
        for (Tensor p : grader.params) ps.add(Tensor.of(p.toArray(), p.shape()).requiresGrad(true));
        return ps;
    }

    @Test
    void hvpInTheChildThroughTheGradersGraphEqualsHvpInOneJvm() {
        Grader grader = new Grader();
        List<Tensor> v = List.of(Tensor.of(new float[] {1f, -2f}, 2), Tensor.of(new float[] {0.5f, 3f}, 2));
        List<Tensor> expected = Curvature.hvp(grader.sent, grader.params, v);   // [6a⊙v_a + v_b, v_a] = [6.5, -21], [1, -2]
        assertArrayEquals(new float[] {6.5f, -21f}, expected.get(0).toArray());
        assertArrayEquals(new float[] {1f, -2f}, expected.get(1).toArray());

        List<Tensor> ps = childParams(grader);
        RemoteCurvature.Gradients g = RemoteCurvature.gradients(ps, values(grader.sent), new boolean[] {true, true}, grader.channel());
        List<Tensor> grads = List.of(g.get(0), g.get(1));
        assertTrue(grads.get(0).gradFn() != null && grads.get(1).gradFn() != null, grads.toString());
        List<Tensor> hv = Curvature.hvp(grads, ps, v);
        for (int i = 0; i < 2; i++) assertArrayEquals(expected.get(i).toArray(), hv.get(i).toArray(), 0f);
        assertArrayEquals(grader.sent.get(0).toArray(), grads.get(0).toArray(), 0f);

        // the closure's loss, differentiated as PyTorch's plugins do: its gradients have the same graph
        Tensor loss = g.loss(3.25f, ps);
        assertEquals(3.25f, loss.item());
        List<Tensor> again = Autograd.grad(loss, ps, true, true);
        List<Tensor> hvAgain = Curvature.hvp(again, ps, v);
        for (int i = 0; i < 2; i++) assertArrayEquals(expected.get(i).toArray(), hvAgain.get(i).toArray(), 0f);
    }

    @Test
    void aGradientTheGraderHasLetGoOfCannotBeDifferentiatedAgain() {
        Grader grader = new Grader();
        List<Tensor> ps = childParams(grader);
        RemoteCurvature.Gradients g = RemoteCurvature.gradients(ps, values(grader.sent), new boolean[] {true, true}, grader.channel());
        g.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Curvature.hvp(List.of(g.get(0), g.get(1)), ps, List.of(Tensor.ones(2), Tensor.ones(2))));
        assertEquals("a Hessian-vector product through a gradient the grader no longer holds: grade keeps the graph of the latest "
                + "gradients it sent, for the step that sent them; take H·v in the same step, through the gradients now in grad() "
                + "(not kept from an earlier step or closure call)", e.getMessage());
    }

    @Test
    void aGradientWithoutAGraphInTheGraderHasNoneInTheChild() {
        Grader grader = new Grader();
        List<Tensor> ps = childParams(grader);
        RemoteCurvature.Gradients g = RemoteCurvature.gradients(ps, new float[][] {{1f, 2f}, null}, new boolean[] {false, false},
                grader.channel());
        assertEquals(null, g.get(0).gradFn());
        assertEquals(null, g.get(1));
        assertEquals(null, g.loss(1f, ps).gradFn());   // a plain number, as before: a first-order plugin sees no change
    }

    @Test
    void aProductOfTheWrongSizeFromTheGraderIsAnErrorInTheChild() {
        Grader grader = new Grader();
        List<Tensor> ps = childParams(grader);
        RemoteCurvature.Gradients g = RemoteCurvature.gradients(ps, values(grader.sent), new boolean[] {true, true},
                v -> new float[][] {{1f, 2f, 3f}, {1f, 2f}});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Curvature.hvp(List.of(g.get(0), g.get(1)), ps, List.of(Tensor.ones(2), Tensor.ones(2))));
        assertEquals("the grader's H·v for parameter 0 has 3 values for 2", e.getMessage());
    }

    private static String refused(Grader grader, List<Tensor> sent, Wire.Out request) throws Exception {
        Wire.In asked = roundTrip(request);
        return assertThrows(Wire.BrokenMessage.class, () -> RemoteCurvature.answer(asked, grader.params, sent)).getMessage();
    }

    @Test
    void theGraderRefusesAVectorLargerThanItsParameterBeforeComputingAnything() throws Exception {
        Grader grader = new Grader();
        assertEquals("a vector of 1000000 values for parameter 1 of 2 elements in a Hessian-vector product (one value per element)",
                refused(grader, grader.sent, RemoteCurvature.request(new float[][] {{1f, 1f}, new float[1_000_000]})));
        assertEquals("3 vectors for a Hessian-vector product about 2 parameters",
                refused(grader, grader.sent, RemoteCurvature.request(new float[][] {{1f, 1f}, {1f, 1f}, {1f, 1f}})));
        assertEquals("a vector for parameter 1, whose gradient the grader sent without a graph (H·v is taken only through a "
                + "gradient sent with its graph)", refused(grader, Arrays.asList(grader.sent.get(0), null),
                RemoteCurvature.request(new float[][] {{1f, 1f}, {1f, 1f}})));
        assertEquals("a Hessian-vector product asked before the grader sent any gradient in this step",
                refused(grader, null, RemoteCurvature.request(new float[][] {{1f, 1f}, {1f, 1f}})));
        // a count that claims more than its frame holds is refused by the framing before anything is allocated
        Wire.In claim = roundTrip(new Wire.Out(Wire.HVP).integer(2).integer(1 << 30));
        assertEquals("an array of 4294967296 bytes does not fit the 0 left in its message",
                assertThrows(Wire.BrokenMessage.class, () -> RemoteCurvature.answer(claim, grader.params, grader.sent)).getMessage());
    }

    @Test
    void aNanInTheVectorGivesNanBackWithoutHarmToTheGrader() throws Exception {
        Grader grader = new Grader();
        float[][] hv = RemoteCurvature.products(roundTrip(RemoteCurvature.answer(
                roundTrip(RemoteCurvature.request(new float[][] {{Float.NaN, 0f}, {0f, 0f}})), grader.params, grader.sent)));
        assertEquals(Float.NaN, hv[0][0]);
        assertEquals(Float.NaN, hv[1][0]);
        assertEquals(0f, hv[1][1]);
    }
}
