package dev.steepest.train.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steepest.optim.Names;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTest {
    static final List<String> OPTIONS = List.of("--steps N", "--out DIR");

    @Test
    void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() {
        Args args = Args.parse("parabola", List.of("--steps", "7", "--out=pics"), OPTIONS);
        assertEquals(7, args.integer("--steps", 50, 1, 100));
        assertEquals("pics", args.string("--out").orElseThrow());
        assertEquals(50, Args.parse("parabola", List.of(), OPTIONS).integer("--steps", 50, 1, 100), "the default when not given");
    }

    @Test
    void mistakesAreBadInputThatSaysWhatToDo() {
        assertEquals("parabola: unexpected argument 'extra'. Options: --steps N, --out DIR.",
                assertThrows(BadInput.class, () -> Args.parse("parabola", List.of("extra"), OPTIONS)).getMessage());
        assertEquals("parabola: option --steps is given twice; give it once.",
                assertThrows(BadInput.class, () -> Args.parse("parabola", List.of("--steps", "1", "--steps=2"), OPTIONS)).getMessage());
        assertEquals("parabola: --steps must be an integer in [1, 100], got '1.5'.",
                assertThrows(BadInput.class, () -> Args.parse("parabola", List.of("--steps", "1.5"), OPTIONS)
                        .integer("--steps", 50, 1, 100)).getMessage());
    }

    @Test
    void anOptionFollowedByAnotherOptionLacksItsValue() {
        List<String> options = List.of("--epochs N", "--seed S");
        assertEquals("pointnet: option --epochs needs a value: --epochs N.",
                assertThrows(BadInput.class, () -> Args.parse("pointnet", List.of("--epochs", "--seed", "1"), options)).getMessage());
        assertEquals("pointnet: option --seed needs a value: --seed S.",
                assertThrows(BadInput.class, () -> Args.parse("pointnet", List.of("--epochs", "2", "--seed"), options)).getMessage());
        assertEquals("--x", Args.parse("pointnet", List.of("--seed=--x"), options).string("--seed").orElseThrow(),
                "a value that starts with -- is given after =");
        assertEquals(-1, Args.parse("pointnet", List.of("--seed", "-1"), options).integer("--seed", 0, -5, 5),
                "a negative number is a value, not an option");
    }

    @Test
    void anOptionDeclaredOnceShowsItsDefaultAndIsReadWithItsRange() {
        Option steps = Option.integer("--steps", "N", 50, 1, 100, "gradient steps");
        Option gamma = Option.number("--gamma", "G", 0.99f, 0, 1, "discount");
        assertEquals("--steps N  gradient steps (default 50)", steps.declared());
        assertEquals("--gamma G  discount (default 0.99)", gamma.declared(), "a float default as it would be typed");
        assertEquals("--steps N", Option.integer("--steps", "N", 50, 1, 100, "").declared(), "no text, no default shown");
        List<String> declared = List.of(steps.declared(), gamma.declared());
        assertEquals(50, Args.parse("parabola", List.of(), declared).integer(steps));
        assertEquals(0.99f, (float) Args.parse("parabola", List.of(), declared).number(gamma));
        assertEquals(7, Args.parse("parabola", List.of("--steps", "7"), declared).integer(steps));
        assertEquals("parabola: --steps must be an integer in [1, 100], got '0'.", assertThrows(BadInput.class,
                () -> Args.parse("parabola", List.of("--steps", "0"), declared).integer(steps)).getMessage());
        assertEquals("parabola: --gamma must be a number in [0, 1], got '1.5'.", assertThrows(BadInput.class,
                () -> Args.parse("parabola", List.of("--gamma", "1.5"), declared).number(gamma)).getMessage());
        assertEquals("Option: --steps N needs a name starting with --, a METAVAR and a default 500.0 in [1.0, 100.0]",
                assertThrows(IllegalArgumentException.class, () -> Option.integer("--steps", "N", 500, 1, 100, "")).getMessage());
    }

    @Test
    void aFlagIsGivenAloneAndReadsAsTrue() {
        List<String> options = List.of("--latent N", "--variational");
        Args args = Args.parse("autoencoder", List.of("--variational", "--latent", "8"), options);
        assertEquals(true, args.flag("--variational"));
        assertEquals(8, args.integer("--latent", 2, 1, 64));
        assertEquals(false, Args.parse("autoencoder", List.of("--latent", "8"), options).flag("--variational"));
        assertEquals(true, Args.parse("autoencoder", List.of("--variational=true"), options).flag("--variational"));
        assertEquals(false, Args.parse("autoencoder", List.of("--variational=false"), options).flag("--variational"));
        assertEquals("autoencoder: --variational is a switch: give --variational alone (or --variational=false), not 'yes'.",
                assertThrows(BadInput.class, () -> Args.parse("autoencoder", List.of("--variational=yes"), options)
                        .flag("--variational")).getMessage());
    }

    @Test
    void spellingSuggestsOnlyCloseNames() {
        assertEquals(" Did you mean 'parabola'?", Names.didYouMean("parabolla", List.of("pattern", "parabola")));
        assertEquals("", Names.didYouMean("xyzzy", List.of("pattern", "parabola")));
        assertEquals(3, Names.distance("kitten", "sitting"));
    }
}
