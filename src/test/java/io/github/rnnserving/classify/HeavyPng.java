package io.github.rnnserving.classify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * The image of the flood in issue 11: a 16-bit RGBA PNG, black and opaque, with one white pixel in
 * two opposite corners. Its rows compress about 1000:1, so a small file declares a raster of
 * width x height x 8 bytes (128 MB at 4000x4000). Written chunk by chunk, row by row, so building
 * it needs no raster at all.
 */
final class HeavyPng {

    private HeavyPng() {}

    static byte[] blackWithWhiteCorners(int width, int height) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height);
        header.put((byte) 16).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0); // 16 bits, RGBA
        chunk(png, "IHDR", header.array());
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (OutputStream rows = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
            byte[] row = new byte[1 + width * 8]; // filter byte "none", then RGBA, 2 bytes each
            for (int x = 0; x < width; x++) {
                row[1 + x * 8 + 6] = (byte) 0xFF; // alpha: opaque
                row[1 + x * 8 + 7] = (byte) 0xFF;
            }
            for (int y = 0; y < height; y++) {
                boolean corner = y == 0 || y == height - 1;
                int x = y == 0 ? 0 : width - 1;
                if (corner) {
                    java.util.Arrays.fill(row, 1 + x * 8, 1 + x * 8 + 6, (byte) 0xFF);
                }
                rows.write(row);
                if (corner) {
                    java.util.Arrays.fill(row, 1 + x * 8, 1 + x * 8 + 6, (byte) 0);
                }
            }
        } finally {
            deflater.end();
        }
        chunk(png, "IDAT", compressed.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        png.write(ByteBuffer.allocate(4).putInt(data.length).array());
        png.write(name);
        png.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
