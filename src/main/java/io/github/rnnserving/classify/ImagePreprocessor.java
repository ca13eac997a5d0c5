package io.github.rnnserving.classify;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.time.Duration;

/**
 * Turns an uploaded PNG or JPEG of a handwritten digit into the 28x28 grayscale image an MNIST
 * model expects, following the procedure that made MNIST (LeCun et al.): white strokes on black,
 * the digit's bounding box scaled with antialiasing to fit a 20x20 box with its aspect ratio kept,
 * then placed in the 28x28 frame by its intensity-weighted centre of mass, shifted by whole pixels.
 *
 * <p>Conventions:
 *
 * <ul>
 *   <li><b>Luminance:</b> colour pixels become {@code 0.299 R + 0.587 G + 0.114 B}, rounded.
 *       Grayscale PNG/JPEG samples (8 or 16 bits) are taken as they are, scaled to 0..255; they
 *       are not sent through Java's linear-gray-to-sRGB conversion, which would brighten them.
 *   <li><b>Alpha:</b> each pixel is composited over the background implied by the polarity: black
 *       for {@link Polarity#LIGHT_ON_DARK}, white for {@link Polarity#DARK_ON_LIGHT}. For {@link
 *       Polarity#AUTO} the background is chosen to contrast with the pen: white when the
 *       alpha-weighted mean luminance of the image is below 128 (a dark pen, the common case of a
 *       transparent PNG drawn in black), black otherwise. A fully transparent image is blank.
 *   <li><b>Polarity:</b> {@link Polarity#AUTO} inverts the image when the mean brightness of its
 *       outermost ring of pixels (after compositing) is above 127.5, i.e. a light border means
 *       dark ink on light paper.
 *   <li><b>Levels:</b> after inversion the image is stretched linearly so its darkest pixel is 0
 *       and its brightest 255, so a faint pen (red on blue, pencil) still gives full-strength
 *       strokes. An image whose brightest and darkest pixels differ by less than {@value
 *       #MIN_CONTRAST} levels has no ink and gives 784 zeros.
 *   <li>Geometry: see {@link #fitToMnistFrame}.
 * </ul>
 *
 * <p>Instances are immutable and safe to share between request threads.
 */
public final class ImagePreprocessor {

    /** Which way round the uploaded image draws its strokes. */
    public enum Polarity {
        /** Light strokes on a dark background, as MNIST itself; used as is. */
        LIGHT_ON_DARK,
        /** Dark strokes on a light background (pen on paper); inverted. */
        DARK_ON_LIGHT,
        /** Inverted when the border is light; see the class documentation. */
        AUTO
    }

    public static final int FRAME_SIDE = 28;
    public static final int BOX_SIDE = 20;

    /**
     * Where the centre of mass is put, in pixel-index coordinates (pixel {@code i} spans {@code
     * [i - 0.5, i + 0.5]}). It is 14, not the geometric 13.5: measured over the MNIST test set,
     * every digit's centre of mass lies within half a pixel of (14, 14).
     */
    public static final double CENTRE_OF_MASS_TARGET = 14.0;

    /**
     * Values above this (of 255) count as ink for the bounding box; values at or below it are set
     * to 0 before scaling, so JPEG ringing and paper texture neither widen the box nor leave a grey
     * haze in the output.
     */
    public static final int INK_THRESHOLD = 32;

    /** Below this spread between darkest and brightest pixel, the image is taken as blank. */
    public static final int MIN_CONTRAST = 24;

    private static final int OPAQUE = 255;

    /** Room for one 16M-pixel progressive JPEG: this constructor is for callers without a shared budget. */
    private static final long STANDALONE_DECODE_BYTES = 256L * 1024 * 1024;

    private final BoundedImageDecoder decoder;

    /**
     * @param maxPixels the most pixels (width times height) an upload may declare; larger images
     *     are refused from their header, before their raster is decoded
     */
    public ImagePreprocessor(int maxPixels) {
        this(new BoundedImageDecoder(maxPixels, new DecodeBudget(STANDALONE_DECODE_BYTES, Duration.ofSeconds(2))));
    }

    /** @param decoder decodes uploads with the pixel limit and the memory budget the service shares */
    public ImagePreprocessor(BoundedImageDecoder decoder) {
        this.decoder = decoder;
    }

