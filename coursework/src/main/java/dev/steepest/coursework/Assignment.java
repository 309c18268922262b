package dev.steepest.coursework;

import dev.steepest.coursework.exercise.Catalog;
import dev.steepest.coursework.exercise.EnvironmentExercise;
import dev.steepest.coursework.exercise.ModuleExercise;
import dev.steepest.coursework.exercise.OpExercise;
import dev.steepest.optim.OptimizerProvider;
import java.util.Locale;

/**
 * What {@code grade --assignment KIND} grades: an optimizer plugin (the default), or an exercise of
 * {@link dev.steepest.coursework.exercise}: an op, a module or an environment. Each kind is found through its own
 * services file in the student's jar, and names the template a student starts from.
 */
enum Assignment {
    OPTIMIZER(OptimizerProvider.class, "optimizer-plugin", "optimizer"),
    OP(OpExercise.class, "op-exercise", String.join(", ", Catalog.names(Catalog.OPS))),
    MODULE(ModuleExercise.class, "module-exercise", String.join(", ", Catalog.names(Catalog.MODULES))),
    ENVIRONMENT(EnvironmentExercise.class, "environment-exercise", String.join(", ", Catalog.names(Catalog.ENVIRONMENTS)));

    /** The interface a student's class implements. */
    final Class<?> api;
    /** The template under templates/ a student copies. */
    final String template;
    /** What the assignment can ask for, in words. */
    final String choices;

    Assignment(Class<?> api, String template, String choices) {
        this.api = api;
        this.template = template;
        this.choices = choices;
    }

    /** @return the word on the command line: optimizer, op, module or environment */
    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the services file that lists a submission's classes of this kind */
    String services() {
        return "META-INF/services/" + api.getName();
    }

    /** @return the kind named by {@code --assignment}, or a message listing the kinds */
    static Assignment of(String word) {
        for (Assignment a : values()) {
            if (a.word().equals(word.trim())) return a;
        }
        throw new IllegalArgumentException("grade: --assignment must be optimizer, op, module or environment, got '" + word + "'");
    }
}
