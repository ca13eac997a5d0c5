package io.github.rnnserving.classify;

/**
 * The geometric half of {@link ImagePreprocessor}: crop to the ink, scale into the 20x20 box and
 * place by centre of mass in the 28x28 frame, as {@link ImagePreprocessor#fitToMnistFrame}
 * describes.
 */
final class MnistFrame {

    private MnistFrame() {}

    static byte[] fit(int[][] gray) {
        requireGrayImage(gray);
        int height = gray.length;
        int width = gray[0].length;
        int top = height;
        int bottom = -1;
        int left = width;
        int right = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (gray[y][x] > ImagePreprocessor.INK_THRESHOLD) {
                    top = Math.min(top, y);
                    bottom = y;
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        if (bottom < 0) {
            return new byte[ImagePreprocessor.FRAME_SIDE * ImagePreprocessor.FRAME_SIDE];
        }
        int inkWidth = right - left + 1;
        int inkHeight = bottom - top + 1;
        double[][] ink = new double[inkHeight][inkWidth];
        for (int y = 0; y < inkHeight; y++) {
            for (int x = 0; x < inkWidth; x++) {
                int value = gray[top + y][left + x];
                ink[y][x] = value > ImagePreprocessor.INK_THRESHOLD ? value : 0;
            }
        }
        double scale = (double) ImagePreprocessor.BOX_SIDE / Math.max(inkWidth, inkHeight);
        int boxWidth = scaledSide(inkWidth, scale);
        int boxHeight = scaledSide(inkHeight, scale);
        double[][] box = resample(ink, boxWidth, boxHeight);
        return placeByCentreOfMass(box);
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
        return Math.max(1, Math.min(ImagePreprocessor.BOX_SIDE, (int) Math.round(side * scale)));
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
        byte[] frame = new byte[ImagePreprocessor.FRAME_SIDE * ImagePreprocessor.FRAME_SIDE];
        for (int y = 0; y < boxHeight; y++) {
            for (int x = 0; x < boxWidth; x++) {
                long value = Math.max(0, Math.min(255, Math.round(box[y][x])));
                frame[(y + shiftY) * ImagePreprocessor.FRAME_SIDE + x + shiftX] = (byte) value;
            }
        }
        return frame;
    }

    private static int shift(double centre, int boxSide) {
        long wanted = Math.round(ImagePreprocessor.CENTRE_OF_MASS_TARGET - centre);
        return (int) Math.max(0, Math.min(ImagePreprocessor.FRAME_SIDE - boxSide, wanted));
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
