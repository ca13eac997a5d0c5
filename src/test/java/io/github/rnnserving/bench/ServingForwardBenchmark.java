package io.github.rnnserving.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.github.rnnserving.data.IdxReader;
import io.github.rnnserving.data.ImageExample;
import io.github.rnnserving.model.CpuFeatures;
import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.ModelBundles;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.model.SequenceBatchTranslator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The forward pass as the service runs it, without HTTP: one image model bundle loaded the way
 * {@code registry/ModelRegistry} loads it (a DJL PyTorch {@code Model} holding the bundle's
 * classifier, a {@code Predictor} with {@link SequenceBatchTranslator}), timed on batches of real
 * Fashion-MNIST test images. Prints a Markdown table and, with a third argument, writes the
 * numbers as JSON there; {@code scripts/bench-serving.sh} runs it for docs/PERFORMANCE.md.
 *
 * <p>Arguments: the bundle folder ({@code <models>/<name>/<version>}), the folder holding the
 * Fashion-MNIST IDX test files, the JSON output file (optional), seconds per measurement (default
 * 2), rounds (default 3; the median is reported).
 */
public final class ServingForwardBenchmark {

    private static final int[] BATCHES = {1, 8, 32};

    private ServingForwardBenchmark() {}

    public static void main(String[] args) throws IOException, TranslateException {
        if (args.length < 2) {
            System.err.println("usage: ServingForwardBenchmark BUNDLE_DIR IDX_DIR [JSON_OUT] [SECONDS] [ROUNDS]");
            System.exit(2);
        }
        Path bundle = Path.of(args[0]);
        Path idxFolder = Path.of(args[1]);
        Path jsonOut = args.length > 2 && !args[2].isEmpty() ? Path.of(args[2]) : null;
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 2.0;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;

        List<EncodedInput> images = new ArrayList<>();
        for (ImageExample example : IdxReader.testSet(idxFolder, IdxReader.FASHION_MNIST_LABELS)
                .withLimit(256)
                .read()) {
            images.add(new EncodedInput.PixelRows(example.pixels(), example.rows(), example.columns()));
        }

        ModelBundles bundles = new ModelBundles();
        ModelManifest manifest = bundles.readManifest(bundle);
        String threads = System.getProperty("ai.djl.pytorch.num_threads", "default");
        StringBuilder json = new StringBuilder();
        json.append("{\"bundle\":\"")
                .append(bundle.toString().replace("\\", "\\\\").replace("\"", "\\\""))
                .append("\",\"model\":\"")
                .append(manifest.name())
                .append("\",\"version\":\"")
                .append(manifest.version())
                .append("\",\"libtorch\":\"")
                .append(Engine.getEngine("PyTorch").getVersion())
                .append("\",\"intra_op_threads\":\"")
                .append(threads)
                .append("\",\"seconds\":")
                .append(seconds)
                .append(",\"rounds\":")
                .append(rounds)
                .append(",\"batches\":[");

        System.out.println("CPU " + CpuFeatures.vectorExtensions());
        System.out.println("model " + manifest.name() + " v" + manifest.version() + ", libtorch "
                + Engine.getEngine("PyTorch").getVersion() + ", intra-op threads " + threads + ", " + rounds
                + " rounds of " + seconds + " s per batch size, median shown");
        System.out.println();
        System.out.println("| batch | images/s | forward passes/s | ms per forward |");
        System.out.println("|---:|---:|---:|---:|");
        try (Model model = Model.newInstance("bench-" + manifest.name(), "PyTorch")) {
            model.setBlock(bundles.read(bundle, manifest, model.getNDManager()).classifier());
            try (Predictor<List<EncodedInput>, float[][]> predictor =
                    model.newPredictor(new SequenceBatchTranslator())) {
                for (int b = 0; b < BATCHES.length; b++) {
                    int batch = BATCHES[b];
                    double[] rates = new double[rounds];
                    for (int round = 0; round < rounds; round++) {
                        rates[round] = imagesPerSecond(predictor, images, batch, seconds);
                    }
                    double rate = median(rates);
                    System.out.printf(
                            Locale.ROOT,
                            "| %d | %,.0f | %,.0f | %.3f |%n",
                            batch,
                            rate,
                            rate / batch,
                            1000.0 * batch / rate);
                    json.append(b == 0 ? "" : ",")
                            .append(String.format(
                                    Locale.ROOT,
                                    "{\"batch\":%d,\"images_per_s\":%.1f,\"rounds_images_per_s\":%s}",
                                    batch,
                                    rate,
                                    Arrays.toString(rates)));
                }
            }
        }
        json.append("]}\n");
        if (jsonOut != null) {
            Files.writeString(jsonOut, json.toString(), StandardCharsets.UTF_8);
        }
    }

    private static double imagesPerSecond(
            Predictor<List<EncodedInput>, float[][]> predictor, List<EncodedInput> images, int batch, double seconds)
            throws TranslateException {
        int offset = 0;
        for (int warm = 0; warm < 20; warm++) {
            predictor.predict(slice(images, offset, batch));
            offset = (offset + batch) % images.size();
        }
        long started = System.nanoTime();
        long deadline = started + (long) (seconds * 1e9);
        long done = 0;
        while (System.nanoTime() < deadline) {
            float[][] out = predictor.predict(slice(images, offset, batch));
            if (out.length != batch) {
                throw new IllegalStateException("asked " + batch + " images, got " + out.length + " answers");
            }
            offset = (offset + batch) % images.size();
            done += batch;
        }
        return done / ((System.nanoTime() - started) / 1e9);
    }

    /** {@code batch} images from {@code offset}, wrapping around: each forward sees other images. */
    private static List<EncodedInput> slice(List<EncodedInput> images, int offset, int batch) {
        List<EncodedInput> out = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            out.add(images.get((offset + i) % images.size()));
        }
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
