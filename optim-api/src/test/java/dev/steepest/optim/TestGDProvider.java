package dev.steepest.optim;

import dev.steepest.core.Tensor;
import java.util.List;

/** Registered for optim-api's tests in src/test/resources/META-INF/services. */
public final class TestGDProvider implements OptimizerProvider {

    static final List<Hyperparameter> HYPERPARAMETERS = List.of(
            Hyperparameter.number("lr", 0.001, Hyperparameter.Range.atLeast(0), "learning rate"),
            Hyperparameter.number("momentum", 0.0, Hyperparameter.Range.halfOpen(0, 1), "momentum factor"),
            Hyperparameter.flag("nesterov", false, "unused"));

    @Override public String name() { return "testgd"; }
    @Override public String description() { return "a test optimizer"; }
    @Override public List<Hyperparameter> hyperparameters() { return HYPERPARAMETERS; }
    @Override public Optimizer create(List<Tensor> params, Options options) { return new TestGD(params, options); }

    /** Another provider claiming the same name. */
    public static class Duplicate implements OptimizerProvider {
        @Override public String name() { return "testgd"; }
        @Override public String description() { return "a second testgd"; }
        @Override public List<Hyperparameter> hyperparameters() { return HYPERPARAMETERS; }
        @Override public Optimizer create(List<Tensor> params, Options options) { return new TestGD(params, options); }
    }

    /** A provider whose constructor throws. */
    public static final class Throwing extends Duplicate {
        public Throwing() {
            throw new IllegalStateException("cannot start: no GPU");
        }
    }

    /** A provider without a public no-argument constructor. */
    public static final class NoDefaultConstructor extends Duplicate {
        public NoDefaultConstructor(int x) {
        }
    }

    /** A provider whose description() returns null. */
    public static final class NullDescription extends Duplicate {
        @Override public String name() { return "nulldescription"; }
        @Override public String description() { return null; }
    }

    /** A provider whose hyperparameters() throws. */
    public static final class ThrowingHyperparameters extends Duplicate {
        @Override public String name() { return "throwinghps"; }
        @Override public List<Hyperparameter> hyperparameters() { throw new UnsupportedOperationException("not written yet"); }
    }
}
