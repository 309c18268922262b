package dev.steepest.core.io;

import java.io.IOException;

/**
 * A safetensors file (or byte array) that breaks the format: the message names the source and the
 * problem, e.g. {@code model.safetensors: header length 4096 is beyond the end of the file (100 bytes)}.
 */
public class SafeTensorsException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param source the file or stream
     * @param problem what is wrong with it
     */
    public SafeTensorsException(String source, String problem) {
        super(source + ": " + problem);
    }

    /**
     * @param source the file or stream
     * @param problem what is wrong with it
     * @param cause the underlying failure
     */
    public SafeTensorsException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
