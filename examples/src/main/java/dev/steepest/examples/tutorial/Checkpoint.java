package dev.steepest.examples.tutorial;

import dev.steepest.core.Tensor;
import dev.steepest.core.io.AtomicFile;
import dev.steepest.core.io.SafeTensors;
import dev.steepest.core.io.SafeTensorsException;
import dev.steepest.nn.Module;
import dev.steepest.optim.Optimizer;
import dev.steepest.optim.StateDict;
import dev.steepest.optim.schedulers.LRScheduler;
import dev.steepest.train.command.BadInput;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
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
     * Reads a checkpoint written by {@link #save}, trusting nothing in it: besides the file's format,
     * every weight must be finite and the optimizer's state is read with its indices bounded (see
     * {@code StateDict.fromFlat}). Each problem is one line that names the file once.
     *
     * @throws BadInput when the file is missing, unreadable, corrupt or not a checkpoint
     */
    static Checkpoint read(Path file) {
        if (AtomicFile.isTemporary(file)) {
            throw new BadInput("cannot resume from " + file + ": it is the temporary file of an unfinished save, never a checkpoint; "
                    + "give the file that --checkpoint named");
        }
        SafeTensors.Contents contents;
        try {
            contents = SafeTensors.read(file);
        } catch (NoSuchFileException e) {
            throw new BadInput("cannot resume: checkpoint " + file + " does not exist; give a file written with --checkpoint FILE", e);
        } catch (AccessDeniedException e) {
            throw new BadInput("cannot resume from " + file + ": permission denied", e);
        } catch (SafeTensorsException e) {
            throw new BadInput("cannot resume from " + e.getMessage(), e);   // the message starts with the file's name
        } catch (FileSystemException e) {
            throw new BadInput("cannot resume from " + file + ": " + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()), e);
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
                finite(file, k, v);
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
        StateDict state = check(file, () -> StateDict.fromFlat(optimizerTensors, optimizerMetadata, "optimizer."));
        return new Checkpoint(model, state, scheduler, run);
    }

    /**
     * Runs a step that uses what the checkpoint holds (loading weights, optimizer or scheduler state)
     * and reports its complaint as one line naming the file: {@code cannot resume from F: …}.
     */
    static <T> T check(Path file, java.util.concurrent.Callable<T> step) {
        try {
            return BadInput.check(step);
        } catch (BadInput e) {
            throw new BadInput("cannot resume from " + file + ": " + e.getMessage().replace("\n  ", "; ").replace(":;", ":"), e);
        }
    }

    private static void finite(Path file, String key, Tensor t) {
        float[] values = t.rawData();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new BadInput("cannot resume from " + file + ": " + key + " holds " + values[i] + " at element " + i
                        + "; expected finite weights (was a run that diverged saved?)");
            }
        }
    }
}
