package dev.steepest.core;

/**
 * Switches the recording of operations on and off, per thread, as {@code torch.no_grad()} and
 * {@code torch.enable_grad()} do in PyTorch.
 *
 * <pre>{@code
 * try (var off = Autograd.noGrad()) {
 *     p.add_(p.grad().mul(-lr));   // an optimizer's update: not recorded
 * }
 * }</pre>
 */
public final class Autograd {

    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private Autograd() {
    }

    /** Whether operations on tensors that require grad are being recorded on this thread. */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Turns recording off until the returned scope is closed (torch.no_grad). */
    public static Scope noGrad() {
        return set(false);
    }

    /** Turns recording on until the returned scope is closed (torch.enable_grad), e.g. inside an optimizer's closure. */
    public static Scope enableGrad() {
        return set(true);
    }

    private static Scope set(boolean enabled) {
        boolean[] flag = ENABLED.get();
        Scope scope = new Scope(flag, flag[0]);
        flag[0] = enabled;
        return scope;
    }

    /** A try-with-resources scope; closing it restores the mode that was in force when it opened. */
    public static final class Scope implements AutoCloseable {
        private final boolean[] flag;
        private final boolean previous;
        private boolean closed;

        private Scope(boolean[] flag, boolean previous) {
            this.flag = flag;
            this.previous = previous;
        }

        @Override
        public void close() {
            if (!closed) {
                flag[0] = previous;
                closed = true;
            }
        }
    }
}
