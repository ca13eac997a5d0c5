package io.github.rnnserving.classify;

/**
 * Reads a JPEG's markers up to its first scan to tell whether libjpeg will buffer the whole image:
 * progressive frames, and sequential ones whose first scan holds only some components, keep DCT
 * coefficients for every pixel (native memory, outside the heap) whatever subsampling is asked.
 */
final class JpegFrames {

    private JpegFrames() {}

    /** True also when the markers cannot be read: the cost is then counted, not guessed away. */
    static boolean buffersWholeImage(byte[] jpeg) {
        int frameComponents = -1;
        int i = 2; // after SOI
        while (i + 4 <= jpeg.length) {
            if ((jpeg[i] & 0xFF) != 0xFF) {
                return true;
            }
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
                i += 2; // markers without a length
                continue;
            }
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            int data = i + 4;
            if (isStartOfFrame(marker)) {
                boolean progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
                if (progressive || data + 5 >= jpeg.length) {
                    return true;
                }
                frameComponents = jpeg[data + 5] & 0xFF;
            } else if (marker == 0xDA) { // start of scan
                return frameComponents < 0 || data >= jpeg.length || (jpeg[data] & 0xFF) < frameComponents;
            }
            i += 2 + length;
        }
        return true;
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }
}
