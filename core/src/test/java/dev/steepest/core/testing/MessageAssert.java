package dev.steepest.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

/** Assertions on the exact text of the message a learner reads. */
public final class MessageAssert {

    private MessageAssert() {
    }

    /** The call throws {@code type} with exactly this message. */
    public static <T extends Throwable> void assertMessage(Class<T> type, String message, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(message, e.getMessage());
    }

    /** The call throws IllegalArgumentException (a bad argument) with exactly this message. */
    public static void bad(String message, Executable call) {
        assertMessage(IllegalArgumentException.class, message, call);
    }
}
