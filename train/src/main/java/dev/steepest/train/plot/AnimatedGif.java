package dev.steepest.train.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes an animated GIF with the JDK's own GIF writer: each frame is mapped to one 256-colour
 * palette (built from the first frame's most frequent colours and the colours the caller names),
 * carries its delay and its caption (the text the frame shows, e.g. its step, kept in the GIF as
 * a comment that tools and tests can read), and the NETSCAPE2.0 extension makes the animation loop forever.
 * Each frame after the first stores only the rectangle that changed.
 * <p>
 * Why this is not XChart's GIF library: XChart brings madgag's {@code animated-gif-lib}
 * (AnimatedGifEncoder 1.4), which quantises every frame anew with NeuQuant and writes whole frames
 * with no comment extension. A race's series colours would then drift from frame to frame (the
 * legend's red is not the path's red), the captions that tests read back would be lost, and every
 * frame would be stored whole. The encoding itself (LZW, the block structure) is the
 * JDK's {@code ImageIO} GIF writer; what stays here is the fixed palette, the changed rectangle
 * and the caption.
 * <pre>
 * try (AnimatedGif gif = new AnimatedGif(stream, 50, List.of(Color.RED))) { gif.add(frame, "step 1"); ... }
 * </pre>
 */
public final class AnimatedGif implements Closeable {
    private final ImageOutputStream out;
    private final ImageWriter writer;
    private final int delayCentis;
    private final List<Color> wanted;
    private IndexColorModel palette;
    private int paletteSize;
    private final Map<Integer, Integer> nearest = new HashMap<>();
    private int frames;
    private int[] previous;
    private BufferedImage last;

    /**
     * @param stream where the GIF goes (not closed by {@link #close()})
     * @param delayMillis how long each frame shows, in milliseconds (GIF counts hundredths)
     * @param colors colours that must be exact in the palette, e.g. the series colours
     * @throws IOException when the stream cannot be opened
     */
    public AnimatedGif(OutputStream stream, int delayMillis, List<Color> colors) throws IOException {
        if (delayMillis < 10) {
            throw new IllegalArgumentException("AnimatedGif: delay must be at least 10 ms, got " + delayMillis);
        }
        this.writer = ImageIO.getImageWritersByFormatName("gif").next();
        this.out = ImageIO.createImageOutputStream(stream);
        this.delayCentis = delayMillis / 10;
        this.wanted = List.copyOf(colors);
        writer.setOutput(out);
        writer.prepareWriteSequence(null);
    }

