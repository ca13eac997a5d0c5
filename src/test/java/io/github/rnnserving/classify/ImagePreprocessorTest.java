package io.github.rnnserving.classify;

import static io.github.rnnserving.support.PixelStats.meanAbsDifference;
import static io.github.rnnserving.support.PixelStats.pearson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.github.rnnserving.classify.ImagePreprocessor.Polarity;
import io.github.rnnserving.support.SharedFiles;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * {@link ImagePreprocessor} against the MNIST procedure: luminance, alpha, polarity, levels, the
 * 20x20 box and the centre of mass, on synthetic images and on a real MNIST digit.
 *
 * <p>Long on purpose: each convention of the class comment has its cases here, next to the image
 * builders they share, so the conventions and their evidence read together.
 */
class ImagePreprocessorTest {

    private static final int FRAME = ImagePreprocessor.FRAME_SIDE;
    private static final int CANVAS_WIDTH = 200;
    private static final int CANVAS_HEIGHT = 300;

    private final ImagePreprocessor preprocessor = new ImagePreprocessor(1_000_000);

    @Test
    void blackSevenOnWhiteBecomesA20PixelDigitCentredByMass() throws IOException {
        byte[] png = png(seven(Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB));

        byte[] rows = preprocessor.toMnistRows(png, Polarity.DARK_ON_LIGHT);

        assertThat(rows.length).isEqualTo(FRAME * FRAME);
        int[] box = inkBox(rows);
        assertThat(Math.max(box[2], box[3])).as("longer side of the ink box").isCloseTo(20, within(1));
        // Pixel-index coordinates (pixel i spans i-0.5..i+0.5), target (14, 14) as in MNIST itself;
        // whole-pixel shifts leave up to half a pixel, byte rounding a little more.
        double[] centre = centreOfMass(rows);
        assertThat(centre[0]).as("centre of mass x").isCloseTo(14.0, within(0.55));
        assertThat(centre[1]).as("centre of mass y").isCloseTo(14.0, within(0.55));
        assertThat(max(rows)).as("strokes at full strength").isEqualTo(255);
        assertThat(rows[0]).as("background is black").isZero();
        assertThat(zeros(rows)).as("background stays exactly 0").isGreaterThan(FRAME * FRAME - 20 * 20);
        assertThat(preprocessor.toMnistRows(png, Polarity.AUTO))
                .as("AUTO inverts")
                .isEqualTo(rows);
    }

    @Test
    void whiteOnBlackDrawingGivesNearlyTheSameDigit() throws IOException {
        byte[] darkOnLight = preprocessor.toMnistRows(
                png(seven(Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB)), Polarity.DARK_ON_LIGHT);
        byte[] png = png(seven(Color.BLACK, Color.WHITE, BufferedImage.TYPE_INT_RGB));

        byte[] lightOnDark = preprocessor.toMnistRows(png, Polarity.LIGHT_ON_DARK);

        assertThat(maxAbsDifference(darkOnLight, lightOnDark)).isLessThanOrEqualTo(4);
        assertThat(preprocessor.toMnistRows(png, Polarity.AUTO)).isEqualTo(lightOnDark);
    }

    @Test
    void jpegGivesNearlyTheSameDigitAsPng() throws IOException {
        BufferedImage drawing = seven(Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB);
        byte[] fromPng = preprocessor.toMnistRows(png(drawing), Polarity.DARK_ON_LIGHT);

        byte[] fromJpeg = preprocessor.toMnistRows(jpeg(drawing), Polarity.AUTO);

        assertThat(meanAbsDifference(fromPng, fromJpeg)).as("mean difference").isLessThan(3);
        assertThat(pearson(fromPng, fromJpeg)).isGreaterThan(0.99);
        assertThat(fromJpeg[0]).as("JPEG noise does not reach the background").isZero();
    }

