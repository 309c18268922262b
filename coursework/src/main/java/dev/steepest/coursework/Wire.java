package dev.steepest.coursework;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The framing of the grading channel between the grader and a submission's child JVM (a Unix
 * socket only the harness connects to; a child's standard output is never read as a report). A
 * message is a length, a kind byte and a payload; every read is bounded: a frame by
 * {@link #MAX_FRAME}, and every string, array and map inside it by what is left of its frame, so
 * that no sequence of bytes a submission sends can make the grader allocate more than one frame.
 */
final class Wire {
    // What the grader asks (each answered by OK, REFUSED or FAILED; STEP_CLOSURE may first be answered by EVALs, and a
    // step by HVPs, each of which the grader answers with PRODUCT: see RemoteCurvature).
    static final byte HELLO = 1, PROVIDERS = 2, CREATE = 3, ADD_GROUP = 4, STEP = 5, STEP_CLOSURE = 6, EVALUATED = 7, STATE = 8,
            LOAD = 9, TEXT = 10, BYE = 11, PRODUCT = 16;
    // An exercise's requests (see RemoteExercise): describe the classes, make a module, run forward (and backward), drive an environment.
    static final byte EXERCISES = 12, CREATE_MODULE = 13, RUN = 14, ENVIRONMENT = 15;
    // What ENVIRONMENT asks.
    static final int ENV_SIZES = 0, ENV_FRESH = 1, ENV_RESET = 2, ENV_RESET_TO = 3, ENV_STEP = 4;
    // What the harness answers.
    static final byte OK = 20, REFUSED = 21, FAILED = 22, EVAL = 23, HVP = 24;

    /** The largest frame either side accepts (the digits network's parameters and state fit many times over). */
    static final int MAX_FRAME = 64 << 20;

    private Wire() {
    }

    /** A message that breaks the framing: the submission's row fails with this message. */
    static final class BrokenMessage extends IOException {
        BrokenMessage(String message) {
            super(message);
        }
    }

    /** Writes one message: its payload is collected, then sent as one frame. */
    static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream data = new DataOutputStream(bytes);
        private final byte kind;

        Out(byte kind) {
            this.kind = kind;
        }

        Out integer(int v) throws IOException {
            data.writeInt(v);
            return this;
        }

        Out number(double v) throws IOException {
            data.writeDouble(v);
            return this;
        }

        Out text(String s) throws IOException {
            byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
            data.writeInt(b.length);
            data.write(b);
            return this;
        }

        Out blob(byte[] b) throws IOException {
            data.writeInt(b.length);
            data.write(b);
            return this;
        }

        Out ints(int[] v) throws IOException {
            data.writeInt(v.length);
            for (int i : v) data.writeInt(i);
            return this;
        }

        Out flag(boolean b) throws IOException {
            data.writeBoolean(b);
            return this;
        }

        /** A float array, or null (written as length -1): a gradient that is not there. */
        Out floats(float[] v) throws IOException {
            data.writeInt(v == null ? -1 : v.length);
            if (v != null) {
                for (float f : v) data.writeFloat(f);
            }
            return this;
        }

        /** An option value: null, a number (Double or Integer), a flag or a word. */
        Out value(Object v) throws IOException {
            if (v == null) {
                data.writeByte(0);
            } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                data.writeByte(2);
                data.writeInt(((Number) v).intValue());
            } else if (v instanceof Number n) {
                data.writeByte(1);
                data.writeDouble(n.doubleValue());
            } else if (v instanceof Boolean b) {
                data.writeByte(3);
                data.writeBoolean(b);
            } else {
                data.writeByte(4);
                text(v.toString());
            }
            return this;
        }

        Out options(Map<String, Object> options) throws IOException {
            data.writeInt(options.size());
            for (Map.Entry<String, Object> e : options.entrySet()) {
                text(e.getKey());
                value(e.getValue());
            }
            return this;
        }

        Out texts(List<String> list) throws IOException {
            data.writeInt(list.size());
            for (String s : list) text(s);
            return this;
        }

        /** Appends another message's payload. */
        Out include(Out other) throws IOException {
            other.data.flush();
            other.bytes.writeTo(data);
            return this;
        }

        /** Sends the frame and flushes. */
        void send(OutputStream out) throws IOException {
            data.flush();
            DataOutputStream o = new DataOutputStream(out);
            o.writeInt(bytes.size() + 1);
            o.writeByte(kind);
            bytes.writeTo(o);
            o.flush();
        }
    }

    /** One message read: its kind and a bounded reader over its payload. */
    static final class In {
        final byte kind;
        private final DataInputStream data;
        private int left;

        private In(byte kind, byte[] payload) {
            this.kind = kind;
            this.data = new DataInputStream(new ByteArrayInputStream(payload));
            this.left = payload.length;
        }

        /** Reads one frame: at most {@link #MAX_FRAME} bytes, whatever the sender claims. */
        static In read(InputStream in) throws IOException {
            DataInputStream d = new DataInputStream(in);
            int length;
            try {
                length = d.readInt();
            } catch (EOFException e) {
                throw new EOFException("the channel closed");
            }
            if (length < 1 || length > MAX_FRAME) {
                throw new BrokenMessage("a message of " + length + " bytes (the channel takes 1 to " + MAX_FRAME + ")");
            }
            byte kind = d.readByte();
            byte[] payload = new byte[length - 1];
            d.readFully(payload);
            return new In(kind, payload);
        }

        private void need(long bytes, String what) throws BrokenMessage {
            if (bytes < 0 || bytes > left) {
                throw new BrokenMessage(what + " of " + bytes + " bytes does not fit the " + left + " left in its message");
            }
            left -= (int) bytes;
        }

        int integer() throws IOException {
            need(4, "a number");
            return data.readInt();
        }

        double number() throws IOException {
            need(8, "a number");
            return data.readDouble();
        }

        boolean flag() throws IOException {
            need(1, "a flag");
            return data.readBoolean();
        }

        String text() throws IOException {
            return new String(blob(), StandardCharsets.UTF_8);
        }

        byte[] blob() throws IOException {
            int n = integer();
            need(n, "a text");
            byte[] b = new byte[n];
            data.readFully(b);
            return b;
        }

        int[] ints() throws IOException {
            int n = count("dimensions");
            int[] v = new int[n];
            for (int i = 0; i < n; i++) v[i] = integer();
            return v;
        }

        /** @return the floats, or null for a missing gradient */
        float[] floats() throws IOException {
            int n = integer();
            if (n == -1) return null;
            need(4L * n, "an array");
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = data.readFloat();
            return v;
        }

        Object value() throws IOException {
            need(1, "a value");
            return switch (data.readByte()) {
                case 0 -> null;
                case 1 -> number();
                case 2 -> integer();
                case 3 -> flag();
                case 4 -> text();
                default -> throw new BrokenMessage("an option value of unknown type");
            };
        }

        Map<String, Object> options() throws IOException {
            int n = count("options");
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) m.put(text(), value());
            return m;
        }

        List<String> texts() throws IOException {
            int n = count("texts");
            List<String> list = new ArrayList<>();
            for (int i = 0; i < n; i++) list.add(text());
            return list;
        }

        /** A count of items, each at least four bytes long. */
        int count(String what) throws IOException {
            int n = integer();
            if (n < 0 || 4L * n > left) {
                throw new BrokenMessage(n + " " + what + " do not fit the " + left + " bytes left in its message");
            }
            return n;
        }
    }
}
