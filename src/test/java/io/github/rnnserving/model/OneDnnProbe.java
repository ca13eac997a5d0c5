package io.github.rnnserving.model;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Path;

/**
 * Runs one LSTM of each kind this project serves (its own classifier, one- and bidirectional, and
 * a traced TorchScript LSTM) in a fresh process, so that {@link OneDnnKernelsTest} can read which
 * oneDNN primitives ran from {@code ONEDNN_VERBOSE} output.
 *
 * <p>Arguments: {@code as-served} (the process as the service runs it) or {@code onednn-on} (the
 * switch turned back on, to prove the check sees oneDNN's RNN when it runs), then the path of a
 * traced {@code .pt} LSTM.
 */
public final class OneDnnProbe {

    private OneDnnProbe() {}

    public static void main(String[] args) throws Exception {
        boolean oneDnnOn = "onednn-on".equals(args[0]);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (boolean bidirectional : new boolean[] {false, true}) {
                Architecture architecture = new Architecture(
                        InputKind.IMAGE_ROWS, CellType.LSTM, 1, 16, bidirectional, 0f, 0f, 0f, Summary.LAST, 28, 0, 10);
                RecurrentClassifier classifier = new RecurrentClassifier(architecture);
                if (oneDnnOn) {
                    CpuKernels.setOneDnnForMeasurement(true);
                }
                classifier.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
                NDArray rows = manager.randomUniform(0, 1, new Shape(3, 28, 28));
                classifier.forwardWithOutputs(
                        new ParameterStore(manager, false),
                        new NDList(rows, manager.create(new long[] {28, 20, 7})),
                        false,
                        0);
            }
            try (ZooModel<NDList, NDList> model = TorchScriptLoader.load(Path.of(args[1]));
                    Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
                if (oneDnnOn) {
                    CpuKernels.setOneDnnForMeasurement(true);
                }
                predictor.predict(new NDList(
                        manager.randomUniform(0, 1, new Shape(2, 28, 28)), manager.create(new long[] {28, 28})));
            }
        }
        System.out.println("probe: oneDNN switch " + (CpuKernels.oneDnnEnabled() ? "on" : "off"));
    }
}
