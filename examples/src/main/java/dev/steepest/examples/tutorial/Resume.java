package dev.steepest.examples.tutorial;

import dev.steepest.examples.shared.DigitsNet;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.schedulers.LRScheduler;
import dev.steepest.train.command.Args;
import dev.steepest.train.command.BadInput;
import dev.steepest.train.command.OptimizerChoice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The plumbing of {@code digits --resume FILE} and {@code --checkpoint FILE}, apart from the
 * training loop: what a checkpoint's run facts say (epochs, seed, data, optimizer, history), checked
 * against the command line before anything trains, and the facts written after each epoch. A new
 * run (no {@code --resume}) has no facts, and every check passes.
 */
final class Resume {
    private final Path file;
    private final Checkpoint checkpoint;

    private Resume(Path file, Checkpoint checkpoint) {
        this.file = file;
        this.checkpoint = checkpoint;
    }

    /**
     * @return the checkpoint {@code --resume} names, read and checked, or a new run when none is given
     * @throws BadInput when the file is missing, unreadable, corrupt or not a checkpoint
     */
    static Resume of(Args args) {
        return args.path("--resume").map(f -> new Resume(f, Checkpoint.read(f))).orElseGet(() -> new Resume(null, null));
    }

    /** @return whether this run continues a checkpoint */
    boolean resumed() {
        return checkpoint != null;
    }

    /**
     * @return {@code --epochs}, by default the checkpoint's (15 for a new run)
     * @throws BadInput when it contradicts the checkpoint, whose learning-rate schedule runs over its own epochs
     */
    int epochs(Args args) {
        int saved = resumed() ? fact("epochs", 1, 10_000, "as --epochs takes") : 15;
        int epochs = args.integer("--epochs", saved, 1, 10_000);
        if (resumed() && epochs != saved) {
            throw new BadInput("digits: --epochs " + epochs + " contradicts the checkpoint " + file + ", whose cosine "
                    + "learning-rate schedule runs over " + saved + " epochs; a resumed run keeps its schedule, so leave --epochs "
                    + "out (or start a new run without --resume)");
        }
        return epochs;
    }

    /**
     * @return {@code --seed}, by default the checkpoint's (0 for a new run)
     * @throws BadInput when it contradicts the checkpoint
     */
    int seed(Args args) {
        int saved = resumed() ? fact("seed", 0, Integer.MAX_VALUE, "a seed") : 0;
        int seed = args.integer("--seed", saved, 0, Integer.MAX_VALUE);
        if (resumed() && seed != saved) {
            throw new BadInput("digits: the checkpoint was trained with --seed " + saved + ", not " + seed
                    + "; resume with the same seed (or leave --seed out)");
        }
        return seed;
    }

    /** @throws BadInput when the checkpoint was trained on other data than {@code dataName} */
    void checkData(String dataName) {
        if (resumed() && !dataName.equals(checkpoint.run().get("data"))) {
            throw new BadInput("digits: the checkpoint was trained on " + checkpoint.run().get("data") + " data, not " + dataName
                    + "; resume with the same --data");
        }
    }

