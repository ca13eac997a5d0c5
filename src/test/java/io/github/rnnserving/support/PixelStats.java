package io.github.rnnserving.support;

/** How alike two grayscale images of the same size are, pixel by pixel (bytes read as 0-255). */
public final class PixelStats {

    private PixelStats() {}

    public static double meanAbsDifference(byte[] a, byte[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return sum / a.length;
    }

    /** Pearson's correlation of the two images' pixel values. */
    public static double pearson(byte[] a, byte[] b) {
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += a[i] & 0xff;
            meanB += b[i] & 0xff;
        }
        meanA /= a.length;
        meanB /= b.length;
        double covariance = 0;
        double varianceA = 0;
        double varianceB = 0;
        for (int i = 0; i < a.length; i++) {
            double da = (a[i] & 0xff) - meanA;
            double db = (b[i] & 0xff) - meanB;
            covariance += da * db;
            varianceA += da * da;
            varianceB += db * db;
        }
        return covariance / Math.sqrt(varianceA * varianceB);
    }
}
