package dev.steepest.core.io;

import dev.steepest.core.DType;
import dev.steepest.core.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a safetensors header exactly as the reference (Rust, serde_json; safetensors 0.8) does:
 * compact JSON, {@code __metadata__} first, then the tensors in data order with fields dtype,
 * shape, data_offsets, padded with spaces to a multiple of 8 bytes.
 */
final class HeaderWriter {

    private HeaderWriter() {
    }

    /**
     * The names in the reference's data order: by dtype, the later in the format's list of dtypes
     * first (I64, then F32, then BOOL: the widest first, so every tensor stays aligned), then by
     * their UTF-8 bytes.
     */
    static List<String> sortedNames(Map<String, Tensor> tensors) {
        List<String> names = new ArrayList<>(tensors.keySet());
        names.sort(Comparator.<String>comparingInt(name -> -rank(tensors.get(name).dtype()))
                .thenComparing((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8))));
        return names;
    }

    /** The safetensors name of a dtype: F32, I64, BOOL. */
    static String name(DType dtype) {
        switch (dtype) {
            case INT64: return "I64";
            case BOOL: return "BOOL";
            default: return "F32";
        }
    }

    /** Bytes an element of {@code dtype} takes in the file. */
    static int width(DType dtype) {
        switch (dtype) {
            case INT64: return 8;
            case BOOL: return 1;
            default: return 4;
        }
    }

    /** The dtype's place in the format's list (BOOL, U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64). */
    private static int rank(DType dtype) {
        switch (dtype) {
            case INT64: return 13;
            case BOOL: return 0;
            default: return 11;
        }
    }

    static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        if (tensors == null) {
            throw new IllegalArgumentException("SafeTensors.write: tensors is null; pass a map of name to tensor (it may be empty)");
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals("__metadata__")) {
                throw new IllegalArgumentException("SafeTensors.write: tensor name '" + name + "' is not allowed; use a non-empty name other than __metadata__");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("SafeTensors.write: tensor '" + name + "' is null");
            }
        }
        if (metadata != null && metadata.keySet().stream().anyMatch(k -> k == null)) {
            throw new IllegalArgumentException("SafeTensors.write: metadata has a null key; metadata keys must be strings");
        }
        StringBuilder json = new StringBuilder("{");
        if (metadata != null && !metadata.isEmpty()) {
            json.append("\"__metadata__\":{");
            boolean first = true;
            for (Map.Entry<String, String> e : new TreeMap<>(metadata).entrySet()) {
                if (e.getValue() == null) {
                    throw new IllegalArgumentException("SafeTensors.write: metadata value for '" + e.getKey() + "' is null; metadata values must be strings");
                }
                if (!first) json.append(',');
                first = false;
                string(json, e.getKey()).append(':');
                string(json, e.getValue());
            }
            json.append('}');
        }
        long offset = 0;
        for (String name : sortedNames(tensors)) {
            Tensor t = tensors.get(name);
            if (json.length() > 1) json.append(',');
            string(json, name).append(":{\"dtype\":\"").append(name(t.dtype())).append("\",\"shape\":[");
            int[] shape = t.shape();
            for (int i = 0; i < shape.length; i++) json.append(i == 0 ? "" : ",").append(shape[i]);
            long end = offset + (long) width(t.dtype()) * t.numel();
            json.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        json.append('}');
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (bytes.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(bytes, padded);
        Arrays.fill(out, bytes.length, padded, (byte) ' ');
        return out;
    }

    /** A JSON string as serde_json writes it: quotes, backslash and control characters escaped, the rest raw UTF-8. */
    private static StringBuilder string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
            }
        }
        return sb.append('"');
    }
}
