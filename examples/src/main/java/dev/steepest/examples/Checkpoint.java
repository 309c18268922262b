package dev.steepest.examples;

import dev.steepest.core.Tensor;
import dev.steepest.core.io.SafeTensors;
import dev.steepest.nn.Module;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.StateDict;
import dev.steepest.optim.schedulers.LRScheduler;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A training checkpoint in one safetensors file: the model's weights ({@code model.*}), the
 * optimizer's state ({@code optimizer.*} tensors and metadata), the scheduler's counters
 * ({@code scheduler.*} metadata) and the run's own facts ({@code run.*}: epoch, seed, history).
 * Written atomically, so an interrupted save leaves the previous checkpoint whole.
 *
 * @param model the model's tensors by name
 * @param optimizer the optimizer's state
 * @param scheduler the scheduler's counters
 * @param run the run's facts
 */
record Checkpoint(Map<String, Tensor> model, StateDict optimizer, Map<String, String> scheduler, Map<String, String> run) {
    static final String FORMAT = "steepest-checkpoint-1";

    /**
     * Saves everything needed to continue exactly.
     *
     * @param file where to write (replaced atomically)
     * @param model the model (not modified)
     * @param optimizer its optimizer (not modified)
     * @param scheduler its scheduler (not modified)
     * @param run the run's facts, e.g. {@code epoch}, {@code seed}
     */
    static void save(Path file, Module model, Optimizer optimizer, LRScheduler scheduler, Map<String, String> run) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new TreeMap<>();
        metadata.put("format", FORMAT);
        model.stateDict().forEach((k, v) -> tensors.put("model." + k, v));
        StateDict state = optimizer.stateDict();
        state.tensors().forEach((k, v) -> tensors.put("optimizer." + k, v));
        state.metadata().forEach((k, v) -> metadata.put("optimizer." + k, v));
        scheduler.stateDict().forEach((k, v) -> metadata.put("scheduler." + k, v));
        run.forEach((k, v) -> metadata.put("run." + k, v));
        SafeTensors.write(file, tensors, metadata);
    }

    /**
     * Reads a checkpoint written by {@link #save}.
     *
     * @throws BadInput when the file is missing, unreadable, corrupt or not a checkpoint
     */
    static Checkpoint read(Path file) {
        SafeTensors.Contents contents;
        try {
            contents = SafeTensors.read(file);
        } catch (NoSuchFileException e) {
            throw new BadInput("cannot resume: checkpoint " + file + " does not exist; give a file written with --checkpoint FILE", e);
        } catch (IOException e) {
            throw new BadInput("cannot resume from " + file + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(contents.metadata().get("format"))) {
            throw new BadInput("cannot resume from " + file + ": it is a safetensors file but not a steepest checkpoint (format "
                    + contents.metadata().get("format") + ", expected " + FORMAT + "); give a file written with --checkpoint FILE");
        }
        Map<String, Tensor> model = new LinkedHashMap<>();
        Map<String, Tensor> optimizerTensors = new LinkedHashMap<>();
        contents.tensors().forEach((k, v) -> {
            if (k.startsWith("model.")) {
                model.put(k.substring(6), v);
            } else if (k.startsWith("optimizer.")) {
                optimizerTensors.put(k.substring(10), v);
            }
        });
        Map<String, String> optimizerMetadata = new TreeMap<>();
        Map<String, String> scheduler = new TreeMap<>();
        Map<String, String> run = new TreeMap<>();
        contents.metadata().forEach((k, v) -> {
            if (k.startsWith("optimizer.")) {
                optimizerMetadata.put(k.substring(10), v);
            } else if (k.startsWith("scheduler.")) {
                scheduler.put(k.substring(10), v);
            } else if (k.startsWith("run.")) {
                run.put(k.substring(4), v);
            }
        });
        StateDict state = BadInput.check(() -> StateDict.fromFlat(optimizerTensors, optimizerMetadata));
        return new Checkpoint(model, state, scheduler, run);
    }
}
