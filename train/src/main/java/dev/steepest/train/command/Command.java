package dev.steepest.train.command;

/**
 * One runnable program of the tutorial, chosen by name on the command line
 * ({@code java -jar steepest-examples.jar pattern}).
 *
 * <p>Each implementation is a small class that reads top to bottom: data, model, optimizer from
 * {@code Optimizers.fromSystemProperties(...)}, then a visible training loop.
 */
public interface Command {

    /** @return the name typed on the command line, lower case */
    String name();

    /** @return one line for the list that {@code help} prints */
    String summary();

    /**
     * @return the options this command accepts besides {@code --out DIR}, e.g. {@code "--seeds N"}, each
     *     optionally followed by two spaces and what it does with its default ({@code "--z N  noise size (default 32)"}),
     *     which {@code help NAME} shows; may be empty
     */
    default java.util.List<String> options() {
        return java.util.List.of();
    }

    /**
     * Runs the example.
     *
     * @param run the parsed options, the console and the output folder
     * @throws Exception a failure during the run; {@link BadInput} for a problem with the input
     */
    void run(Run run) throws Exception;
}
