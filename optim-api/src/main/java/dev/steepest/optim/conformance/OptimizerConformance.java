package dev.steepest.optim.conformance;

import dev.steepest.optim.Hyperparameter;
import dev.steepest.optim.OptimizerProvider;
import dev.steepest.optim.OptimizerRegistry;
import dev.steepest.optim.Optimizers;
import dev.steepest.optim.Options;
import dev.steepest.optim.conformance.ConformanceReport.Check;
import dev.steepest.optim.conformance.ConformanceReport.Outcome;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks that an optimizer plugin keeps the contract every example and scheduler relies on. From a
 * test, in one line: {@code OptimizerConformance.check("mine").assertPassed();} From the command
 * line, against any jar on the classpath: {@code java -cp … dev.steepest.optim.conformance.OptimizerConformance mine}.
 *
 * <p>The battery, each on a small convex quadratic whose gradient is written out (no autograd):
 * discovered under a valid unique name; declares its hyperparameters and rejects bad ones; lr = 0
 * leaves parameters unchanged; a parameter with no grad is untouched; parameters outside its groups
 * are untouched; per-group lr is honoured; it descends; two seeded runs are bit-identical; save →
 * load → continue equals an uninterrupted run bit for bit; lr is re-read every step; toString
 * shows every hyperparameter.
 *
 * <p>Its parts: {@link OptionSets} draws the option sets from each hyperparameter's range,
 * {@code ContractChecks} holds the checks and {@code Quadratic} the problem they step on, and
 * {@link ConformanceReport} is what a check of one optimizer found; this class runs them and sums
 * up a run over several optimizers.
 */
public final class OptimizerConformance {

    private OptimizerConformance() {
    }

    /** Checks the provider discovered under {@code name}, with its defaults. */
    public static ConformanceReport check(String name) {
        return check(name, Options.empty());
    }

    /**
     * Checks the provider discovered under {@code name} with {@code options} (e.g. the
     * {@code -Doptimizer.KEY=VALUE} a student gave), then with option sets drawn from each
     * hyperparameter's declared range.
     *
     * @throws IllegalArgumentException when {@code options} do not fit its hyperparameters (unknown key, bad value)
     */
    public static ConformanceReport check(String name, Options options) {
        OptimizerRegistry registry = Optimizers.registry();
        OptimizerProvider provider;
        try {
            provider = registry.provider(name);
        } catch (RuntimeException e) {
            ConformanceReport report = new ConformanceReport("'" + name + "'");
            report.add(new Check(DISCOVERED, Outcome.FAIL, WHY_DISCOVERED, e.getMessage()));
            return report;
        }
        return check(provider, options);
    }

    /** Checks {@code provider} (it must also be discoverable under its name), with its defaults. */
    public static ConformanceReport check(OptimizerProvider provider) {
        return check(provider, Options.empty());
    }

    /**
     * Checks {@code provider} with {@code options}, then with option sets drawn from each
     * hyperparameter's range (each named in its line of the report).
     *
     * @throws IllegalArgumentException when {@code options} do not fit its hyperparameters
     */
    public static ConformanceReport check(OptimizerProvider provider, Options options) {
        if (provider == null) {
            throw new IllegalArgumentException("OptimizerConformance.check: the provider is null");
        }
        Options given = options == null ? Options.empty() : options;
        List<Hyperparameter> declared = provider.hyperparameters();
        if (declared != null && !given.keys().isEmpty()) {
            given.resolve(provider.name(), declared);   // a bad -Doptimizer.KEY=VALUE is the user's, refused as elsewhere
        }
        String with = given.keys().isEmpty() ? "" : " with " + given;
        ConformanceReport report = new ConformanceReport("'" + provider.name() + "' (" + provider.getClass().getName() + ")" + with);
        ContractChecks b = new ContractChecks(provider, given);
        run(report, DISCOVERED, WHY_DISCOVERED, b::discovered);
        run(report, "declares its hyperparameters (with lr) and rejects bad ones",
                "options come by name from the command line; a typo or an out-of-range value must fail before training, not be ignored",
                b::rejectsBadOptions);
        for (ContractChecks.Invariant i : b.invariants()) {
            run(report, i.name(), i.why(), i.body());
        }
        run(report, "descends a convex quadratic",
                "the least an optimizer must do: on a bowl, its steps go downhill", b::descends);
        run(report, "per-group lr is honoured",
                "parameter groups are how layers get their own learning rates (fine-tuning, warm-up of a new head)", b::perGroupLr);
        run(report, "toString shows every hyperparameter",
                "printing the optimizer is how a student checks which settings a run really used", b::printsHyperparameters);
        if (declared != null) {
            for (Options set : OptionSets.drawn(declared, given)) {
                ContractChecks other = new ContractChecks(provider, set);
                run(report, "the contract holds with " + set,
                        "a plugin must keep its contract for every value its hyperparameters allow, not only the defaults "
                                + "(a counter kept in a field instead of the state passes at one value and fails at another)",
                        other::allInvariants);
            }
        }
        return report;
    }