    /**
     * Puts the checkpoint into the model, optimizer, scheduler and history (nothing for a new run). The
     * checkpoint's optimizer settings win (the run continues exactly); a -Doptimizer.KEY that says
     * otherwise contradicts it and is refused.
     *
     * @param until the last epoch this run is to train
     * @return the epochs done already (0 for a new run)
     * @throws BadInput when the checkpoint does not fit the model, the optimizer or the options, or has no epoch left to train
     */
    int restore(OptimizerChoice chosen, DigitsNet model, Optimizer optimizer, LRScheduler scheduler, Digits.History history,
                int epochs, int until) {
        if (!resumed()) {
            return 0;
        }
        Map<String, String> saved = checkpoint.run();
        if (!chosen.name().equals(saved.get("optimizer"))) {
            throw new BadInput("digits: the checkpoint was trained with optimizer " + saved.get("optimizer") + ", not "
                    + chosen.name() + "; resume with -Doptimizer=" + saved.get("optimizer"));
        }
        int epoch = fact("epoch", 1, epochs, "the number of epochs done, at most the run's " + epochs);
        history.trainLoss().addAll(floats("train_loss", epoch, Float.NEGATIVE_INFINITY));
        history.testAccuracy().addAll(floats("test_accuracy", epoch, 0));
        String lastEpoch = checkpoint.scheduler().get("last_epoch");
        if (!Integer.toString(epoch).equals(lastEpoch)) {
            throw new BadInput("cannot resume from " + file + ": scheduler.last_epoch is '" + lastEpoch + "'; expected " + epoch
                    + ", the epochs done (run.epoch)");
        }
        if (checkpoint.optimizer().groupCount() > 0) {
            Map<String, Object> savedOptions = checkpoint.optimizer().groupOptions(0);
            chosen.given().forEach((key, value) -> {
                Object was = key.equals("lr") && savedOptions.get("initial_lr") != null ? savedOptions.get("initial_lr") : savedOptions.get(key);
                if (!sameValue(value, was)) {
                    throw new BadInput("digits: -Doptimizer." + key + "=" + value + " contradicts the checkpoint " + file + ", trained with "
                            + key + "=" + was + "; a resumed run continues with the checkpoint's settings, so leave -Doptimizer." + key
                            + " out (or start a new run without --resume)");
                }
            });
        }
        Checkpoint.check(file, () -> model.loadStateDict(checkpoint.model(), true));
        Checkpoint.check(file, () -> {
            optimizer.loadStateDict(checkpoint.optimizer());
            scheduler.loadStateDict(checkpoint.scheduler());
            return null;
        });
        if (epoch >= until) {
            throw new BadInput("digits: the checkpoint already has " + epoch + " of its " + epochs + " epochs; "
                    + (epoch < epochs ? "ask for more with --until N (N > " + epoch + ")" : "its run is complete; start a new one"));
        }
        return epoch;
    }

    /** @return the run's facts a checkpoint written after {@code epoch} holds, so that a resumed run can check and continue */
    static Map<String, String> facts(int epoch, int epochs, int seed, String optimizer, String data, Digits.History history) {
        Map<String, String> facts = new TreeMap<>();
        facts.put("epoch", Integer.toString(epoch));
        facts.put("epochs", Integer.toString(epochs));
        facts.put("seed", Integer.toString(seed));
        facts.put("optimizer", optimizer);
        facts.put("data", data);
        facts.put("train_loss", join(history.trainLoss()));
        facts.put("test_accuracy", join(history.testAccuracy()));
        return facts;
    }

    private static boolean sameValue(Object given, Object saved) {
        if (given instanceof Number && saved instanceof Number) {
            return ((Number) given).doubleValue() == ((Number) saved).doubleValue();
        }
        return Objects.equals(given, saved);
    }

    /** A whole number the checkpoint's run facts hold, refused unless plain digits in [min, max]. */
    private int fact(String key, int min, int max, String expected) {
        String v = checkpoint.run().get(key);
        if (v != null && v.matches("-?[0-9]{1,10}") && Long.parseLong(v) >= min && Long.parseLong(v) <= max) {
            return Integer.parseInt(v);
        }
        throw new BadInput("cannot resume from " + file + ": run." + key + " is " + (v == null ? "missing" : "'" + v + "'")
                + "; expected a whole number in [" + min + ", " + max + "] (" + expected + ")");
    }

    private static String join(List<Float> values) {
        StringBuilder s = new StringBuilder();
        for (float v : values) {
            s.append(s.length() == 0 ? "" : ",").append(Float.toString(v));
        }
        return s.toString();
    }

    /** One finite number per epoch done, at least {@code min}, from the checkpoint's history. */
    private List<Float> floats(String key, int epochs, float min) {
        String text = checkpoint.run().getOrDefault(key, "");
        List<Float> values = new ArrayList<>();
        for (String part : text.isEmpty() ? new String[0] : text.split(",", -1)) {
            float v = part.matches("-?[0-9.]+([eE][-+]?[0-9]+)?") ? Float.parseFloat(part) : Float.NaN;
            if (!(Float.isFinite(v) && v >= min)) {
                throw new BadInput("cannot resume from " + file + ": run." + key + " holds '" + part + "'; expected finite numbers"
                        + (min > Float.NEGATIVE_INFINITY ? " >= " + min : ""));
            }
            values.add(v);
        }
        if (values.size() != epochs) {
            throw new BadInput("cannot resume from " + file + ": run." + key + " has " + values.size() + " value(s); expected one for each of the "
                    + epochs + " epochs done");
        }
        return values;
    }
}
