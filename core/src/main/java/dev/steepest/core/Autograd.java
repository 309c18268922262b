package dev.steepest.core;

/**
 * Switches the recording of operations on and off, per thread, as {@code torch.no_grad()} and
 * {@code torch.enable_grad()} do in PyTorch.
 *
 * <pre>{@code
 * try (var off = Autograd.noGrad()) {
 *     p.add_(p.grad().mul(-lr));   // an optimizer's update: not recorded
 * }
 * Tensor prediction = Autograd.noGrad(() -> model.forward(x));   // the same, as a lambda
 * Autograd.noGrad(() -> { p.add_(p.grad().mul(-lr)); });         // a block with no result
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

    /**
     * Runs {@code body} with recording off and returns what it returns, as a function decorated with
     * {@code @torch.no_grad()}; the mode in force before is restored afterwards, also when it throws.
     */
    @SuppressWarnings("try")   // the scope is used for its effect
    public static <T> T noGrad(java.util.function.Supplier<T> body) {
        if (body == null) {
            throw new IllegalArgumentException("noGrad: body is null; pass a lambda such as () -> model.forward(x)");
        }
        try (Scope off = noGrad()) {
            return body.get();
        }
    }

    /** Runs {@code body} with recording off (a block with no result, such as an update in place); restores the mode afterwards. */
    public static void noGrad(Runnable body) {
        if (body == null) {
            throw new IllegalArgumentException("noGrad: body is null; pass a lambda such as () -> { p.add_(p.grad().mul(-lr)); }");
        }
        noGrad(() -> {
            body.run();
            return null;
        });
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
