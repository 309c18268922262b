package dev.steepest.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The facade's choice: with {@code --add-modules jdk.incubator.vector} (as the build runs the tests)
 * it must pick the Vector API, unless {@code -Dsteepest.kernels=java} asks for plain Java (as CI's
 * second run of the core and nn suites does), and it must say which.
 */
class KernelsTest {

    @Test
    void theFacadeUsesTheKernelsItWasAskedForAndTheVectorApiByDefault() {
        assertTrue(Kernels.vectorApiPresent(), "the build runs tests with --add-modules jdk.incubator.vector");
        String asked = System.getProperty("steepest.kernels", "auto");
        String expected = asked.equals("java") ? "plain Java" : "Vector API";
        assertTrue(Kernels.describe().startsWith(expected), "steepest.kernels=" + asked + ": " + Kernels.describe());
    }

    @Test
    void theSeedsConvolutionGivesTheReferenceAnswer() {
        // Conv2d(1, 4, kernel 4, no bias) on one 4x4 image: four dot products of length 16
        ConvGeometry g = new ConvGeometry(1, 1, 4, 4, 4, 4, 4, 1, 0);
        float[] input = new float[16], weight = new float[64];
        for (int i = 0; i < 16; i++) {
            input[i] = i % 3 - 1;
        }
        for (int i = 0; i < 64; i++) {
            weight[i] = (i % 5) * 0.25f;
        }
        float[] expected = new float[4], actual = new float[4];
        ReferenceKernels.conv2dForward(g, input, weight, null, expected);
        Kernels.conv2dForward(g, input, weight, null, actual);
        assertArrayEquals(expected, actual); // small integers and quarters: exact in any order
        assertEquals(4, g.outputSize());
    }

    /**
     * A Vector API value passed to a method that C2 does not inline is boxed; on JDK 25 such a call
     * in the micro-kernel (a 43-byte two-vector store, not inlined at a cold call site) made every
     * dense workload two to six times slower than on JDK 17. So kernels pass vectors only to
     * {@code VectorGemm.store}, which is 26 bytes of bytecode: under the 35 bytes that C2 inlines
     * wherever it is called from. A new method taking a vector must be as small, and be named here.
     */
    @Test
    void onlyTheOneTinyStoreTakesAVectorArgument() throws IOException, URISyntaxException, ClassNotFoundException {
        Path folder = Path.of(Kernels.class.getResource("Kernels.class").toURI()).getParent();
        List<String> takingVectors = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class")) {
                    continue;
                }
                Class<?> type = Class.forName(Kernels.class.getPackageName() + "." + name.replace(".class", ""));
                for (Method method : type.getDeclaredMethods()) {
                    if (Arrays.stream(method.getParameterTypes())
                            .anyMatch(p -> p.getName().startsWith("jdk.incubator.vector."))) {
                        takingVectors.add(type.getSimpleName() + "." + method.getName());
                    }
                }
            }
        }
        assertEquals(List.of("VectorGemm.store"), takingVectors);
    }
}
