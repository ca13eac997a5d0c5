package io.github.rnnserving.classify;

import static io.github.rnnserving.support.PixelStats.meanAbsDifference;
import static io.github.rnnserving.support.PixelStats.pearson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rnnserving.classify.ImagePreprocessor.Polarity;
import io.github.rnnserving.web.ServiceBusyException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decode of untrusted images: planned from the header, subsampled, and within a shared budget. */
class BoundedImageDecoderTest {

    private static final int MB = 1024 * 1024;

    private static byte[] heavy;

    @BeforeAll
    static void buildTheFloodImage() throws IOException {
        heavy = HeavyPng.blackWithWhiteCorners(4000, 4000);
    }

    @Test
    void theFloodImageIsSmallButDeclares4000x4000Of16BitRgba() throws IOException {
        assertThat(heavy.length).isLessThanOrEqualTo(200 * 1024);
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(heavy))) {
            ImageReader reader = ImageIO.getImageReaders(input).next();
            reader.setInput(input);
            assertThat(reader.getWidth(0)).isEqualTo(4000);
            assertThat(reader.getHeight(0)).isEqualTo(4000);
            ImageTypeSpecifier type = reader.getRawImageType(0);
            assertThat(type.getNumBands()).isEqualTo(4);
            assertThat(type.getBitsPerBand(0)).isEqualTo(16);
            assertThat(type.getColorModel().hasAlpha()).isTrue();
            reader.dispose();
        }
    }

    @Test
    void decodesALargeImageSubsampledToAtMost512PixelsASide() {
        BoundedImageDecoder decoder = new BoundedImageDecoder(16_000_000, new DecodeBudget(64L * MB, Duration.ZERO));

        long started = System.nanoTime();
        int[] size = decoder.decode(heavy, image -> new int[] {
            image.getWidth(),
            image.getHeight(),
            image.getRaster().getNumBands(),
            image.getRaster().getSampleModel().getSampleSize(0)
        });
        long millis = (System.nanoTime() - started) / 1_000_000;

        // 4000 / 8: every 8th pixel of every 8th row, decoded straight into a 500x500 raster
        assertThat(size).containsExactly(500, 500, 4, 16);
        assertThat(millis).as("decode time in ms").isLessThan(5_000);
    }

    @Test
    void theFloodImageGivesAnAnswerNotAnError() {
        // (0, 0) is on the subsampling grid, so one white pixel survives and is fitted like a dot
        byte[] rows = new ImagePreprocessor(16_000_000).toMnistRows(heavy, Polarity.AUTO);

        assertThat(rows).hasSize(28 * 28);
    }

    @Test
    void aLargePhotoOfADigitGivesTheSameDigitAsASmallOne() throws IOException {
        ImagePreprocessor preprocessor = new ImagePreprocessor(16_000_000);
        byte[] small = preprocessor.toMnistRows(png(seven(1)), Polarity.AUTO);

        // 2400x3600, subsampled by 8 to 300x450; the pen scales with the canvas, as in a photo
        byte[] large = preprocessor.toMnistRows(png(seven(12)), Polarity.AUTO);

        assertThat(meanAbsDifference(small, large))
                .as("mean absolute difference of 784 pixels")
                .isLessThan(6);
        assertThat(pearson(small, large)).isGreaterThan(0.97);
    }

    @Test
    void budgetRefusesAnImageThatCouldNeverFitAndFreesWhatItGaveOut() throws IOException {
        // the subsampled 500x500 raster: 8 bytes a pixel, plus 16 of ImagePreprocessor's own
        long needed = 500L * 500 * (8 + BoundedImageDecoder.PROCESSING_BYTES_PER_PIXEL);
        DecodeBudget tooSmall = new DecodeBudget(needed - 1024, Duration.ZERO);

        assertThatThrownBy(() -> new BoundedImageDecoder(16_000_000, tooSmall).decode(heavy, image -> 0))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("MB are allowed");

        DecodeBudget enough = new DecodeBudget(needed, Duration.ZERO);
        BoundedImageDecoder decoder = new BoundedImageDecoder(16_000_000, enough);
        decoder.decode(heavy, image -> {
            assertThat(enough.availableBytes()).isLessThan(1024);
            // a second decode while the first holds the budget waits, then is refused as busy
            assertThatThrownBy(() -> decoder.decode(heavy, other -> 0)).isInstanceOf(ServiceBusyException.class);
            return 0;
        });
        assertThat(enough.availableBytes()).isGreaterThanOrEqualTo(needed);
    }

    @Test
    void manyConcurrentDecodesAllFinishWithinTheBudget() throws Exception {
        // room for two decodes at a time; the other 14 wait up to 2 s, then are told to retry
        long perDecode = 500L * 500 * (8 + BoundedImageDecoder.PROCESSING_BYTES_PER_PIXEL);
        DecodeBudget budget = new DecodeBudget(2 * perDecode, Duration.ofSeconds(2));
        BoundedImageDecoder decoder = new BoundedImageDecoder(16_000_000, budget);
        AtomicLong inFlightBytes = new AtomicLong();
        AtomicLong mostInFlight = new AtomicLong();
        int clients = 16;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        return decoder.decode(heavy, image -> {
                            long now = inFlightBytes.addAndGet(perDecode);
                            mostInFlight.accumulateAndGet(now, Math::max);
                            inFlightBytes.addAndGet(-perDecode);
                            return "decoded";
                        });
                    } catch (ServiceBusyException e) {
                        return "busy";
                    }
                }));
            }
            start.countDown();
            List<String> seen = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                seen.add(outcome.get(30, TimeUnit.SECONDS)); // none hangs
            }
            // each outcome is one of the two (containsOnly would also demand that both occur)
            assertThat(seen).isSubsetOf("decoded", "busy").contains("decoded");
            assertThat(mostInFlight.get()).isLessThanOrEqualTo(2 * perDecode);
            assertThat(budget.availableBytes()).isGreaterThanOrEqualTo(2 * perDecode);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void decodesRunAtMostAsManyAtOnceAsTheirSlots() throws Exception {
        // bytes for all 8, slots for 2: decodes are CPU-bound, more at once only slows each one
        DecodeBudget budget = new DecodeBudget(1024L * MB, 2, Duration.ofSeconds(20));
        BoundedImageDecoder decoder = new BoundedImageDecoder(16_000_000, budget);
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger mostRunning = new java.util.concurrent.atomic.AtomicInteger();
        // the first two callbacks wait for each other, so two slots are seen in use at once however
        // the decodes happen to be scheduled; a third can never join them
        CountDownLatch pair = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(pool.submit(() -> decoder.decode(heavy, image -> {
                    mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    pair.countDown();
                    try {
                        pair.await(10, TimeUnit.SECONDS);
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return running.decrementAndGet();
                })));
            }
            for (Future<Integer> decode : done) {
                decode.get(60, TimeUnit.SECONDS);
            }
            assertThat(mostRunning.get()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void countsLibjpegsWholeImageBufferOnlyForProgressiveJpegs() throws IOException {
        BufferedImage image = seven(1);

        assertThat(JpegFrames.buffersWholeImage(jpeg(image, false))).isFalse();
        assertThat(JpegFrames.buffersWholeImage(jpeg(image, true))).isTrue();
        assertThat(JpegFrames.buffersWholeImage(new byte[] {(byte) 0xFF, (byte) 0xD8}))
                .isTrue();
    }

    /** The "7" of ImagePreprocessorTest, black on white, on a canvas {@code scale} times larger. */
    private static BufferedImage seven(int scale) {
        BufferedImage image = new BufferedImage(200 * scale, 300 * scale, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setColor(Color.BLACK);
        graphics.setStroke(new BasicStroke(24f * scale, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D stroke = new Path2D.Double();
        stroke.moveTo(40 * scale, 70 * scale);
        stroke.lineTo(150 * scale, 70 * scale);
        stroke.lineTo(80 * scale, 250 * scale);
        graphics.draw(stroke);
        graphics.dispose();
        return image;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] jpeg(BufferedImage image, boolean progressive) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(progressive ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