    /**
     * Decodes a PNG or JPEG and returns the digit as 784 unsigned bytes (0..255), row-major, white
     * strokes on black, ready for an MNIST model.
     *
     * @throws InvalidImageException when the bytes are empty, not a decodable PNG or JPEG, of zero
     *     size or larger than {@code maxPixels}
     * @throws io.github.rnnserving.web.ServiceBusyException when concurrent decodes left no room in
     *     the decode budget within its wait
     */
    public byte[] toMnistRows(byte[] encoded, Polarity polarity) {
        if (polarity == null) {
            throw new IllegalArgumentException("polarity must not be null");
        }
        if (encoded == null || encoded.length == 0) {
            throw new InvalidImageException("The image is empty; send the bytes of a PNG or JPEG file.");
        }
        // all of the work happens inside decode, so its memory budget covers the copies made here
        return decoder.decode(encoded, image -> {
            int[][] gray = lightOnDark(image, polarity);
            return gray == null ? new byte[FRAME_SIDE * FRAME_SIDE] : fitToMnistFrame(gray);
        });
    }

    /**
     * The geometric half of the MNIST procedure, for an image that is already grayscale with light
     * strokes on a dark background (values 0..255, {@code gray[row][column]}, any size):
     *
     * <ol>
     *   <li>crop to the bounding box of the ink, pixels above {@value #INK_THRESHOLD}; pixels at
     *       or below it become 0;
     *   <li>scale the box so its longer side is {@value #BOX_SIDE} pixels, keeping the aspect ratio
     *       (the shorter side rounded, at least 1): exact area averaging when shrinking, bilinear
     *       interpolation when enlarging;
     *   <li>shift it by whole pixels so its intensity-weighted centre of mass lands on pixel
     *       ({@link #CENTRE_OF_MASS_TARGET 14}, 14) of the 28x28 frame; the shift is {@code
     *       Math.round(14 - centre)} (halves round up), limited so the box stays inside the frame,
     *       which only a very lopsided digit ever needs.
     * </ol>
     *
     * An image without ink gives 784 zeros.
     *
     * @return 784 unsigned bytes, row-major
     * @throws IllegalArgumentException when the array is empty, ragged or holds values outside
     *     0..255
     */
    public static byte[] fitToMnistFrame(int[][] gray) {
        requireGrayImage(gray);
        int height = gray.length;
        int width = gray[0].length;
        int top = height;
        int bottom = -1;
        int left = width;
        int right = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (gray[y][x] > INK_THRESHOLD) {
                    top = Math.min(top, y);
                    bottom = y;
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        if (bottom < 0) {
            return new byte[FRAME_SIDE * FRAME_SIDE];
        }
        int inkWidth = right - left + 1;
        int inkHeight = bottom - top + 1;
        double[][] ink = new double[inkHeight][inkWidth];
        for (int y = 0; y < inkHeight; y++) {
            for (int x = 0; x < inkWidth; x++) {
                int value = gray[top + y][left + x];
                ink[y][x] = value > INK_THRESHOLD ? value : 0;
            }
        }
        double scale = (double) BOX_SIDE / Math.max(inkWidth, inkHeight);
        int boxWidth = scaledSide(inkWidth, scale);
        int boxHeight = scaledSide(inkHeight, scale);
        double[][] box = resample(ink, boxWidth, boxHeight);
        return placeByCentreOfMass(box);
    }

    /** Light strokes on black, levels stretched to 0..255; null when the image holds no ink. */
    private static int[][] lightOnDark(BufferedImage image, Polarity polarity) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[][] luma = new int[height][width];
        int[][] alpha = image.getColorModel().hasAlpha() ? new int[height][width] : null;
        if (isPlainGray(image.getColorModel())) {
            readGraySamples(image.getRaster(), luma, alpha);
        } else {
            readRgb(image, luma, alpha);
        }
        if (alpha != null) {
            Integer background = compositingBackground(luma, alpha, polarity);
            if (background == null) {
                return null;
            }
            composite(luma, alpha, background);
        }
        boolean invert = switch (polarity) {
            case LIGHT_ON_DARK -> false;
            case DARK_ON_LIGHT -> true;
            case AUTO -> borderMean(luma) > 127.5;
        };
        return stretchLevels(luma, invert) ? luma : null;
    }

    private static boolean isPlainGray(ColorModel colorModel) {
        return colorModel instanceof ComponentColorModel
                && colorModel.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !colorModel.isAlphaPremultiplied();
    }

