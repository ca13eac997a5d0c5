package io.github.rnnserving.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.CellType;
import io.github.rnnserving.model.CpuFeatures;
import io.github.rnnserving.model.CpuKernels;
import io.github.rnnserving.model.InputKind;
import io.github.rnnserving.model.RecurrentClassifier;
import io.github.rnnserving.model.Summary;
import java.util.Arrays;

/**
 * What keeping LSTMs off oneDNN costs: row-LSTM inference throughput (28 steps of 28 pixels,
 * images per second) with libtorch's oneDNN switch on (fast, wrong on AVX-512 CPUs) and off (ATen's
 * LSTM, as served), in one process, the two modes alternating round by round so that drift in the
 * machine hits both alike. Prints a Markdown table; {@code scripts/bench-lstm-kernels.sh} runs it.
 *
 * <p>Arguments: seconds per measurement (default 1.5), rounds (default 3).
 */
public final class LstmKernelBenchmark {

    private static final int[] BATCHES = {1, 8, 32, 256};

    private LstmKernelBenchmark() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.println("CPU " + CpuFeatures.vectorExtensions());
        System.out.println("libtorch " + Engine.getEngine("PyTorch").getVersion() + ", intra-op threads "
                + System.getProperty("ai.djl.pytorch.num_threads", "default") + ", " + rounds
                + " rounds of " + seconds + " s per cell, median shown");
        System.out.println();
        System.out.println("| model | batch | oneDNN on (images/s) | off, as served (images/s) | off / on |");
        System.out.println("|---|---:|---:|---:|---:|");
        measure(
                "LSTM 1×128, one-way",
                new Architecture(
                        InputKind.IMAGE_ROWS, CellType.LSTM, 1, 128, false, 0f, 0f, 0f, Summary.LAST, 28, 0, 10),
                seconds,
                rounds);
        measure(
                "LSTM 2×128, bidirectional (mnist)",
                new Architecture(InputKind.IMAGE_ROWS, CellType.LSTM, 2, 128, true, 0f, 0f, 0f, Summary.MAX, 28, 0, 10),
                seconds,
                rounds);
        CpuKernels.setOneDnnForMeasurement(false);
    }

    private static void measure(String name, Architecture architecture, double seconds, int rounds) {
        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentClassifier classifier = new RecurrentClassifier(architecture);
            classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            for (int batch : BATCHES) {
                NDArray rows = manager.randomUniform(0, 1, new Shape(batch, 28, 28));
                long[] full = new long[batch];
                Arrays.fill(full, 28);
                NDList input = new NDList(rows, manager.create(full));
                double[][] rates = new double[2][rounds];
                for (int round = 0; round < rounds; round++) {
                    for (int mode = 0; mode < 2; mode++) {
                        CpuKernels.setOneDnnForMeasurement(mode == 0);
                        rates[mode][round] = imagesPerSecond(classifier, manager, input, batch, seconds);
                    }
                }
                double on = median(rates[0]);
                double off = median(rates[1]);
                System.out.printf("| %s | %d | %,.0f | %,.0f | %.2f |%n", name, batch, on, off, off / on);
            }
        }
    }

    private static double imagesPerSecond(
            RecurrentClassifier classifier, NDManager manager, NDList input, int batch, double seconds) {
        for (int warm = 0; warm < 3; warm++) {
            forward(classifier, manager, input);
        }
        long started = System.nanoTime();
        long deadline = started + (long) (seconds * 1e9);
        long images = 0;
        while (System.nanoTime() < deadline) {
            forward(classifier, manager, input);
            images += batch;
        }
        return images / ((System.nanoTime() - started) / 1e9);
    }

    private static void forward(RecurrentClassifier classifier, NDManager manager, NDList input) {
        try (NDManager scope = manager.newSubManager()) {
            classifier
                    .forwardWithOutputs(new ParameterStore(scope, false), input, false, 0)
                    .head()
                    .toFloatArray();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