    private static final String DISCOVERED = "discovered by ServiceLoader under a valid, unique name";
    private static final String WHY_DISCOVERED = "-Doptimizer=NAME finds a plugin only through META-INF/services, "
            + "and a name provided twice makes every lookup of it fail";

    private static void run(ConformanceReport report, String name, String why, ContractChecks.Body body) {
        try {
            String skipped = body.run();
            report.add(new Check(name, skipped == null ? Outcome.PASS : Outcome.SKIP, why, skipped == null ? "" : skipped));
        } catch (Throwable e) {
            report.add(new Check(name, Outcome.FAIL, why, ContractChecks.describe(e)));
        }
    }

    /** What a run over several optimizers found, and its one summary line. */
    public record Summary(List<String> passed, List<String> failed, int skippedChecks, int brokenPlugins) {
        /** @return true if every optimizer passed and every plugin could be loaded */
        public boolean allPassed() {
            return failed.isEmpty() && brokenPlugins == 0;
        }

        /** {@code conformance: 11 of 12 optimizers passed every check, 1 failed (boom); 2 checks skipped; 1 plugin could not be loaded}. */
        public String line() {
            int total = passed.size() + failed.size();
            StringBuilder b = new StringBuilder("conformance: ");
            if (total == 1 && brokenPlugins == 0) {
                b.append(passed.isEmpty() ? failed.get(0) + " failed at least one check (see FAIL above)" : passed.get(0) + " passed every check");
                return b.append("; ").append(skippedChecks).append(skippedChecks == 1 ? " check" : " checks").append(" skipped").toString();
            }
            b.append(passed.size()).append(" of ").append(total).append(total == 1 ? " optimizer" : " optimizers").append(" passed every check");
            b.append(", ").append(failed.size()).append(" failed").append(failed.isEmpty() ? "" : " (" + String.join(", ", failed) + ")");
            b.append("; ").append(skippedChecks).append(skippedChecks == 1 ? " check" : " checks").append(" skipped (see SKIP above)");
            if (brokenPlugins > 0) {
                b.append("; ").append(brokenPlugins).append(brokenPlugins == 1 ? " plugin" : " plugins")
                        .append(" could not be loaded (see BROKEN above)");
            }
            return b.toString();
        }
    }

    /**
     * Checks every optimizer named (all on the classpath when {@code names} is empty) and prints,
     * for each, its report (only the checks that did not pass when checking all), each broken
     * plugin once, and one summary line with the counts. The examples' launcher calls this.
     *
     * @param options options for the one optimizer named (empty for all)
     * @throws IllegalArgumentException when options are given for more than one optimizer, or do not fit
     */
    public static Summary run(PrintStream out, List<String> names, Options options) {
        OptimizerRegistry registry = Optimizers.registry();
        List<String> chosen = names == null || names.isEmpty() ? new ArrayList<>(registry.names()) : names;
        Options given = options == null ? Options.empty() : options;
        if (!given.keys().isEmpty() && chosen.size() != 1) {
            throw new IllegalArgumentException("conformance: options " + given + " apply to one optimizer; "
                    + "name it with -Doptimizer=NAME");
        }
        boolean all = names == null || names.isEmpty();
        int broken = all ? registry.problems().size() : 0;
        if (all) {
            for (String problem : registry.problems()) {
                out.println("BROKEN " + problem);
            }
        }
        List<String> passed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int skipped = 0;
        for (String name : chosen) {
            ConformanceReport report = check(name, given);
            out.println(all ? report.brief() : report.toString());
            out.println();
            (report.passed() ? passed : failed).add(name);
            skipped += report.count(Outcome.SKIP);
        }
        Summary summary = new Summary(passed, failed, skipped, broken);
        out.println(summary.line());
        return summary;
    }

    /** Prints like {@link #run(PrintStream, List, Options)} with defaults; true if every optimizer passed. */
    public static boolean run(PrintStream out, List<String> names) {
        return run(out, names, Options.empty()).allPassed();
    }

    /** {@code OptimizerConformance [name]} with {@code -Doptimizer.KEY=VALUE}: exits with 1 if any check failed, 2 for bad options. */
    public static void main(String[] args) {
        Options options = Options.fromProperties(System.getProperties(), "optimizer.");
        try {
            if (!run(System.out, Arrays.asList(args), options).allPassed()) {
                System.exit(1);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