    @Test
    void redOnBlueUsesLuminanceAndStretchesToFullStrength() throws IOException {
        byte[] reference = referenceSeven();
        byte[] png = png(seven(Color.BLUE, Color.RED, BufferedImage.TYPE_INT_RGB));

        for (Polarity polarity : new Polarity[] {Polarity.LIGHT_ON_DARK, Polarity.AUTO}) {
            byte[] rows = preprocessor.toMnistRows(png, polarity);
            assertThat(max(rows)).as(polarity.name()).isEqualTo(255);
            assertThat(pearson(reference, rows)).as(polarity.name()).isGreaterThan(0.99);
        }
    }

    @Test
    void transparentPngWithBlackStrokesIsDarkInkOnLightBackground() throws IOException {
        byte[] reference = referenceSeven();
        byte[] png = png(seven(new Color(0, 0, 0, 0), Color.BLACK, BufferedImage.TYPE_INT_ARGB));

        byte[] auto = preprocessor.toMnistRows(png, Polarity.AUTO);
        byte[] darkOnLight = preprocessor.toMnistRows(png, Polarity.DARK_ON_LIGHT);

        assertThat(maxAbsDifference(reference, auto)).isLessThanOrEqualTo(4);
        assertThat(maxAbsDifference(reference, darkOnLight)).isLessThanOrEqualTo(4);
    }

    @Test
    void transparentPngWithWhiteStrokesWorksWithAuto() throws IOException {
        byte[] png = png(seven(new Color(0, 0, 0, 0), Color.WHITE, BufferedImage.TYPE_INT_ARGB));

        byte[] rows = preprocessor.toMnistRows(png, Polarity.AUTO);

        assertThat(maxAbsDifference(referenceSeven(), rows)).isLessThanOrEqualTo(4);
    }

    @Test
    void sixteenBitGrayAndPalettePngsWork() throws IOException {
        byte[] reference = referenceSeven();
        BufferedImage drawing = seven(Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB);

        BufferedImage sixteenBit = new BufferedImage(CANVAS_WIDTH, CANVAS_HEIGHT, BufferedImage.TYPE_USHORT_GRAY);
        BufferedImage palette = new BufferedImage(CANVAS_WIDTH, CANVAS_HEIGHT, BufferedImage.TYPE_BYTE_INDEXED);
        BufferedImage eightBit = new BufferedImage(CANVAS_WIDTH, CANVAS_HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < CANVAS_HEIGHT; y++) {
            for (int x = 0; x < CANVAS_WIDTH; x++) {
                int value = drawing.getRGB(x, y) & 0xff;
                sixteenBit.getRaster().setSample(x, y, 0, value * 257);
                eightBit.getRaster().setSample(x, y, 0, value);
                palette.setRGB(x, y, drawing.getRGB(x, y));
            }
        }

        byte[] fromSixteenBit = preprocessor.toMnistRows(png(sixteenBit), Polarity.AUTO);
        byte[] fromEightBit = preprocessor.toMnistRows(png(eightBit), Polarity.AUTO);
        byte[] fromPalette = preprocessor.toMnistRows(png(palette), Polarity.AUTO);

        assertThat(maxAbsDifference(reference, fromSixteenBit))
                .as("16-bit gray")
                .isLessThanOrEqualTo(1);
        assertThat(maxAbsDifference(reference, fromEightBit)).as("8-bit gray").isLessThanOrEqualTo(1);
        assertThat(pearson(reference, fromPalette)).as("palette").isGreaterThan(0.98);
    }

    @Test
    void imagesWithoutInkGiveAllZeros() throws IOException {
        byte[] zeros = new byte[FRAME * FRAME];
        BufferedImage white = canvas(Color.WHITE, BufferedImage.TYPE_INT_RGB);
        BufferedImage black = canvas(Color.BLACK, BufferedImage.TYPE_INT_RGB);
        BufferedImage transparent = canvas(new Color(0, 0, 0, 0), BufferedImage.TYPE_INT_ARGB);

        assertThat(preprocessor.toMnistRows(png(white), Polarity.AUTO)).isEqualTo(zeros);
        assertThat(preprocessor.toMnistRows(jpeg(white), Polarity.DARK_ON_LIGHT))
                .isEqualTo(zeros);
        assertThat(preprocessor.toMnistRows(png(black), Polarity.LIGHT_ON_DARK)).isEqualTo(zeros);
        assertThat(preprocessor.toMnistRows(png(transparent), Polarity.AUTO)).isEqualTo(zeros);
        assertThat(ImagePreprocessor.fitToMnistFrame(new int[5][7])).isEqualTo(zeros);
    }

