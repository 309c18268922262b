package dev.steepest.optim;

import dev.steepest.core.Tensor;
import dev.steepest.core.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Saves an optimizer's {@link StateDict} (and, optionally, a scheduler's state) to a safetensors
 * file and loads it back, so that a training run resumes exactly where it stopped. The file is
 * written atomically by core's {@link SafeTensors}; the tensors are the state buffers and
 * everything else is in the header's metadata (see {@link StateDict}), a scheduler's under
 * {@code scheduler.}.
 *
 * <pre>{@code
 * OptimizerCheckpoint.save(Path.of("adam.safetensors"), optimizer, scheduler.stateDict());
 * Map<String, String> schedulerState = OptimizerCheckpoint.load(Path.of("adam.safetensors"), optimizer);
 * scheduler.loadStateDict(schedulerState);
 * }</pre>
 */
public final class OptimizerCheckpoint {

    private static final String SCHEDULER = "scheduler.";

    private OptimizerCheckpoint() {
    }

    /** Writes the optimizer's state to {@code file} (replacing it atomically). */
    public static void save(Path file, Optimizer optimizer) throws IOException {
        save(file, optimizer, Map.of());
    }

    /** Writes the optimizer's state and a scheduler's {@code stateDict()} to {@code file}. */
    public static void save(Path file, Optimizer optimizer, Map<String, String> schedulerState) throws IOException {
        if (file == null || optimizer == null) {
            throw new IllegalArgumentException("OptimizerCheckpoint.save: file and optimizer must not be null");
        }
        StateDict state = optimizer.stateDict();
        Map<String, String> metadata = new TreeMap<>(state.metadata());
        if (schedulerState != null) {
            schedulerState.forEach((k, v) -> metadata.put(SCHEDULER + k, v));
        }
        SafeTensors.write(file, state.tensors(), metadata);
    }

    /** The state saved in {@code file}, without loading it anywhere. */
    public static StateDict read(Path file) throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(file);
        return fromContents(contents.tensors(), contents.metadata(), file.toString());
    }

    /**
     * Loads the state in {@code file} into {@code optimizer} (checked first: nothing changes if it
     * does not fit) and returns the scheduler state saved with it (empty if none).
     */
    public static Map<String, String> load(Path file, Optimizer optimizer) throws IOException {
        if (optimizer == null) {
            throw new IllegalArgumentException("OptimizerCheckpoint.load: the optimizer is null");
        }
        SafeTensors.Contents contents = SafeTensors.read(file);
        optimizer.loadStateDict(fromContents(contents.tensors(), contents.metadata(), file.toString()));
        Map<String, String> scheduler = new TreeMap<>();
        contents.metadata().forEach((k, v) -> {
            if (k.startsWith(SCHEDULER)) scheduler.put(k.substring(SCHEDULER.length()), v);
        });
        return scheduler;
    }

    private static StateDict fromContents(Map<String, Tensor> tensors, Map<String, String> metadata, String source) {
        try {
            return StateDict.fromFlat(tensors, metadata);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }
}
