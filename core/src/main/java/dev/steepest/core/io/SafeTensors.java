package dev.steepest.core.io;

import dev.steepest.core.DType;
import dev.steepest.core.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the safetensors format (https://github.com/huggingface/safetensors), byte for
 * byte as the reference implementation does:
 *
 * <pre>
 * 8 bytes   N, the header's length, unsigned little-endian
 * N bytes   a JSON object: {"__metadata__": {string: string}, "name": {"dtype": "F32",
 *           "shape": [2, 3], "data_offsets": [begin, end]}, …}, padded with spaces to a multiple of 8
 * the rest  the tensors' raw little-endian bytes; offsets count from the end of the header
 * </pre>
 *
 * Tensors are written as the reference lays them out: by dtype, widest first (I64, F32, BOOL), then
 * by name. Each dtype steepest holds is written and read as itself: float32 as {@code F32}, int64 as
 * {@code I64} (8 bytes), bool as {@code BOOL} (one byte, 0 or 1; any other byte is refused). Reading
 * also takes the F64, F16 and BF16 tensors of PyTorch's own files, converts them to float32 and
 * says so in {@link Contents#notes()}.
 *
 * <p>Reading trusts nothing: every header field is checked against the file's real size before
 * anything is allocated, and any breach throws a {@link SafeTensorsException} naming the file and
 * the problem. The header must be UTF-8, as the format says. Values are read straight into each
 * tensor's own storage through a small buffer; besides them reading needs twice the header and 640
 * bytes for each tensor, a cost charged against the file's data (it may exceed the data by 1 MB at
 * most, else the file is refused), so a file of N bytes needs at most about 2N bytes of heap plus
 * 1 MB, and about N for a file of few, large float32 or int64 tensors; a BOOL tensor is the
 * exception, 8 bytes of heap for each byte of file, as steepest holds bool in the int64 storage. Writing to a path is atomic (see
 * {@link AtomicFile}). Used by nn's
 * {@code Module.save/load} and by optimizer state.
 */
public final class SafeTensors {

    private static final System.Logger LOG = System.getLogger(SafeTensors.class.getName());

    /** The reference implementation's limit on the header's size. */
    public static final long MAX_HEADER_SIZE = 100_000_000L;

    /** Bytes read at a time (a multiple of every dtype's width). */
    private static final int CHUNK = 1 << 16;

    /**
     * What a file holds: tensors by name (in file order, i.e. by offset), the metadata strings, and
     * notes on what reading changed (one line per dtype converted to float32: F64, F16, BF16; empty
     * for steepest's own files).
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata, List<String> notes) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
            notes = List.copyOf(notes);
        }

        /** Contents with no notes. */
        public Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
            this(tensors, metadata, List.of());
        }
    }

    private SafeTensors() {
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes the tensors (copies of their values) and optional metadata to {@code file}, atomically.
     * A view (a transpose, a slice, …) is written as its own values, row-major, as {@code
     * torch.save} of its {@code contiguous()} would; the safetensors Python package refuses
     * non-contiguous tensors instead, but a file here never records that two tensors shared storage.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = HeaderWriter.header(tensors, metadata);   // checks the arguments before the file is touched
        AtomicFile.write(file, out -> writeTo(out, header, tensors));
    }

    /** Writes the format to a stream (not closed), for callers that build files of their own. */
    public static void writeTo(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        writeTo(out, HeaderWriter.header(tensors, metadata), tensors);
    }

    /** The whole file as bytes, in memory. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out, tensors, metadata);
        } catch (IOException e) {
            throw new IllegalStateException("toBytes: writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void writeTo(OutputStream out, byte[] header, Map<String, Tensor> tensors) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
        out.write(length.array());
        out.write(header);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);   // a multiple of every width, so a value never straddles two
        for (String name : HeaderWriter.sortedNames(tensors)) {
            Tensor t = tensors.get(name).detach().contiguous();   // a view's values copied, a dense tensor's read as they are
            if (t.dtype() == DType.FLOAT32) {
                for (float v : t.rawData()) putFloat(out, chunk, v);
            } else {
                boolean bool = t.dtype() == DType.BOOL;
                for (long v : t.rawLongs()) putInteger(out, chunk, v, bool);
            }
        }
        out.write(chunk.array(), 0, chunk.position());
    }

    private static void putFloat(OutputStream out, ByteBuffer chunk, float v) throws IOException {
        if (!chunk.hasRemaining()) flush(out, chunk);
        chunk.putFloat(v);
    }

    /** An I64 as 8 little-endian bytes, a BOOL as one byte, 1 or 0. */
    private static void putInteger(OutputStream out, ByteBuffer chunk, long v, boolean bool) throws IOException {
        if (!chunk.hasRemaining()) flush(out, chunk);
        if (bool) chunk.put((byte) v);
        else chunk.putLong(v);
    }

    private static void flush(OutputStream out, ByteBuffer chunk) throws IOException {
        out.write(chunk.array(), 0, chunk.position());
        chunk.clear();
    }

    // ---------------------------------------------------------------- reading

    /** Reads a file, checking it completely. */
    public static Contents read(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("SafeTensors.read: file is null");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file.toString(), new Source() {
                public long size() throws IOException {
                    return channel.size();
                }

                public void readFully(long position, ByteBuffer into) throws IOException {
                    long at = position;
                    while (into.hasRemaining()) {
                        int n = channel.read(into, at);
                        if (n < 0) {
                            throw new SafeTensorsException(file.toString(), "the file ended early (it changed while being read?)");
                        }
                        at += n;
                    }
                }
            });
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such checkpoint file");
        }
    }

    /** Reads bytes held in memory; {@code source} names them in messages. */
    public static Contents fromBytes(byte[] bytes, String source) throws SafeTensorsException {
        if (bytes == null) {
            throw new IllegalArgumentException("SafeTensors.fromBytes: bytes is null");
        }
        try {
            return read(source, new Source() {
                public long size() {
                    return bytes.length;
                }

                public void readFully(long position, ByteBuffer into) {
                    into.put(bytes, (int) position, into.remaining());
                }
            });
        } catch (SafeTensorsException e) {
            throw e;
        } catch (IOException e) {
            throw new SafeTensorsException(source, e.getMessage(), e);
        }
    }

    private interface Source {
        long size() throws IOException;

        void readFully(long position, ByteBuffer into) throws IOException;
    }

    private static Contents read(String name, Source source) throws IOException {
        long size = source.size();
        if (size < 8) {
            throw new SafeTensorsException(name, "the file has " + size + " bytes, too few to hold the 8-byte header length");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        source.readFully(0, lengthBytes);
        long headerLength = lengthBytes.getLong(0);
        if (headerLength < 0 || headerLength > MAX_HEADER_SIZE) {
            throw new SafeTensorsException(name, "header length " + Long.toUnsignedString(headerLength)
                    + " is absurd (the format allows at most " + MAX_HEADER_SIZE + " bytes)");
        }
        if (headerLength > size - 8) {
            throw new SafeTensorsException(name, "header length " + headerLength + " is beyond the end of the file (" + size
                    + " bytes, so at most " + (size - 8) + " bytes of header); the file is truncated or not safetensors");
        }
        ByteBuffer header = ByteBuffer.allocate((int) headerLength);
        source.readFully(8, header);
        long dataLength = size - 8 - headerLength;
        HeaderReader.Header parsed = HeaderReader.parse(name, header.array(), dataLength);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, List<String>> converted = new TreeMap<>();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (HeaderReader.Entry e : parsed.entries()) {
            DType dtype = DtypeConversion.heldAs(e.dtype());
            Tensor t = Tensor.zeros(dtype, e.shape());
            float[] floats = dtype == DType.FLOAT32 ? t.rawData() : null;   // the tensor's own storage: the only copy of its values
            long[] longs = dtype == DType.FLOAT32 ? null : t.rawLongs();
            long at = 8 + headerLength + e.begin();
            int filled = 0;
            while (at < 8 + headerLength + e.end()) {
                chunk.clear();
                chunk.limit((int) Math.min(CHUNK, 8 + headerLength + e.end() - at));
                source.readFully(at, chunk);
                at += chunk.limit();
                chunk.flip();
                filled += floats != null ? DtypeConversion.convert(e.dtype(), chunk, floats, filled)
                        : DtypeConversion.integers(name, e, chunk, longs, filled);
            }
            tensors.put(e.name(), t);
            if (DtypeConversion.converted(e.dtype())) {
                converted.computeIfAbsent(e.dtype(), k -> new ArrayList<>()).add(e.name());
            }
        }
        List<String> notes = new ArrayList<>();
        converted.forEach((dtype, names) -> notes.add(name + ": converted " + names.size() + " " + dtype + " tensor(s) to float32 ("
                + DtypeConversion.whatChanges(dtype) + "): " + String.join(", ", names.subList(0, Math.min(names.size(), 5)))
                + (names.size() > 5 ? ", …" : "")));
        notes.forEach(note -> LOG.log(System.Logger.Level.INFO, note));
        return new Contents(tensors, parsed.metadata(), notes);
    }
}