    private static void readGraySamples(Raster raster, int[][] luma, int[][] alpha) {
        int[] row = new int[raster.getWidth()];
        readBand(raster, 0, luma, row);
        if (alpha != null) {
            readBand(raster, raster.getNumBands() - 1, alpha, row);
        }
    }

    private static void readBand(Raster raster, int band, int[][] target, int[] row) {
        int width = raster.getWidth();
        double maxSample = (1 << raster.getSampleModel().getSampleSize(band)) - 1;
        for (int y = 0; y < target.length; y++) {
            raster.getSamples(0, y, width, 1, band, row);
            for (int x = 0; x < width; x++) {
                target[y][x] = (int) Math.round(row[x] * 255.0 / maxSample);
            }
        }
    }

    private static void readRgb(BufferedImage image, int[][] luma, int[][] alpha) {
        int width = image.getWidth();
        int[] row = new int[width];
        for (int y = 0; y < luma.length; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                int red = (argb >>> 16) & 0xff;
                int green = (argb >>> 8) & 0xff;
                int blue = argb & 0xff;
                luma[y][x] = (int) Math.round(0.299 * red + 0.587 * green + 0.114 * blue);
                if (alpha != null) {
                    alpha[y][x] = argb >>> 24;
                }
            }
        }
    }

    /** 0 or 255, or null for a fully transparent image. */
    private static Integer compositingBackground(int[][] luma, int[][] alpha, Polarity polarity) {
        double weightedLuma = 0;
        double totalAlpha = 0;
        for (int y = 0; y < luma.length; y++) {
            for (int x = 0; x < luma[y].length; x++) {
                weightedLuma += (double) alpha[y][x] * luma[y][x];
                totalAlpha += alpha[y][x];
            }
        }
        if (totalAlpha == 0) {
            return null;
        }
        return switch (polarity) {
            case LIGHT_ON_DARK -> 0;
            case DARK_ON_LIGHT -> 255;
            case AUTO -> weightedLuma / totalAlpha < 128 ? 255 : 0;
        };
    }

    private static void composite(int[][] luma, int[][] alpha, int background) {
        for (int y = 0; y < luma.length; y++) {
            for (int x = 0; x < luma[y].length; x++) {
                int a = alpha[y][x];
                luma[y][x] = (a * luma[y][x] + (OPAQUE - a) * background + 127) / OPAQUE;
            }
        }
    }

    private static double borderMean(int[][] luma) {
        int height = luma.length;
        int width = luma[0].length;
        double sum = 0;
        long count = 0;
        for (int y = 0; y < height; y++) {
            boolean edgeRow = y == 0 || y == height - 1;
            for (int x = 0; x < width; x += edgeRow || width == 1 ? 1 : width - 1) {
                sum += luma[y][x];
                count++;
            }
        }
        return sum / count;
    }

    /** Inverts if asked and maps darkest..brightest to 0..255; false when there is no contrast. */
    private static boolean stretchLevels(int[][] luma, boolean invert) {
        int darkest = 255;
        int brightest = 0;
        for (int[] row : luma) {
            for (int x = 0; x < row.length; x++) {
                if (invert) {
                    row[x] = 255 - row[x];
                }
                darkest = Math.min(darkest, row[x]);
                brightest = Math.max(brightest, row[x]);
            }
        }
        int range = brightest - darkest;
        if (range < MIN_CONTRAST) {
            return false;
        }
        for (int[] row : luma) {
            for (int x = 0; x < row.length; x++) {
                row[x] = ((row[x] - darkest) * 255 + range / 2) / range;
            }
        }
        return true;
    }

    private static void requireGrayImage(int[][] gray) {
        if (gray == null || gray.length == 0 || gray[0] == null || gray[0].length == 0) {
            throw new IllegalArgumentException("gray must be a non-empty [rows][columns] array");
        }
        int width = gray[0].length;
        for (int y = 0; y < gray.length; y++) {
            if (gray[y] == null || gray[y].length != width) {
                throw new IllegalArgumentException("gray must be rectangular: row " + y + " differs from row 0");
            }
            for (int x = 0; x < width; x++) {
                if (gray[y][x] < 0 || gray[y][x] > 255) {
                    throw new IllegalArgumentException(
                            "gray[" + y + "][" + x + "] = " + gray[y][x] + " is outside 0..255");
                }
            }
        }
    }

    private static int scaledSide(int side, double scale) {
        return Math.max(1, Math.min(BOX_SIDE, (int) Math.round(side * scale)));
    }

    /** Separable resampling: rows first, then columns. */
    private static double[][] resample(double[][] source, int targetWidth, int targetHeight) {
        int sourceHeight = source.length;
        int sourceWidth = source[0].length;
        AxisWeights across = AxisWeights.of(sourceWidth, targetWidth);
        AxisWeights down = AxisWeights.of(sourceHeight, targetHeight);
        double[][] narrowed = new double[sourceHeight][];
        for (int y = 0; y < sourceHeight; y++) {
            narrowed[y] = across.apply(source[y]);
        }
        double[][] target = new double[targetHeight][targetWidth];
        double[] column = new double[sourceHeight];
        for (int x = 0; x < targetWidth; x++) {
            for (int y = 0; y < sourceHeight; y++) {
                column[y] = narrowed[y][x];
            }
            double[] resampled = down.apply(column);
            for (int y = 0; y < targetHeight; y++) {
                target[y][x] = resampled[y];
            }
        }
        return target;
    }

    private static byte[] placeByCentreOfMass(double[][] box) {
        int boxHeight = box.length;
        int boxWidth = box[0].length;
        double mass = 0;
        double momentX = 0;
        double momentY = 0;
        for (int y = 0; y < boxHeight; y++) {
            for (int x = 0; x < boxWidth; x++) {
                mass += box[y][x];
                momentX += box[y][x] * x;
                momentY += box[y][x] * y;
            }
        }
        int shiftX = shift(momentX / mass, boxWidth);
        int shiftY = shift(momentY / mass, boxHeight);
        byte[] frame = new byte[FRAME_SIDE * FRAME_SIDE];
        for (int y = 0; y < boxHeight; y++) {
            for (int x = 0; x < boxWidth; x++) {
                long value = Math.max(0, Math.min(255, Math.round(box[y][x])));
                frame[(y + shiftY) * FRAME_SIDE + x + shiftX] = (byte) value;
            }
        }
        return frame;
    }

    private static int shift(double centre, int boxSide) {
        long wanted = Math.round(CENTRE_OF_MASS_TARGET - centre);
        return (int) Math.max(0, Math.min(FRAME_SIDE - boxSide, wanted));
    }

    /**
     * For each target pixel along one axis, the source pixels it reads and their weights (summing
     * to 1). Shrinking weighs each source pixel by how much of the target pixel's footprint it
     * covers (exact area averaging, no aliasing); enlarging interpolates linearly between the two
     * nearest source pixel centres.
     */
    private record AxisWeights(int[] firstSource, double[][] weights) {

        static AxisWeights of(int sourceLength, int targetLength) {
            int[] firstSource = new int[targetLength];
            double[][] weights = new double[targetLength][];
            double sourcePerTarget = (double) sourceLength / targetLength;
            for (int t = 0; t < targetLength; t++) {
                if (targetLength <= sourceLength) {
                    double start = t * sourcePerTarget;
                    double end = (t + 1) * sourcePerTarget;
                    int first = (int) Math.floor(start);
                    int last = Math.min(sourceLength - 1, (int) Math.ceil(end) - 1);
                    firstSource[t] = first;
                    weights[t] = new double[last - first + 1];
                    for (int s = first; s <= last; s++) {
                        double covered = Math.min(end, s + 1) - Math.max(start, s);
                        weights[t][s - first] = Math.max(0, covered) / sourcePerTarget;
                    }
                } else {
                    double centre = (t + 0.5) * sourcePerTarget - 0.5;
                    int below = (int) Math.floor(centre);
                    double fraction = centre - below;
                    int first = Math.max(0, Math.min(sourceLength - 1, below));
                    int second = Math.max(0, Math.min(sourceLength - 1, below + 1));
                    firstSource[t] = Math.min(first, second);
                    weights[t] = new double[second - first + 1];
                    if (first == second) {
                        weights[t][0] = 1;
                    } else {
                        weights[t][0] = 1 - fraction;
                        weights[t][1] = fraction;
                    }
                }
            }
            return new AxisWeights(firstSource, weights);
        }

        double[] apply(double[] source) {
            double[] target = new double[weights.length];
            for (int t = 0; t < weights.length; t++) {
                double sum = 0;
                for (int i = 0; i < weights[t].length; i++) {
                    sum += weights[t][i] * source[firstSource[t] + i];
                }
                target[t] = sum;
            }
            return target;
        }
    }
}
