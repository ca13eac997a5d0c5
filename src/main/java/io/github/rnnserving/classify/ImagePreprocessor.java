package io.github.rnnserving.classify;

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
 * <p>The tonal half lives in {@link GrayLevels}, the geometric half in {@link MnistFrame}.
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
            int[][] gray = GrayLevels.lightOnDark(image, polarity);
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
        return MnistFrame.fit(gray);
    }
}