    @Test
    void refusesEmptyAndUndecodableBytes() throws IOException {
        assertMessage(new byte[0], "empty");
        assertMessage(null, "empty");
        byte[] garbage = new byte[2_000];
        new Random(7).nextBytes(garbage);
        assertMessage(garbage, "neither PNG nor JPEG");

        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        ImageIO.write(canvas(Color.WHITE, BufferedImage.TYPE_INT_RGB), "gif", gif);
        assertMessage(gif.toByteArray(), "only PNG and JPEG");

        byte[] png = png(seven(Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB));
        assertMessage(Arrays.copyOf(png, png.length / 2), "truncated or corrupt");
    }

    @Test
    void refusesZeroSizeImage() throws IOException {
        byte[] png = png(canvas(Color.WHITE, BufferedImage.TYPE_BYTE_GRAY));

        byte[] zeroWidth = withDeclaredSize(png, 0, 10);

        assertThatExceptionOfType(InvalidImageException.class)
                .isThrownBy(() -> preprocessor.toMnistRows(zeroWidth, Polarity.AUTO))
                .withMessageContaining("zero width or height");
    }

    @Test
    void refusesHugeImageFromItsHeaderBeforeDecoding() throws IOException {
        BufferedImage huge = new BufferedImage(5_000, 5_000, BufferedImage.TYPE_BYTE_BINARY);
        assertMessage(png(huge), "5000x5000 = 25000000 pixels; at most 1000000");

        // A few hundred bytes declaring 10^10 pixels: decoding would need 40 GB of raster.
        byte[] small = png(canvas(Color.BLACK, BufferedImage.TYPE_BYTE_GRAY));
        byte[] bomb = withDeclaredSize(small, 100_000, 100_000);
        assertMessage(bomb, "100000x100000");
    }

