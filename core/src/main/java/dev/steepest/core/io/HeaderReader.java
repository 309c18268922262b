package dev.steepest.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
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

    /** The dtypes steepest reads, with their widths in bytes: F32 as is, the others converted to float32 (see DtypeConversion). */
    static final Map<String, Integer> READABLE_DTYPES = Map.of("F32", 4, "F64", 8, "F16", 2, "BF16", 2, "I64", 8);

    private static final JsonFactory JSON = JsonFactory.builder()
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
        String text = utf8(source, header);
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Set<String> names = new java.util.HashSet<>();
        try (JsonParser p = JSON.createParser(text)) {   // from text, so the parser never guesses another encoding
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
                    entries.add(readEntry(source, p, name, dataLength));
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
        checkCoverage(source, entries, dataLength);
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
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

    private static Entry readEntry(String source, JsonParser p, String name, long dataLength) throws IOException {
        String where = "tensor '" + name + "'";
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new SafeTensorsException(source, where + " must be an object with dtype, shape and data_offsets, got " + p.currentToken());
        }
        String dtype = null;
        long[] shape = null, offsets = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "dtype":
                    if (dtype != null || value != JsonToken.VALUE_STRING) {
                        throw new SafeTensorsException(source, where + ": dtype must be given once, as a string");
                    }
                    dtype = checkedText(source, where + ": dtype", p.getText());
                    break;
                case "shape":
                    if (shape != null) throw new SafeTensorsException(source, where + ": shape is given twice");
                    shape = longs(source, p, where + ": shape");
                    break;
                case "data_offsets":
                    if (offsets != null) throw new SafeTensorsException(source, where + ": data_offsets is given twice");
                    offsets = longs(source, p, where + ": data_offsets");
                    break;
                default:
                    throw new SafeTensorsException(source, where + " has an unknown field '" + field + "'; expected dtype, shape, data_offsets");
            }
        }
        if (dtype == null || shape == null || offsets == null) {
            throw new SafeTensorsException(source, where + " lacks " + (dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets"));
        }
        Integer width = READABLE_DTYPES.get(dtype);
        if (width == null) {
            throw new SafeTensorsException(source, KNOWN_DTYPES.contains(dtype)
                    ? where + " has dtype " + dtype + ", but steepest holds float32 and converts only " + new java.util.TreeSet<>(READABLE_DTYPES.keySet())
                            + "; convert it (e.g. t.float()) before saving"
                    : where + " has unknown dtype '" + dtype + "'; the format's dtypes are " + new java.util.TreeSet<>(KNOWN_DTYPES));
        }
        long count = 1;
        int[] dims = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) {
                throw new SafeTensorsException(source, where + " has an absurd size " + shape[i] + " in its shape " + Arrays.toString(shape));
            }
            dims[i] = (int) shape[i];
            count *= shape[i];
            if (count > Integer.MAX_VALUE - 8) {
                throw new SafeTensorsException(source, where + " has an absurd shape " + Arrays.toString(shape) + ": too many elements for one array");
            }
        }
        if (offsets.length != 2) {
            throw new SafeTensorsException(source, where + ": data_offsets must be [begin, end], got " + offsets.length + " numbers");
        }
        long begin = offsets[0], end = offsets[1];
        if (begin > end) {
            throw new SafeTensorsException(source, where + ": data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        if (end > dataLength) {
            throw new SafeTensorsException(source, where + ": data_offsets [" + begin + ", " + end + "] lie outside the data, which has "
                    + dataLength + " bytes (is the file truncated?)");
        }
        if (end - begin != count * width) {
            throw new SafeTensorsException(source, where + ": shape " + Arrays.toString(shape) + " has " + count + " elements, "
                    + count * width + " bytes of " + dtype + ", but data_offsets [" + begin + ", " + end + "] hold " + (end - begin) + " bytes");
        }
        return new Entry(name, dtype, dims, begin, end);
    }

    /**
     * The header as text, decoded strictly: the format says UTF-8, so malformed bytes (including an
     * encoded surrogate) and NUL bytes (a header written as UTF-16 or UTF-32 has one beside every
     * ASCII character) are refused rather than guessed at.
     */
    private static String utf8(String source, byte[] header) throws SafeTensorsException {
        for (int i = 0; i < header.length; i++) {
            if (header[i] == 0) {
                throw new SafeTensorsException(source, "the header holds a NUL byte at offset " + i + "; the format requires UTF-8 JSON "
                        + "(was it written as UTF-16 or UTF-32?)");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(header);
        try {
            return decoder.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new SafeTensorsException(source, "the header is not valid UTF-8 (near byte " + bytes.position()
                    + "); the format requires UTF-8", e);
        }
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

    /** An array of non-negative integers; each checked before it is kept. */
    private static long[] longs(String source, JsonParser p, String what) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new SafeTensorsException(source, what + " must be an array of non-negative integers, got " + p.currentToken());
        }
        long[] out = new long[8];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw new SafeTensorsException(source, what + " must hold integers, got " + p.currentToken() + " " + p.getText());
            }
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0) {
                throw new SafeTensorsException(source, what + " holds " + p.getText() + ", negative or absurdly large");
            }
            if (n == out.length) {
                if (n >= 64) throw new SafeTensorsException(source, what + " has more than 64 entries");
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = p.getLongValue();
        }
        return Arrays.copyOf(out, n);
    }

    /** The tensors must tile the data exactly, as the reference requires: no overlap, no gap, nothing after. */
    private static void checkCoverage(String source, List<Entry> entries, long dataLength) throws SafeTensorsException {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        Entry previous = null;
        for (Entry e : byOffset) {
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
