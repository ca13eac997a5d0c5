package io.github.rnnserving.classify;

import io.github.rnnserving.web.ServiceBusyException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes untrusted PNG and JPEG uploads with their cost known and bounded before decoding starts.
 * The header is read first (size, bands, bits per sample); images over the pixel limit are refused;
 * large images are decoded subsampled straight into a raster of at most {@value #MAX_SIDE} pixels a
 * side, since the result is fitted to 28x28 anyway; and the estimated memory of the decode and of
 * what is computed from it is held in a {@link DecodeBudget} shared by all requests.
 *
 * <p>Why: a 194 KB PNG declaring 4000x4000 16-bit RGBA passed the 16M-pixel check and decoded to a
 * 128 MB raster plus several full-size int copies; a dozen at once exhausted a 2.4 GB heap.
 *
 * <p>Subsampling reads every {@code n}-th pixel (nearest neighbour): strokes thinner than {@code n}
 * source pixels can be thinned or broken. At {@value #MAX_SIDE} pixels a side, that needs a stroke
 * narrower than about 1/{@value #MAX_SIDE} of the image, far thinner than handwriting.
 */
public final class BoundedImageDecoder {

    /** Longest side of a decoded raster; larger images are subsampled to fit. */
    public static final int MAX_SIDE = 512;

    /**
     * Bytes per decoded pixel that {@link ImagePreprocessor} adds while it works: luminance and
     * alpha as int (4 + 4) and the ink crop as double (8).
     */
    static final int PROCESSING_BYTES_PER_PIXEL = 16;

    /** libjpeg keeps 16-bit DCT coefficients of every component for multi-scan JPEGs, whatever the subsampling. */
    private static final int COEFFICIENT_BYTES = 2;

    private static final Set<String> ACCEPTED_FORMATS = Set.of("png", "jpeg");

    private final long maxPixels;
    private final DecodeBudget budget;

    /**
     * @param maxPixels the most pixels (width times height) an upload may declare
     * @param budget the memory shared by all concurrent decodes
     */
    public BoundedImageDecoder(long maxPixels, DecodeBudget budget) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be > 0, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
        this.budget = budget;
    }

    /**
     * Decodes the image, subsampled when large, and hands it to {@code use} while its memory is
     * reserved; the image must not escape {@code use}.
     *
     * @throws InvalidImageException when the bytes are not a decodable PNG or JPEG, of zero size,
     *     over the pixel limit or too costly for the whole budget
     * @throws ServiceBusyException when the budget stayed full past its wait
     */
    public <T> T decode(byte[] encoded, Function<BufferedImage, T> use) {
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new InvalidImageException("The image is neither PNG nor JPEG (its format was not recognised).");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!ACCEPTED_FORMATS.contains(format)) {
                    throw new InvalidImageException(
                            "The image is " + format.toUpperCase(Locale.ROOT) + "; only PNG and JPEG are accepted.");
                }
                // ignoreMetadata: PNG text chunks (zTXt, iTXt) are compressed too and would be inflated
                reader.setInput(input, true, true);
                Plan plan = plan(reader, format, encoded);
                try (DecodeBudget.Permit permit = budget.acquire(plan.bytes())) {
                    BufferedImage image = read(reader, format, plan);
                    return use.apply(image);
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new InvalidImageException("The image could not be read.", e);
        }
    }

    /** What decoding will produce and cost, from the header alone. */
    private record Plan(int width, int height, int subsampling, long bytes) {}

    private Plan plan(ImageReader reader, String format, byte[] encoded) {
        int width;
        int height;
        ImageTypeSpecifier type;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            type = types.hasNext() ? types.next() : null;
        } catch (IOException | RuntimeException e) {
            // The PNG reader refuses a zero width or height here, before checks of our own.
            throw new InvalidImageException(
                    "The " + format.toUpperCase(Locale.ROOT) + " image's header could"
                            + " not be read; the file is corrupt or declares a zero width or height.",
                    e);
        }
        if (width <= 0 || height <= 0) {
            throw new InvalidImageException("The image has zero size (" + width + "x" + height + " pixels).");
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new InvalidImageException("The " + format.toUpperCase(Locale.ROOT) + " image is " + width + "x"
                    + height + " = " + pixels + " pixels; at most " + maxPixels
                    + " pixels are accepted. Scale it down before sending it.");
        }
        if (type == null) {
            throw new InvalidImageException(
                    "The " + format.toUpperCase(Locale.ROOT) + " image has a pixel layout that cannot be decoded.");
        }
        int subsampling = Math.max(1, ceilDiv(Math.max(width, height), MAX_SIDE));
        SampleModel samples = type.getSampleModel(1, 1);
        int bands = type.getNumBands();
        long rasterBytesPerPixel = Math.max(
                1, (long) samples.getNumDataElements() * DataBuffer.getDataTypeSize(samples.getDataType()) / 8);
        long decoded = (long) ceilDiv(width, subsampling) * ceilDiv(height, subsampling);
        long bytes = decoded * (rasterBytesPerPixel + PROCESSING_BYTES_PER_PIXEL);
        if (format.equals("jpeg") && JpegFrames.buffersWholeImage(encoded)) {
            bytes += pixels * bands * COEFFICIENT_BYTES;
        }
        return new Plan(width, height, subsampling, bytes);
    }

    private static BufferedImage read(ImageReader reader, String format, Plan plan) {
        try {
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(plan.subsampling(), plan.subsampling(), 0, 0);
            return reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            // Decoders throw assorted unchecked exceptions on malformed data, not only IOException;
            // to the caller all of them mean the same thing.
            throw new InvalidImageException(
                    "The " + format.toUpperCase(Locale.ROOT)
                            + " image could not be decoded; it may be truncated or corrupt.",
                    e);
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
