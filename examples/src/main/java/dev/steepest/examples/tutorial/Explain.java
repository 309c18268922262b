package dev.steepest.examples.tutorial;

import dev.steepest.core.Tensor;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.ParamGroup;
import dev.steepest.optim.ParamState;
import dev.steepest.train.command.BadInput;
import dev.steepest.train.command.OptimizerChoice;
import dev.steepest.train.command.Run;
import dev.steepest.train.console.Table;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code --explain} (or {@code -Doptimizer.explain=true}, or a number of steps): for the first
 * steps, a table of each parameter's value, its gradient, the optimizer's state buffers and the
 * update the step applied, so that a learner sees what Adam keeps and does that SimpleGD does not.
 * The buffers are read from the optimizer's own state ({@code exp_avg}, {@code exp_avg_sq},
 * {@code momentum_buffer}, …), so it works for any plugin; for one that reads curvature it names the
 * buffers that hold what it read ({@code hessian_diag}, {@code hessian}, {@code curvature}). Large parameters show their first
 * {@value #ELEMENTS} elements.
 *
 * <pre>{@code
 * Explain explain = Explain.of(run, optimizer);
 * explain.before();
 * optimizer.step(closure);
 * explain.after(step);
 * }</pre>
 */
final class Explain {
    static final int DEFAULT_STEPS = 3;
    /** The option of the programs that explain their steps, as their {@code options()} declare it. */
    static final String OPTION = "--explain [N]  prints the numbers of the first N steps as the optimizer computes them (default N "
            + DEFAULT_STEPS + ")";
    static final int ELEMENTS = 4;

    private final PrintStream out;
    private final Optimizer optimizer;
    private final String title;
    private final int steps;
    private final List<float[]> before = new ArrayList<>();

    private Explain(PrintStream out, Optimizer optimizer, String title, int steps) {
        this.out = out;
        this.optimizer = optimizer;
        this.title = title;
        this.steps = steps;
    }

    /**
     * @param run the example's run: {@code --explain} there, or {@code -Doptimizer.explain} (true, false or a number of steps)
     * @param optimizer the optimizer to explain
     * @param title what is being optimized, e.g. {@code "adam on y = x²"}
     * @return an explainer, silent when neither asks for it
     */
    static Explain of(Run run, Optimizer optimizer, String title) {
        return new Explain(run.out(), optimizer, title, steps(run));
    }

    /** An explainer for {@code steps} steps (0: silent), printing to {@code out}. */
    static Explain of(PrintStream out, Optimizer optimizer, String title, int steps) {
        return new Explain(out, optimizer, title, steps);
    }

    /** @return how many steps to explain: 0 unless asked */
    static int steps(Run run) {
        java.util.Optional<String> option = run.args().string("--explain");
        String text = option.orElse(System.getProperty("optimizer.explain", "false")).trim();
        if (text.equalsIgnoreCase("true")) return DEFAULT_STEPS;
        if (text.equalsIgnoreCase("false")) return 0;
        if (text.matches("[0-9]{1,4}")) return Integer.parseInt(text);
        String where = option.isPresent() ? run.example() + ": --explain" : "-Doptimizer.explain";
        throw new BadInput(where + " must be true, false or a number of steps (0-9999), got '" + text + "'");
    }

    /** Remembers every parameter's value; call it just before the step. */
    void before() {
        before.clear();
        if (steps > 0) {
            for (Tensor p : params()) before.add(p.toArray());
        }
    }

    /** Prints the table of step {@code step} (1-based) if it is one of the first steps; call it just after the step. */
    void after(int step) {
        if (step > steps || before.isEmpty()) {
            return;
        }
        List<Tensor> params = params();
        Set<String> buffers = new LinkedHashSet<>();
        for (Tensor p : params) buffers.addAll(optimizer.state(p).names());
        List<String> header = new ArrayList<>(List.of("parameter", "value before", "gradient"));
        header.addAll(buffers);
        header.addAll(List.of("update", "value after"));
        Table table = new Table(header.toArray(String[]::new));
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            float[] was = before.get(i);
            float[] now = p.toArray();
            float[] grad = p.grad() == null ? null : p.grad().toArray();
            ParamState state = optimizer.state(p);
            for (int e = 0; e < Math.min(ELEMENTS, now.length); e++) {
                List<String> cells = new ArrayList<>();
                cells.add("p" + i + (now.length == 1 ? "" : "[" + e + "]"));
                cells.add(number(was[e]));
                cells.add(grad == null ? "none" : number(grad[e]));
                for (String b : buffers) cells.add(buffer(state.get(b), e, now.length));
                cells.add(number(now[e] - was[e]));
                cells.add(number(now[e]));
                table.row(cells.toArray(String[]::new));
            }
        }
        out.printf(Locale.ROOT, "explain %s, step %d (%s):%n", title, step, OptimizerChoice.settings(optimizer));
        out.print(table);
        if (optimizer.needsGraph()) {
            List<String> read = buffers.stream().filter(b -> b.contains("hessian") || b.contains("curvature") || b.equals("shift")).toList();
            out.println("(" + optimizer.name() + " reads the loss's curvature through its gradient's graph"
                    + (read.isEmpty() ? "" : "; what it read: " + String.join(", ", read)) + ")");
        }
    }

    private List<Tensor> params() {
        List<Tensor> all = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) all.addAll(g.params());
        return all;
    }

    /** One element of a buffer shaped like the parameter, a counter as it is, anything else summarised. */
    private static String buffer(Object value, int element, int size) {
        if (value == null) return "";
        if (value instanceof Tensor t) {
            return t.numel() == size ? number(t.toArray()[element]) : "shape " + java.util.Arrays.toString(t.shape());
        }
        if (value instanceof List<?> list) return list.size() + " tensors";
        return element == 0 ? String.valueOf(value) : "";
    }

    private static String number(float v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
