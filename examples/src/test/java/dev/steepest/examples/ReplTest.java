package dev.steepest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's jshell command: steepest.jsh on the startup, a short session that prints like PyTorch. */
class ReplTest {
    @TempDir
    Path work;

    @Test
    void aJshellSessionThroughTheStartupScriptPrintsTensorsLikePyTorch() throws Exception {
        String repl = ReadmeTest.section(ReadmeTest.readme(), "## A REPL");
        String command = ReadmeTest.blocks(repl, "").get(0).strip();
        assertEquals("jshell --class-path examples/target/steepest-examples.jar --startup DEFAULT --startup steepest.jsh", command);

        // The same command, with the test's class path standing in for the jar that `package` builds later.
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        List<String> jshell = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jshell").toString(),
                "-J-Djava.util.prefs.userRoot=" + work, "--class-path", Launch.testClassPath(),
                "--startup", "DEFAULT", "--startup", root.resolve("steepest.jsh").toString()));
        Process process = new ProcessBuilder(jshell).redirectErrorStream(true).start();
        process.getOutputStream().write(String.join("\n",
                "var x = Tensor.vector(1f).requiresGrad(true)",
                "var y = x.pow(2f).sum()",
                "y.backward()",
                "x.grad()",
                "System.out.println(new Sequential(new Linear(2, 1), new ReLU()))",
                "/exit", "").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String transcript = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), transcript);
        assertTrue(transcript.contains("x ==> tensor([1.], requires_grad=True)\n"), transcript);
        assertTrue(transcript.contains("y ==> tensor(1., grad_fn=<SumBackward>)\n"), transcript);
        assertTrue(transcript.contains("$4 ==> tensor([2.])\n"), "dy/dx = 2x = 2: " + transcript);
        assertTrue(transcript.contains("Sequential(\n  (0): Linear(in_features=2, out_features=1, bias=True)\n  (1): ReLU()\n)"),
                transcript);
        assertTrue(!transcript.contains("Error:"), "every import of steepest.jsh resolves, no snippet fails: " + transcript);
    }

    /** What a learner types to look at a chapter's model in jshell: each builder is public and gives the shapes its javadoc states. */
    @Test
    void everyChaptersModelCanBeBuiltInJshellAndHasTheShapesItsJavadocStates() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        List<String> jshell = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jshell").toString(),
                "-J-Djava.util.prefs.userRoot=" + work, "--class-path", Launch.testClassPath(),
                "--startup", "DEFAULT", "--startup", root.resolve("steepest.jsh").toString()));
        Process process = new ProcessBuilder(jshell).redirectErrorStream(true).start();
        List<String> models = List.of(
                "dev.steepest.examples.tutorial.Pattern.TestConv(new Generator(0)).forward(Tensor.zeros(1, 1, 4, 4))",
                "dev.steepest.examples.shared.DigitsNet(8, new Generator(0)).forward(Tensor.zeros(1, 1, 8, 8))",
                "dev.steepest.examples.pointnet.PointNetModel(8, 256, new Generator(0)).forward(Tensor.zeros(2, 3, 100))",
                "dev.steepest.examples.names.CharRnn(\"gru\", 64, 64, 1, new Generator(0)).forward(Tensor.zeros(2, 5).toLong())",
                "dev.steepest.examples.autoencoder.AutoencoderNet(2, false, new Generator(0)).encode(Tensor.zeros(1, 64))");
        StringBuilder session = new StringBuilder();
        for (String model : models) {
            session.append("System.out.println(\"shape \" + java.util.Arrays.toString(new ").append(model).append(".shape()))\n");
        }
        for (String builder : List.of("dev.steepest.examples.gan.Gan.generator(32, 32, new Generator(0)).forward(Tensor.zeros(2, 32, 1, 1))",
                "dev.steepest.examples.gan.Gan.discriminator(32, new Generator(0)).forward(Tensor.zeros(2, 1, 8, 8))",
                "dev.steepest.examples.dqn.Dqn.qNetwork(new dev.steepest.examples.dqn.CartPole(), new Generator(0)).forward(Tensor.zeros(3, 4))")) {
            session.append("System.out.println(\"shape \" + java.util.Arrays.toString(").append(builder).append(".shape()))\n");
        }
        session.append("/exit\n");
        process.getOutputStream().write(session.toString().getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String transcript = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), transcript);
        List<String> shapes = java.util.regex.Pattern.compile("shape \\[[0-9, ]*\\]").matcher(transcript).results()
                .map(java.util.regex.MatchResult::group).toList();
        assertEquals(List.of("shape [1, 4]", "shape [1, 10]", "shape [2, 8]", "shape [10, 27]", "shape [1, 2]",
                "shape [2, 1, 8, 8]", "shape [2, 1, 1, 1]", "shape [3, 2]"), shapes, transcript);
    }
}
