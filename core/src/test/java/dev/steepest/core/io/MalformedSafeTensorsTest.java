package dev.steepest.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of malformed files: each must be rejected with a {@link SafeTensorsException} whose
 * message names the file and the problem, and none may make the reader allocate more than the
 * file's real size (the absurd sizes below would need gigabytes).
 */
class MalformedSafeTensorsTest {

    @TempDir
    Path dir;

    /** 8-byte little-endian length, then the header text, then {@code dataBytes} zero bytes. */
    static byte[] file(long declaredLength, String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN).putLong(declaredLength).put(h).array();
    }

    static byte[] file(String header, int dataBytes) {
        return file(header.getBytes(StandardCharsets.UTF_8).length, header, dataBytes);
    }

    /** A header in another encoding than the format's UTF-8. */
    static byte[] encoded(String header, String charset) {
        byte[] h = header.getBytes(java.nio.charset.Charset.forName(charset));
        return ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).array();
    }

    static String tensor(String name, String dtype, String shape, String offsets) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}";
    }

    static final String GOOD_A = tensor("a", "F32", "[2]", "[0,8]");

    static Stream<Arguments> malformed() {
        byte[] valid = file("{" + GOOD_A + "," + tensor("b", "F32", "[1]", "[8,12]") + "}", 12);
        byte[] invalidUtf8 = file("{\"\u00ff\":1}", 0);
        invalidUtf8[10] = (byte) 0xff;   // a lone continuation byte in place of the name's first byte
        return Stream.of(
                Arguments.of("empty file", new byte[0], "the file has 0 bytes, too few to hold the 8-byte header length"),
                Arguments.of("header length beyond the file", file(4096, "{}", 0), "header length 4096 is beyond the end of the file (10 bytes"),
                Arguments.of("absurd header length", file(1L << 40, "{}", 0), "header length 1099511627776 is absurd"),
                Arguments.of("negative header length (top bit set)", file(-8, "{}", 0), "header length 18446744073709551608 is absurd"),
                Arguments.of("header is not JSON", file("{not json}", 0), "the header is not valid JSON"),
                Arguments.of("header is not a JSON object", file("[1, 2]  ", 0), "the header does not start with '{'"),
                Arguments.of("content after the JSON object", file("{} {}   ", 0), "the header has content after its JSON object"),
                Arguments.of("header with invalid UTF-8", invalidUtf8, "the header is not valid UTF-8 (near byte 2); the format requires UTF-8"),
                Arguments.of("header in UTF-16LE", encoded("{\"__metadata__\":{\"a\":\"b\"}}  ", "UTF-16LE"), "the header holds a NUL byte at offset 1; the format requires UTF-8 JSON (was it written as UTF-16 or UTF-32?)"),
                Arguments.of("header in UTF-32LE", encoded("{\"__metadata__\":{\"a\":\"b\"}}  ", "UTF-32LE"), "the header holds a NUL byte at offset 1; the format requires UTF-8 JSON"),
                Arguments.of("a lone surrogate in a metadata value", file("{\"__metadata__\":{\"epoch\":\"2\\ud800\"}}   ", 0), "__metadata__ value for 'epoch' holds a lone surrogate \\ud800 at character 1; header strings must be valid Unicode"),
                Arguments.of("a lone low surrogate in a metadata value", file("{\"__metadata__\":{\"name\":\"\\udc00x\"}}   ", 0), "__metadata__ value for 'name' holds a lone surrogate \\udc00 at character 0"),
                Arguments.of("a lone surrogate in a tensor name", file("{\"a\\udc00\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "the header is not valid JSON: Unexpected low surrogate"),
                Arguments.of("header nested too deeply", file("{\"a\":{\"shape\":[[[1]]]}}", 0), "the header is not valid JSON"),
                Arguments.of("truncated data", Arrays.copyOf(valid, valid.length - 3), "tensor 'b': data_offsets [8, 12] lie outside the data, which has 9 bytes (is the file truncated?)"),
                Arguments.of("offsets outside the data", file("{" + tensor("a", "F32", "[2]", "[100,108]") + "}", 8), "data_offsets [100, 108] lie outside the data, which has 8 bytes"),
                Arguments.of("overlapping offsets", file("{" + GOOD_A + "," + tensor("b", "F32", "[2]", "[4,12]") + "}", 12), "tensors 'a' [0, 8] and 'b' [4, 12] overlap"),
                Arguments.of("a gap between tensors", file("{" + GOOD_A + "," + tensor("b", "F32", "[1]", "[12,16]") + "}", 16), "bytes [8, 12) of the data belong to no tensor"),
                Arguments.of("trailing bytes after the tensors", file("{" + GOOD_A + "}", 12), "the data has 12 bytes but the tensors cover 8; 4 bytes at the end belong to no tensor"),
                Arguments.of("element count differs from the byte range", file("{" + tensor("a", "F32", "[3]", "[0,8]") + "}", 8), "shape [3] has 3 elements, 12 bytes of F32, but data_offsets [0, 8] hold 8 bytes"),
                Arguments.of("offsets that end before they begin", file("{" + tensor("a", "F32", "[0]", "[8,4]") + "}", 8), "data_offsets [8, 4] end before they begin"),
                Arguments.of("three offsets", file("{" + tensor("a", "F32", "[2]", "[0,4,8]") + "}", 8), "data_offsets must be [begin, end], got 3 numbers"),
                Arguments.of("unknown dtype", file("{" + tensor("a", "F33", "[2]", "[0,8]") + "}", 8), "tensor 'a' has unknown dtype 'F33'; the format's dtypes are [BF16, BOOL"),
                Arguments.of("a dtype steepest does not hold", file("{" + tensor("a", "I32", "[2]", "[0,8]") + "}", 8), "tensor 'a' has dtype I32, but steepest reads only [BF16, BOOL, F16, F32, F64, I64] (F32, I64, BOOL as themselves, F64, F16, BF16 as float32); convert it (t.long() or t.float()) before saving"),
                Arguments.of("duplicate names", file("{" + GOOD_A + "," + tensor("a", "F32", "[1]", "[8,12]") + "}", 12), "the header names 'a' twice"),
                Arguments.of("negative size in a shape", file("{" + tensor("a", "F32", "[-2]", "[0,8]") + "}", 8), "tensor 'a': shape holds -2, negative or absurdly large"),
                Arguments.of("absurd shape", file("{" + tensor("a", "F32", "[100000,100000,100000]", "[0,8]") + "}", 8), "tensor 'a' has an absurd shape [100000, 100000, 100000]"),
                Arguments.of("absurd number", file("{" + tensor("a", "F32", "[2]", "[0,99999999999999999999]") + "}", 8), "data_offsets holds 99999999999999999999, negative or absurdly large"),
                Arguments.of("a fractional size", file("{" + tensor("a", "F32", "[2.5]", "[0,8]") + "}", 8), "tensor 'a': shape must hold integers, got VALUE_NUMBER_FLOAT 2.5"),
                Arguments.of("non-string metadata", file("{\"__metadata__\":{\"epoch\":3}," + GOOD_A + "}", 8), "__metadata__ value for 'epoch' must be a string, got VALUE_NUMBER_INT"),
                Arguments.of("metadata that is not an object", file("{\"__metadata__\":\"x\"}", 0), "__metadata__ must be an object of strings, got VALUE_STRING"),
                Arguments.of("a missing field", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8), "tensor 'a' lacks data_offsets"),
                Arguments.of("an unknown field", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":1}}", 8), "tensor 'a' has an unknown field 'x'"),
                Arguments.of("a tensor entry that is not an object", file("{\"a\":[1,2]}", 0), "tensor 'a' must be an object with dtype, shape and data_offsets"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isRejectedWithAMessageNamingTheFileAndTheProblem(String kind, byte[] bytes, String problem) throws IOException {
        Path file = Files.write(dir.resolve(kind.replace(' ', '_') + ".safetensors"), bytes);
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(file), kind);
        assertTrue(e.getMessage().startsWith(file + ": "), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), kind + ": expected the message to contain\n  " + problem + "\nbut it was\n  " + e.getMessage());
        SafeTensorsException inMemory = assertThrows(SafeTensorsException.class, () -> SafeTensors.fromBytes(bytes, "in-memory"), kind);
        assertEquals(e.getMessage().substring(file.toString().length()), inMemory.getMessage().substring("in-memory".length()),
                "the same message for bytes in memory");
    }
}
