package io.github.rnnserving.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused kernels, on a padded ragged batch, against {@link ReferenceNetwork} run on each
 * sequence alone in float64: logits within 1e-4, and one training step's gradients within 1e-4 of
 * the largest gradient. Hidden and batch sizes are the ones where oneDNN's AVX-512 LSTM kernel
 * went wrong (and its neighbours); GRU and RNN get a smaller grid, since they never took that path.
 */
class RecurrentSweepTest {

    private static final double TOLERANCE = 1e-4;
    private static final int FEATURES = 28;
    private static final int MAX_STEPS = 20;
    private static final int CLASSES = 5;

    @BeforeAll
    static void sayWhichCpu() {
        System.out.println("RecurrentSweepTest on " + CpuFeatures.vectorExtensions());
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        addGrid(cases, CellType.LSTM, new int[] {1, 7, 16, 24, 32, 33, 64, 128, 200}, new int[] {1, 2, 3, 5, 8, 32});
        addGrid(cases, CellType.GRU, new int[] {1, 16, 33, 128}, new int[] {1, 3, 8});
        addGrid(cases, CellType.RNN, new int[] {1, 16, 33, 128}, new int[] {1, 3, 8});
        return cases.stream();
    }

    private static void addGrid(List<Arguments> cases, CellType cell, int[] hiddens, int[] batches) {
        for (int hidden : hiddens) {
            for (int batch : batches) {
                for (int layers = 1; layers <= 2; layers++) {
                    for (boolean bidirectional : new boolean[] {false, true}) {
                        // the last state is what serving reads; the others take a share of cases
                        Summary summary = switch (cases.size() % 6) {
                            case 3 -> Summary.MEAN;
                            case 4 -> Summary.MAX;
                            case 5 -> Summary.LAST_OUTPUT;
                            default -> Summary.LAST;
                        };
                        cases.add(Arguments.of(new SweepCase(cell, hidden, batch, layers, bidirectional, summary)));
                    }
                }
            }
        }
    }

    record SweepCase(CellType cell, int hidden, int batch, int layers, boolean bidirectional, Summary summary) {

        Architecture architecture() {
            return new Architecture(
                    InputKind.IMAGE_ROWS,
                    cell,
                    layers,
                    hidden,
                    bidirectional,
                    0f,
                    0f,
                    0f,
                    summary,
                    FEATURES,
                    0,
                    CLASSES);
        }

        @Override
        public String toString() {
            return "%s hidden %d batch %d, %d layer%s %s, %s"
                    .formatted(
                            cell.name().toLowerCase(),
                            hidden,
                            batch,
                            layers,
                            layers == 1 ? "" : "s",
                            bidirectional ? "bi" : "uni",
                            summary.name().toLowerCase());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fusedKernelsMatchTheFormulas(SweepCase sweep) {
        int seed = sweep.toString().hashCode();
        Engine.getInstance().setRandomSeed(seed);
        Random random = new Random(seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            RecurrentClassifier classifier = new RecurrentClassifier(sweep.architecture());
            classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
            NDArray rows = manager.randomUniform(0, 1, new Shape(sweep.batch(), MAX_STEPS, FEATURES));
            long[] lengths = raggedLengths(sweep.batch(), random);
            long[] labels = random.longs(sweep.batch(), 0, CLASSES).toArray();

            Map<String, NDArray> reference = new LinkedHashMap<>();
            for (Map.Entry<String, Parameter> named :
                    classifier.namedParameters().entrySet()) {
                NDArray copy = named.getValue().getArray().toType(DataType.FLOAT64, true);
                copy.setRequiresGradient(true);
                reference.put(named.getKey(), copy);
            }
            ReferenceNetwork formulas = new ReferenceNetwork(sweep.architecture(), reference);

            // inference and training take different kernels (oneDNN's went wrong in inference only)
            float[] served = classifier
                    .forwardWithOutputs(
                            new ParameterStore(manager, false), new NDList(rows, manager.create(lengths)), false, 0)
                    .head()
                    .toFloatArray();
            float[] logits;
            double[] expected;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray fused = classifier
                        .forwardWithOutputs(
                                new ParameterStore(manager, false), new NDList(rows, manager.create(lengths)), true, 0)
                        .head();
                NDList alone = new NDList();
                for (int b = 0; b < sweep.batch(); b++) {
                    NDArray steps =
                            rows.get(new NDIndex("{}, :{}, :", b, lengths[b])).toType(DataType.FLOAT64, true);
                    alone.add(formulas.logits(steps));
                }
                NDArray formula = NDArrays.stack(alone);
                collector.backward(crossEntropy(fused, labels));
                collector.backward(crossEntropy(formula, labels));
                logits = fused.toFloatArray();
                expected = formula.toDoubleArray();
            }

            assertClose(sweep + ": inference logits", served, expected);
            assertClose(sweep + ": training logits", logits, expected);

            double largest = 0;
            for (NDArray weight : reference.values()) {
                largest = Math.max(largest, weight.getGradient().abs().max().getDouble());
            }
            for (Map.Entry<String, Parameter> named :
                    classifier.namedParameters().entrySet()) {
                NDArray got = named.getValue().getArray().getGradient().toType(DataType.FLOAT64, false);
                NDArray want = reference.get(named.getKey()).getGradient();
                double difference = got.sub(want).abs().max().getDouble();
                assertThat(difference <= TOLERANCE * largest)
                        .as(sweep + ": gradient of " + named.getKey() + " differs by " + difference
                                + ", largest gradient " + largest)
                        .isTrue();
            }
        }
    }

    private static void assertClose(String what, float[] actual, double[] expected) {
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(worst <= TOLERANCE)
                .as(what + " differ from the formulas by " + worst)
                .isTrue();
    }

    /** Lengths 1..MAX_STEPS with the longest present, so the batch is padded to MAX_STEPS. */
    private static long[] raggedLengths(int batch, Random random) {
        long[] lengths = new long[batch];
        for (int b = 0; b < batch; b++) {
            lengths[b] = b == 0 ? MAX_STEPS : 1 + random.nextInt(MAX_STEPS);
        }
        return lengths;
    }

    /** Mean cross-entropy, written out so both sides use the same plain formula. */
    private static NDArray crossEntropy(NDArray logits, long[] labels) {
        NDArray oneHot = logits.getManager().create(labels).oneHot(CLASSES).toType(logits.getDataType(), false);
        return logits.logSoftmax(1).mul(oneHot).sum().neg().div(labels.length);
    }
}