    @Test
    void fitToMnistFrameEnlargesSmallDigitsAndChecksItsInput() {
        int[][] gray = new int[40][40];
        for (int y = 10; y < 20; y++) {
            for (int x = 30; x < 35; x++) {
                gray[y][x] = 200;
            }
        }

        byte[] rows = ImagePreprocessor.fitToMnistFrame(gray);

        int[] box = inkBox(rows);
        assertThat(box[2]).as("width, aspect ratio kept").isEqualTo(10);
        assertThat(box[3]).as("height").isEqualTo(20);
        assertThat(max(rows)).isEqualTo(200);
        double[] centre = centreOfMass(rows);
        assertThat(centre[0]).isCloseTo(14.0, within(0.5));
        assertThat(centre[1]).isCloseTo(14.0, within(0.5));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ImagePreprocessor.fitToMnistFrame(new int[][] {{1, 2}, {3}}));
        assertThatIllegalArgumentException().isThrownBy(() -> ImagePreprocessor.fitToMnistFrame(new int[][] {{256}}));
        assertThatIllegalArgumentException().isThrownBy(() -> new ImagePreprocessor(0));
    }

    @Test
    void realMnistDigitSurvivesTheRoundTrip() throws IOException {
        Path images = SharedFiles.requireData("mnist/t10k-images-idx3-ubyte.gz");
        byte[] original = firstMnistImage(images);
        // The convention is read from the data: MNIST centres of mass sit at (14, 14).
        double[] originalCentre = centreOfMass(original);
        assertThat(originalCentre[0]).isCloseTo(14.0, within(0.5));
        assertThat(originalCentre[1]).isCloseTo(14.0, within(0.5));
        int scale = 4;
        BufferedImage upscaled = new BufferedImage(FRAME * scale, FRAME * scale, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = upscaled.getRaster();
        for (int y = 0; y < FRAME * scale; y++) {
            for (int x = 0; x < FRAME * scale; x++) {
                raster.setSample(x, y, 0, original[(y / scale) * FRAME + x / scale] & 0xff);
            }
        }

        byte[] rows = preprocessor.toMnistRows(png(upscaled), Polarity.LIGHT_ON_DARK);

        double correlation = pearson(original, rows);
        assertThat(correlation).as("Pearson correlation " + correlation).isGreaterThan(0.9);
    }

    private void assertMessage(byte[] encoded, String expected) {
        assertThatExceptionOfType(InvalidImageException.class)
                .isThrownBy(() -> preprocessor.toMnistRows(encoded, Polarity.AUTO))
                .withMessageContaining(expected);
    }

    private byte[] referenceSeven() throws IOException {
        return preprocessor.toMnistRows(
                png(seven(Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB)), Polarity.DARK_ON_LIGHT);
    }

    private static BufferedImage canvas(Color background, int type) {
        BufferedImage image = new BufferedImage(CANVAS_WIDTH, CANVAS_HEIGHT, type);
        Graphics2D graphics = image.createGraphics();
        graphics.setComposite(AlphaComposite.Src);
        graphics.setColor(background);
        graphics.fillRect(0, 0, CANVAS_WIDTH, CANVAS_HEIGHT);
        graphics.dispose();
        return image;
    }

    /** A thick, antialiased "7" in the middle-left of a 200x300 canvas. */
    private static BufferedImage seven(Color background, Color pen, int type) {
        BufferedImage image = canvas(background, type);
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setColor(pen);
        graphics.setStroke(new BasicStroke(24, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D stroke = new Path2D.Double();
        stroke.moveTo(40, 70);
        stroke.lineTo(150, 70);
        stroke.lineTo(80, 250);
        graphics.draw(stroke);
        graphics.dispose();
        return image;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        return encode(image, "png");
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        return encode(image, "jpeg");
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out))
                .as("no writer for " + format)
                .isTrue();
        return out.toByteArray();
    }

    /** Rewrites the IHDR chunk's width and height (bytes 16..23) and its CRC. */
    private static byte[] withDeclaredSize(byte[] png, int width, int height) {
        byte[] patched = png.clone();
        ByteBuffer buffer = ByteBuffer.wrap(patched);
        buffer.putInt(16, width);
        buffer.putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(patched, 12, 4 + 13);
        buffer.putInt(12 + 4 + 13, (int) crc.getValue());
        return patched;
    }

    private static byte[] firstMnistImage(Path images) throws IOException {
        try (InputStream file = Files.newInputStream(images);
                DataInputStream in = new DataInputStream(new GZIPInputStream(file))) {
            in.skipNBytes(16);
            byte[] image = new byte[FRAME * FRAME];
            in.readFully(image);
            return image;
        }
    }

    /** {left, top, width, height} of the non-zero pixels. */
    private static int[] inkBox(byte[] rows) {
        int left = FRAME;
        int top = FRAME;
        int right = -1;
        int bottom = -1;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != 0) {
                left = Math.min(left, i % FRAME);
                right = Math.max(right, i % FRAME);
                top = Math.min(top, i / FRAME);
                bottom = Math.max(bottom, i / FRAME);
            }
        }
        return new int[] {left, top, right - left + 1, bottom - top + 1};
    }

    /** {x, y} in pixel-index coordinates. */
    private static double[] centreOfMass(byte[] rows) {
        double mass = 0;
        double momentX = 0;
        double momentY = 0;
        for (int i = 0; i < rows.length; i++) {
            int value = rows[i] & 0xff;
            mass += value;
            momentX += value * (i % FRAME);
            momentY += value * (i / FRAME);
        }
        return new double[] {momentX / mass, momentY / mass};
    }

    private static int max(byte[] rows) {
        int max = 0;
        for (byte value : rows) {
            max = Math.max(max, value & 0xff);
        }
        return max;
    }

    private static int zeros(byte[] rows) {
        int count = 0;
        for (byte value : rows) {
            count += value == 0 ? 1 : 0;
        }
        return count;
    }

    private static int maxAbsDifference(byte[] a, byte[] b) {
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((a[i] & 0xff) - (b[i] & 0xff)));
        }
        return max;
    }
}
