package io.github.rnnserving.classify;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;

/**
 * The tonal half of {@link ImagePreprocessor}: a decoded image to light strokes on black with its
 * levels stretched to 0..255 (luminance, alpha compositing, polarity and levels as the conventions
 * there describe).
 */
final class GrayLevels {

    private static final int OPAQUE = 255;

    private GrayLevels() {}

    /** Light strokes on black, levels stretched to 0..255; null when the image holds no ink. */
    static int[][] lightOnDark(BufferedImage image, ImagePreprocessor.Polarity polarity) {
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
    private static Integer compositingBackground(int[][] luma, int[][] alpha, ImagePreprocessor.Polarity polarity) {
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
        if (range < ImagePreprocessor.MIN_CONTRAST) {
            return false;
        }
        for (int[] row : luma) {
            for (int x = 0; x < row.length; x++) {
                row[x] = ((row[x] - darkest) * 255 + range / 2) / range;
            }
        }
        return true;
    }
}
