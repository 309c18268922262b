package dev.steepest.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a safetensors header with jackson-core's streaming parser under tight limits, then checks
 * every entry against the real size of the data that follows it. Nothing is trusted: a problem is
 * reported as a {@link SafeTensorsException} naming the source and what is wrong.
 */
final class HeaderReader {

    /** The dtypes the format defines. */
    static final Set<String> KNOWN_DTYPES = Set.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16",
            "I32", "U32", "F32", "F64", "I64", "U64");

    /** The dtypes steepest reads, with their widths in bytes: F32, I64 and BOOL as themselves, the others converted to float32 (see DtypeConversion). */
    static final Map<String, Integer> READABLE_DTYPES = Map.of("F32", 4, "F64", 8, "F16", 2, "BF16", 2, "I64", 8, "BOOL", 1);

    /**
     * Heap charged for each tensor the header describes, besides its values: the Tensor, its name,
     * its entries in the maps, the parsed entry and the parser's garbage (measured: about 450 bytes
     * for an empty tensor with a short name, SafeTensorsMemoryTest).
     */
    static final long BYTES_PER_TENSOR = 640;

    /** What the tensors' bookkeeping may cost beyond the file's data: 1638 tensors even in a file with no data. */
    static final long BOOKKEEPING_ALLOWANCE = 1L << 20;

    /** The most dimensions a shape may have. */
    private static final int MAX_DIMS = 64;

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)   // tensor names are unique: not for the JVM's string table
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(3)          // {"name": {"shape": [..]}}
                    .maxNumberLength(20)         // enough for any u64
                    .maxStringLength(1 << 20)
                    .maxNameLength(1 << 16)
                    .build())
            .build();

    record Entry(String name, String dtype, int[] shape, long begin, long end) {
    }

    record Header(List<Entry> entries, Map<String, String> metadata) {
    }

    private HeaderReader() {
    }

    static Header parse(String source, byte[] header, long dataLength) throws SafeTensorsException {
        if (header.length == 0 || header[0] != '{') {
            throw new SafeTensorsException(source, "the header does not start with '{', so it is not a JSON object (is this a safetensors file?)");
        }
        checkUtf8(source, header);
        long budget = dataLength + BOOKKEEPING_ALLOWANCE;
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Set<String> names = new java.util.HashSet<>();
        long[] scratch = new long[MAX_DIMS];
        // from a strict UTF-8 reader, so the parser never guesses another encoding and never copies the header
        try (JsonParser p = JSON.createParser(new InputStreamReader(new ByteArrayInputStream(header), StandardCharsets.UTF_8))) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = checkedText(source, "a tensor name", p.currentName());
                p.nextToken();
                if (!names.add(name)) {
                    throw new SafeTensorsException(source, "the header names '" + name + "' twice");
                }
                if (name.equals("__metadata__")) {
                    readMetadata(source, p, metadata);
                } else {
                    if ((entries.size() + 1L) * BYTES_PER_TENSOR > budget) {
                        throw new SafeTensorsException(source, "the header describes more than " + entries.size() + " tensors; holding each costs about "
                                + BYTES_PER_TENSOR + " bytes of heap besides its values, and that cost may not exceed the file's "
                                + dataLength + " bytes of data plus " + BOOKKEEPING_ALLOWANCE + " (so at most " + budget / BYTES_PER_TENSOR
                                + " tensors here); a file of many empty or tiny tensors is refused to keep reading within memory");
                    }
                    entries.add(readEntry(source, p, name, dataLength, scratch));
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new SafeTensorsException(source, "the header is not a JSON object of tensors");
            }
            if (p.nextToken() != null) {
                throw new SafeTensorsException(source, "the header has content after its JSON object: " + p.currentToken());
            }
        } catch (JsonProcessingException e) {
            throw new SafeTensorsException(source, "the header is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (SafeTensorsException e) {
            throw e;
        } catch (IOException e) {
            throw new SafeTensorsException(source, "the header cannot be read: " + e.getMessage(), e);
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        checkCoverage(source, entries, dataLength);
        return new Header(entries, metadata);
    }

    private static void readMetadata(String source, JsonParser p, Map<String, String> metadata) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new SafeTensorsException(source, "__metadata__ must be an object of strings, got " + p.currentToken());
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = checkedText(source, "a __metadata__ key", p.currentName());
            JsonToken value = p.nextToken();
            if (value != JsonToken.VALUE_STRING) {
                throw new SafeTensorsException(source, "__metadata__ value for '" + key + "' must be a string, got " + value);
            }
            if (metadata.put(key, checkedText(source, "__metadata__ value for '" + key + "'", p.getText())) != null) {
                throw new SafeTensorsException(source, "__metadata__ names '" + key + "' twice");
            }
        }
    }

    private static Entry readEntry(String source, JsonParser p, String name, long dataLength, long[] scratch) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new SafeTensorsException(source, where(name) + " must be an object with dtype, shape and data_offsets, got " + p.currentToken());
        }
        String dtype = null;
        long[] shape = null, offsets = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "dtype":
                    if (dtype != null || value != JsonToken.VALUE_STRING) {
                        throw new SafeTensorsException(source, where(name) + ": dtype must be given once, as a string");
                    }
                    dtype = p.getText();
                    if (!READABLE_DTYPES.containsKey(dtype)) checkedText(source, where(name) + ": dtype", dtype);
                    break;
                case "shape":
                    if (shape != null) throw new SafeTensorsException(source, where(name) + ": shape is given twice");
                    shape = longs(source, p, name, ": shape", scratch);
                    break;
                case "data_offsets":
                    if (offsets != null) throw new SafeTensorsException(source, where(name) + ": data_offsets is given twice");
                    offsets = longs(source, p, name, ": data_offsets", scratch);
                    break;
                default:
                    throw new SafeTensorsException(source, where(name) + " has an unknown field '" + field + "'; expected dtype, shape, data_offsets");
            }
        }
        if (dtype == null || shape == null || offsets == null) {
            throw new SafeTensorsException(source, where(name) + " lacks " + (dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets"));
        }
        Integer width = READABLE_DTYPES.get(dtype);
        if (width == null) {
            throw new SafeTensorsException(source, KNOWN_DTYPES.contains(dtype)
                    ? where(name) + " has dtype " + dtype + ", but steepest reads only " + new java.util.TreeSet<>(READABLE_DTYPES.keySet())
                            + " (F32, I64, BOOL as themselves, F64, F16, BF16 as float32); convert it (t.long() or t.float()) before saving"
                    : where(name) + " has unknown dtype '" + dtype + "'; the format's dtypes are " + new java.util.TreeSet<>(KNOWN_DTYPES));
        }
        long count = 1;
        int[] dims = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) {
                throw new SafeTensorsException(source, where(name) + " has an absurd size " + shape[i] + " in its shape " + Arrays.toString(shape));
            }
            dims[i] = (int) shape[i];
            count *= shape[i];
            if (count > Integer.MAX_VALUE - 8) {
                throw new SafeTensorsException(source, where(name) + " has an absurd shape " + Arrays.toString(shape) + ": too many elements for one array");
            }
        }
        if (offsets.length != 2) {
            throw new SafeTensorsException(source, where(name) + ": data_offsets must be [begin, end], got " + offsets.length + " numbers");
        }
        long begin = offsets[0], end = offsets[1];
        if (begin > end) {
            throw new SafeTensorsException(source, where(name) + ": data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        if (end > dataLength) {
            throw new SafeTensorsException(source, where(name) + ": data_offsets [" + begin + ", " + end + "] lie outside the data, which has "
                    + dataLength + " bytes (is the file truncated?)");
        }
        if (end - begin != count * width) {
            throw new SafeTensorsException(source, where(name) + ": shape " + Arrays.toString(shape) + " has " + count + " elements, "
                    + count * width + " bytes of " + dtype + ", but data_offsets [" + begin + ", " + end + "] hold " + (end - begin) + " bytes");
        }
        return new Entry(name, dtype, dims, begin, end);
    }

    /**
     * Checks that the header is UTF-8, strictly, as the format says: malformed bytes (including an
     * encoded surrogate) and NUL bytes (a header written as UTF-16 or UTF-32 has one beside every
     * ASCII character) are refused rather than guessed at. Decodes through a small buffer, so the
     * check costs no copy of the header.
     */
    private static void checkUtf8(String source, byte[] header) throws SafeTensorsException {
        for (int i = 0; i < header.length; i++) {
            if (header[i] == 0) {
                throw new SafeTensorsException(source, "the header holds a NUL byte at offset " + i + "; the format requires UTF-8 JSON "
                        + "(was it written as UTF-16 or UTF-32?)");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(header);
        CharBuffer chars = CharBuffer.allocate(4096);
        while (true) {
            CoderResult result = decoder.decode(bytes, chars, true);
            if (result.isError()) {
                throw new SafeTensorsException(source, "the header is not valid UTF-8 (near byte " + bytes.position()
                        + "); the format requires UTF-8");
            }
            chars.clear();
            if (result.isUnderflow()) {
                break;
            }
        }
        if (decoder.flush(chars).isError()) {
            throw new SafeTensorsException(source, "the header is not valid UTF-8 (at its end); the format requires UTF-8");
        }
    }

    /** "tensor 'name'", for messages. */
    private static String where(String name) {
        return "tensor '" + name + "'";
    }

    /** A string of the header, refused if it holds a lone surrogate (a JSON escape of a high or low surrogate with no partner): not Unicode text. */
    private static String checkedText(String source, String what, String text) throws SafeTensorsException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new SafeTensorsException(source, what + " holds a lone surrogate \\u" + Integer.toHexString(c)
                        + " at character " + i + "; header strings must be valid Unicode");
            }
        }
        return text;
    }

    /** An array of at most 64 non-negative integers, read into {@code scratch}; each checked before it is kept. */
    private static long[] longs(String source, JsonParser p, String name, String field, long[] scratch) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new SafeTensorsException(source, where(name) + field + " must be an array of non-negative integers, got " + p.currentToken());
        }
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw new SafeTensorsException(source, where(name) + field + " must hold integers, got " + p.currentToken() + " " + p.getText());
            }
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0) {
                throw new SafeTensorsException(source, where(name) + field + " holds " + p.getText() + ", negative or absurdly large");
            }
            if (n == scratch.length) {
                throw new SafeTensorsException(source, where(name) + field + " has more than " + scratch.length + " entries");
            }
            scratch[n++] = p.getLongValue();
        }
        return Arrays.copyOf(scratch, n);
    }

    /** The tensors (sorted by offset) must tile the data exactly, as the reference requires: no overlap, no gap, nothing after. */
    private static void checkCoverage(String source, List<Entry> entries, long dataLength) throws SafeTensorsException {
        long expected = 0;
        Entry previous = null;
        for (Entry e : entries) {
            if (e.begin() < expected) {
                throw new SafeTensorsException(source, "tensors '" + previous.name() + "' [" + previous.begin() + ", " + previous.end()
                        + "] and '" + e.name() + "' [" + e.begin() + ", " + e.end() + "] overlap");
            }
            if (e.begin() > expected) {
                throw new SafeTensorsException(source, "bytes [" + expected + ", " + e.begin() + ") of the data belong to no tensor");
            }
            expected = e.end();
            previous = e;
        }
        if (expected != dataLength) {
            throw new SafeTensorsException(source, "the data has " + dataLength + " bytes but the tensors cover " + expected
                    + "; " + (dataLength - expected) + " bytes at the end belong to no tensor");
        }
    }
}