    /**
     * Appends a frame; every frame should have the first frame's size.
     *
     * @param frame the picture (not modified), which shows its caption
     * @param caption what the frame says, e.g. {@code "step 12 of 50: x = 0.07"}: written into the GIF as the frame's comment
     * @throws IOException when writing fails
     */
    public void add(BufferedImage frame, String caption) throws IOException {
        if (caption == null || caption.isBlank()) {
            throw new IllegalArgumentException("AnimatedGif: frame " + (frames + 1) + " has no caption; say what it shows, e.g. its step");
        }
        last = frame;
        if (palette == null) {
            palette = palette(frame);
        }
        int width = frame.getWidth();
        int[] rgb = frame.getRGB(0, 0, width, frame.getHeight(), null, 0, width);
        // After the first frame, write only the rectangle that changed; the rest stays on screen.
        java.awt.Rectangle box = previous == null ? new java.awt.Rectangle(0, 0, width, frame.getHeight()) : changed(previous, rgb, width);
        previous = rgb;
        BufferedImage indexed = new BufferedImage(box.width, box.height, BufferedImage.TYPE_BYTE_INDEXED, palette);
        byte[] pixels = ((java.awt.image.DataBufferByte) indexed.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < box.height; y++) {
            for (int x = 0; x < box.width; x++) {
                int p = rgb[(box.y + y) * width + box.x + x] & 0xFFFFFF;
                pixels[y * box.width + x] = (byte) (int) nearest.computeIfAbsent(p, this::closest);
            }
        }
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(indexed), param);
        String format = metadata.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode descriptor = child(root, "ImageDescriptor");
        descriptor.setAttribute("imageLeftPosition", Integer.toString(box.x));
        descriptor.setAttribute("imageTopPosition", Integer.toString(box.y));
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delayCentis));
        control.setAttribute("transparentColorIndex", "0");
        IIOMetadataNode table = child(root, "LocalColorTable");
        table.setAttribute("sizeOfLocalColorTable", "256");
        table.setAttribute("sortFlag", "FALSE");
        for (int i = 0; i < 256; i++) {
            IIOMetadataNode entry = new IIOMetadataNode("ColorTableEntry");
            entry.setAttribute("index", Integer.toString(i));
            entry.setAttribute("red", Integer.toString(palette.getRed(i)));
            entry.setAttribute("green", Integer.toString(palette.getGreen(i)));
            entry.setAttribute("blue", Integer.toString(palette.getBlue(i)));
            table.appendChild(entry);
        }
        IIOMetadataNode comments = child(root, "CommentExtensions");
        IIOMetadataNode comment = new IIOMetadataNode("CommentExtension");
        comment.setAttribute("value", caption);
        comments.appendChild(comment);
        if (frames == 0) {
            IIOMetadataNode extensions = child(root, "ApplicationExtensions");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = forever
            extensions.appendChild(loop);
        }
        metadata.setFromTree(format, root);
        writer.writeToSequence(new IIOImage(indexed, null, metadata), param);
        frames++;
    }

    /** @return the last frame added, as given (null before the first) */
    public BufferedImage lastFrame() {
        return last;
    }

    /** @return how many frames were added */
    public int frames() {
        return frames;
    }

    /** Ends the GIF and flushes it; the underlying stream stays open. */
    @Override
    public void close() throws IOException {
        writer.endWriteSequence();
        out.flush();
        writer.dispose();
        out.close();
    }

    /** @return the smallest rectangle holding every pixel that differs (at least 1 by 1) */
    private static java.awt.Rectangle changed(int[] before, int[] after, int width) {
        int height = after.length / width;
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (before[y * width + x] != after[y * width + x]) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (maxX < 0) {
            return new java.awt.Rectangle(0, 0, 1, 1);
        }
        return new java.awt.Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    /** The caller's colours, a coarse colour cube for blends, then the first frame's most frequent colours. */
    private IndexColorModel palette(BufferedImage first) {
        Set<Integer> colors = new LinkedHashSet<>();
        colors.add(0xFFFFFF);
        colors.add(0x000000);
        for (Color c : wanted) {
            colors.add(c.getRGB() & 0xFFFFFF);
        }
        for (int r = 0; r < 3; r++) {
            for (int g = 0; g < 3; g++) {
                for (int b = 0; b < 3; b++) {
                    colors.add(Math.min(255, r * 128) << 16 | Math.min(255, g * 128) << 8 | Math.min(255, b * 128));
                }
            }
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (int p : first.getRGB(0, 0, first.getWidth(), first.getHeight(), null, 0, first.getWidth())) {
            counts.merge(p & 0xFFFFFF, 1, Integer::sum);
        }
        List<Map.Entry<Integer, Integer>> byCount = new ArrayList<>(counts.entrySet());
        byCount.sort((a, b) -> b.getValue() - a.getValue());
        for (Map.Entry<Integer, Integer> e : byCount) {
            if (colors.size() >= 256) {
                break;
            }
            colors.add(e.getKey());
        }
        byte[] r = new byte[256]; // a GIF colour table has a power-of-two size: pad with black
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        int i = 0;
        paletteSize = colors.size();
        for (int c : colors) {
            r[i] = (byte) (c >> 16);
            g[i] = (byte) (c >> 8);
            b[i] = (byte) c;
            i++;
        }
        return new IndexColorModel(8, 256, r, g, b);
    }

    private int closest(int rgb) {
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        int best = 0;
        int bestDistance = Integer.MAX_VALUE;
        for (int i = 0; i < paletteSize; i++) {
            int dr = r - palette.getRed(i);
            int dg = g - palette.getGreen(i);
            int db = b - palette.getBlue(i);
            int d = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
            if (d < bestDistance) {
                best = i;
                bestDistance = d;
            }
        }
        return best;
    }
}
