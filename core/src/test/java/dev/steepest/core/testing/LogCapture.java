package dev.steepest.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What one logger says while a test runs: {@code System.Logger}'s JDK backend (java.util.logging)
 * is on in the library modules' tests, so a test opens a capture, does its work, and reads the
 * records. Closing it puts the logger's level back and stops listening; the records stay.
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.of("dev.steepest.optim.Optimizers")) { registry.create(...); }
 * assertEquals(1, log.records().size());
 * }</pre>
 * (System.Logger's DEBUG is java.util.logging's FINE, its INFO is INFO.)
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level level;
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (records) {
                records.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String name) {
        this.logger = Logger.getLogger(name);
        this.level = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** @return a capture of every record the named logger (and its children) logs from now until {@link #close} */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    /** @return the records so far, in order */
    public List<LogRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(level);
    }
}
