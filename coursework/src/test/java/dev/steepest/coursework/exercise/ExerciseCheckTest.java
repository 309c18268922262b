package dev.steepest.coursework.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.coursework.ExerciseJars;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks a student runs on their own machine: the reference solutions pass every check against PyTorch's and
 * Gymnasium's numbers, and a solution with one mistake fails the check that names it, with the values.
 */
class ExerciseCheckTest {
    @TempDir
    Path work;

    private Object load(String kind, String className, String from, String to) throws Exception {
        String source = ExerciseJars.source(kind, className);
        if (from != null) {
            assertTrue(source.contains(from), from);
            source = source.replace(from, to);
        }
        Path jar = ExerciseJars.build(work, className + ".jar", Map.of("solution." + className, source));
        return ExerciseJars.load(jar, "solution." + className);
    }

    private ExerciseReport op(String className, String from, String to) throws Exception {
        return ExerciseCheck.op((OpExercise) load("ops", className, from, to));
    }

    private ExerciseReport module(String className, String from, String to) throws Exception {
        return ExerciseCheck.module((ModuleExercise<?>) load("modules", className, from, to));
    }

    private ExerciseReport environment(String className, String from, String to) throws Exception {
        Object first = load("environments", className, from, to);
        Supplier<EnvironmentExercise> make = () -> {
            try {
                return (EnvironmentExercise) first.getClass().getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
        return ExerciseCheck.environment(make);
    }

    private static String failure(ExerciseReport report, String check) {
        for (ExerciseReport.Check c : report.checks()) {
            if (c.name().startsWith(check)) {
                assertFalse(c.passed(), report.toString());
                return c.detail();
            }
        }
        throw new AssertionError("no check '" + check + "' in\n" + report);
    }

    @Test
    void theReferenceSolutionsPassEveryCheck() throws Exception {
        for (String op : new String[] {"Softplus", "Logsumexp", "MaxOverPoints"}) {
            ExerciseReport r = op(op, null, null);
            r.assertPassed();
            assertEquals(4, r.passedCount(), r.toString());
        }
        for (String m : new String[] {"LstmCell", "AttentionHead"}) {
            ExerciseReport r = module(m, null, null);
            r.assertPassed();
            assertEquals(5, r.passedCount(), r.toString());
        }
        ExerciseReport car = environment("MountainCar", null, null);
        car.assertPassed();
        assertEquals(7, car.passedCount(), car.toString());
        ExerciseReport acrobot = environment("Acrobot", null, null);
        acrobot.assertPassed();
        assertEquals(6, acrobot.passedCount(), acrobot.toString());
    }
}
