package dev.steepest.coursework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireTest {

    private static Wire.In roundTrip(Wire.Out out) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        out.send(bytes);
        return Wire.In.read(new ByteArrayInputStream(bytes.toByteArray()));
    }

    /** A frame of {@code kind} whose payload is exactly {@code payload}, whatever it claims inside. */
    private static Wire.In raw(byte kind, byte[] payload) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.writeInt(payload.length + 1);
        d.writeByte(kind);
        d.write(payload);
        return Wire.In.read(new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Test
    void everyKindOfFieldComesBackAsItWasSent() throws Exception {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("lr", 0.5);
        options.put("history_size", 7);
        options.put("nesterov", true);
        options.put("line_search_fn", "strong_wolfe");
        options.put("eps", null);
        Wire.In in = roundTrip(new Wire.Out(Wire.STEP).integer(3).text("grüße").floats(new float[] {1f, Float.NaN, -0f}).floats(null)
                .ints(new int[] {2, 3}).options(options).texts(List.of("a", "b")).flag(true).number(1e-300).blob(new byte[] {1, 2}));
        assertEquals(Wire.STEP, in.kind);
        assertEquals(3, in.integer());
        assertEquals("grüße", in.text());
        assertArrayEquals(new float[] {1f, Float.NaN, -0f}, in.floats());
        assertNull(in.floats());
        assertArrayEquals(new int[] {2, 3}, in.ints());
        assertEquals(options, in.options());
        assertEquals(List.of("a", "b"), in.texts());
        assertEquals(true, in.flag());
        assertEquals(1e-300, in.number());
        assertArrayEquals(new byte[] {1, 2}, in.blob());
    }

    @Test
    void aFrameLargerThanTheBoundIsRefusedBeforeAnythingIsAllocated() {
        byte[] claim = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, Wire.OK};
        Wire.BrokenMessage e = assertThrows(Wire.BrokenMessage.class, () -> Wire.In.read(new ByteArrayInputStream(claim)));
        assertEquals("a message of 2147483647 bytes (the channel takes 1 to 67108864)", e.getMessage());
    }

    @Test
    void aFieldThatClaimsMoreThanItsFrameHoldsIsRefused() throws Exception {
        Wire.In text = raw(Wire.OK, new byte[] {0x10, 0, 0, 0, 'a'});
        assertEquals("a text of 268435456 bytes does not fit the 1 left in its message",
                assertThrows(Wire.BrokenMessage.class, text::text).getMessage());
        Wire.In floats = raw(Wire.OK, new byte[] {0, 0, 0, 3, 0, 0, 0, 0});
        assertEquals("an array of 12 bytes does not fit the 4 left in its message",
                assertThrows(Wire.BrokenMessage.class, floats::floats).getMessage());
        Wire.In options = raw(Wire.OK, new byte[] {0x7f, 0, 0, 0});
        assertEquals("2130706432 options do not fit the 0 bytes left in its message",
                assertThrows(Wire.BrokenMessage.class, options::options).getMessage());
    }
}
