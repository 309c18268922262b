package dev.steepest.examples;

import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

/** Reads a GIF back with ImageIO, for the tests: frame count, delays, the looping extension. */
public final class Gifs {
    private Gifs() {
    }

    /** What a GIF holds; {@code captions} are the frames' comments, one per frame ("" where a frame has none). */
    public record Info(int frames, int width, int height, int delayCentis, boolean loops, java.util.List<String> captions) {
    }

    public static Info read(Path file) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            int frames = reader.getNumImages(true);
            var first = reader.read(0);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
            int delay = Integer.parseInt(control.getAttribute("delayTime"));
            boolean loops = false;
            var apps = root.getElementsByTagName("ApplicationExtension");
            for (int i = 0; i < apps.getLength(); i++) {
                IIOMetadataNode app = (IIOMetadataNode) apps.item(i);
                byte[] data = (byte[]) app.getUserObject();
                loops |= app.getAttribute("applicationID").equals("NETSCAPE") && data.length == 3 && data[0] == 1
                        && data[1] == 0 && data[2] == 0;
            }
            java.util.List<String> captions = new java.util.ArrayList<>();
            for (int i = 0; i < frames; i++) {
                reader.read(i);   // every frame decodes
                IIOMetadataNode frame = (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                var comments = frame.getElementsByTagName("CommentExtension");
                captions.add(comments.getLength() == 0 ? "" : ((IIOMetadataNode) comments.item(0)).getAttribute("value"));
            }
            return new Info(frames, first.getWidth(), first.getHeight(), delay, loops, captions);
        } finally {
            reader.dispose();
        }
    }
}
