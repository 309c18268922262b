package dev.steepest.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Generator;
import dev.steepest.core.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datasets, the DataLoader, CSV and IDX files, and the shipped data sets. */
class DataTest {

    @TempDir
    Path dir;

    private static TensorDataset counting(int n) {
        float[] x = new float[n * 2], y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = i;
        }
        return new TensorDataset(Tensor.of(x, n, 2), Tensor.of(y, n));
    }

    private static List<Float> targetsOf(DataLoader loader) {
        List<Float> seen = new ArrayList<>();
        for (Batch b : loader) for (float v : b.targets().toArray()) seen.add(v);
        return seen;
    }

    @Test
    void batchesInOrderKeepTheShortLastBatchUnlessDropLast() {
        DataLoader loader = new DataLoader(counting(10), 4);
        List<Batch> batches = new ArrayList<>();
        loader.forEach(batches::add);
        assertEquals(3, loader.size());
        assertEquals(List.of(4, 4, 2), batches.stream().map(Batch::size).toList());
        assertArrayEquals(new int[] {2, 2}, batches.get(2).inputs().shape());
        assertArrayEquals(new float[] {8, -8, 9, -9}, batches.get(2).inputs().toArray(), "inputs stay paired with their rows");
        DataLoader dropping = new DataLoader(counting(10), 4, false, true, null);
        assertEquals(2, dropping.size());
        assertEquals(8, targetsOf(dropping).size());
    }

    @Test
    void shuffleVisitsEverySampleOnceInAnOrderFixedBySeedAndNewEachEpoch() {
        DataLoader a = new DataLoader(counting(50), 8, true, false, new Generator(3));
        DataLoader b = new DataLoader(counting(50), 8, true, false, new Generator(3));
        List<Float> epoch1 = targetsOf(a), epoch2 = targetsOf(a);
        assertEquals(epoch1, targetsOf(b), "same seed, same order");
        assertNotEquals(epoch1, epoch2, "a new order each epoch");
        List<Float> sorted = new ArrayList<>(epoch1);
        sorted.sort(null);
        assertEquals(targetsOf(new DataLoader(counting(50), 8)), sorted, "a permutation: every sample exactly once");
        assertNotEquals(sorted, epoch1, "shuffled");
        for (Batch batch : a) {
            float[] x = batch.inputs().toArray(), y = batch.targets().toArray();
            for (int i = 0; i < y.length; i++) assertEquals(y[i], x[2 * i], "input and target of a sample stay together");
        }
    }

    @Test
    void loaderArgumentsAreChecked() {
        assertEquals("DataLoader: batchSize must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new DataLoader(counting(3), 0)).getMessage());
        assertEquals("DataLoader: shuffling needs a Generator (new Generator(seed)), so that runs can be repeated",
                assertThrows(IllegalArgumentException.class, () -> new DataLoader(counting(3), 2, true, false, null)).getMessage());
        assertEquals("TensorDataset: inputs [3, 2] and targets [4] must have the same size in their first dimension",
                assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Tensor.zeros(3, 2), Tensor.zeros(4))).getMessage());
    }

    @Test
    void csvReadsPlainAndGzipFilesAndNamesTheBadCell() throws IOException {
        String text = "a,b,c\n1,2,3\n4.5,-5,6e1\n";
        Path plain = Files.writeString(dir.resolve("t.csv"), text);
        Path gz = dir.resolve("t.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        for (Path p : new Path[] {plain, gz}) {
            List<float[]> rows = Csv.read(p, 1);
            assertEquals(2, rows.size());
            assertArrayEquals(new float[] {4.5f, -5f, 60f}, rows.get(1));
        }
        Path bad = Files.writeString(dir.resolve("bad.csv"), "1,2\n3,x\n");
        assertEquals(bad + ": line 2, column 2: 'x' is not a number", assertThrows(IOException.class, () -> Csv.read(bad, 0)).getMessage());
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "1,2\n3\n");
        assertEquals(ragged + ": line 2 has 1 columns, but the first row has 2", assertThrows(IOException.class, () -> Csv.read(ragged, 0)).getMessage());
    }

    @Test
    void digitsLoadAsScaledEightByEightImages() {
        TensorDataset d = Digits.load();
        assertArrayEquals(new int[] {1797, 1, 8, 8}, d.inputs().shape());
        assertArrayEquals(new int[] {1797}, d.targets().shape());
        float[] first = Arrays.copyOf(d.inputs().toArray(), 4);
        assertArrayEquals(new float[] {0, 0, 5 / 16f, 13 / 16f}, first, "first row of the file: 0,0,5,13,…");
        assertEquals(0f, d.targets().get(0));
        int[] perClass = new int[10];
        for (float y : d.targets().toArray()) perClass[(int) y]++;
        for (int c = 0; c < 10; c++) assertTrue(perClass[c] > 170 && perClass[c] < 190, "class " + c + " has " + perClass[c]);
        assertEquals(1f, d.inputs().max().item());
        assertEquals(0f, d.inputs().min().item());
    }

    @Test
    void irisLoadsWithItsClassNames() {
        TensorDataset d = Iris.load();
        assertArrayEquals(new int[] {150, 4}, d.inputs().shape());
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, d.get(0).input().toArray());
        assertEquals(List.of("setosa", "versicolor", "virginica"), Iris.CLASS_NAMES);
        assertEquals(2f, d.targets().get(149));
    }

    /** An IDX file: magic, sizes, then the bytes given. */
    private Path idx(String name, int type, int[] dims, byte[] data, boolean gzip) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        b.put(data);
        Path p = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(b.array());
        }
        return p;
    }

    @Test
    void idxReadsMnistStyleFilesPlainAndGzipped() throws IOException {
        byte[] pixels = new byte[2 * 3 * 3];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) (i * 15);
        Path images = idx("img.idx3", 0x08, new int[] {2, 3, 3}, pixels, true);
        Path labels = idx("lab.idx1", 0x08, new int[] {2}, new byte[] {7, (byte) 200}, false);
        Tensor raw = Idx.read(images);
        assertArrayEquals(new int[] {2, 3, 3}, raw.shape());
        assertEquals(255f, raw.get(1, 2, 2), "unsigned bytes: 17·15 = 255");
        TensorDataset mnist = Idx.mnist(images, labels);
        assertArrayEquals(new int[] {2, 1, 3, 3}, mnist.inputs().shape());
        assertEquals(1f, mnist.inputs().get(1, 0, 2, 2));
        assertArrayEquals(new float[] {7, 200}, mnist.targets().toArray());
        Path floats = idx("f.idx", 0x0D, new int[] {2}, ByteBuffer.allocate(8).putFloat(1.5f).putFloat(-2f).array(), false);
        assertArrayEquals(new float[] {1.5f, -2f}, Idx.read(floats).toArray());
    }

    @Test
    void idxRejectsMalformedFilesNamingTheProblem() throws IOException {
        Path notIdx = Files.write(dir.resolve("png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0});
        assertTrue(message(notIdx).endsWith("does not start with the IDX magic number (two zero bytes), got 89 50; is it an IDX (MNIST) file?"));
        assertTrue(message(idx("t", 0x07, new int[] {1}, new byte[1], false)).contains("unknown IDX type code 0x7"));
        assertTrue(message(idx("z", 0x08, new int[0], new byte[0], false)).contains("has 0 dimensions; expected 1 to 8"));
        assertTrue(message(idx("neg", 0x08, new int[] {-1}, new byte[0], false)).contains("dimension 0 has negative size -1"));
        assertTrue(message(idx("huge", 0x08, new int[] {60000, 60000, 28}, new byte[10], false)).contains("is absurdly large"));
        assertEquals(dir.resolve("short") + ": shape [2, 3] needs 6 bytes of data, but the file holds only 4 (truncated?)",
                message(idx("short", 0x08, new int[] {2, 3}, new byte[4], true)));
        assertTrue(message(idx("long", 0x08, new int[] {2}, new byte[3], false)).contains("has bytes after the 2 bytes that shape [2] needs"));
        Path images = idx("i", 0x08, new int[] {3, 2, 2}, new byte[12], false), labels = idx("l", 0x08, new int[] {2}, new byte[2], false);
        assertEquals(images + " has 3 images but " + labels + " has 2 labels",
                assertThrows(IOException.class, () -> Idx.mnist(images, labels)).getMessage());
    }

    private static String message(Path p) {
        return assertThrows(IOException.class, () -> Idx.read(p)).getMessage();
    }
}
