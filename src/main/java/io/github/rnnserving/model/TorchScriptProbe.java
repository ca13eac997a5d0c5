package io.github.rnnserving.model;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.github.rnnserving.model.TorchScriptContract.BatchSize;
import io.github.rnnserving.model.TorchScriptContract.Outputs;
import io.github.rnnserving.model.TorchScriptContract.Signature;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out, by running it, how an imported TorchScript module must be called. libtorch keeps a
 * module's schema to itself behind DJL, so the probe calls it: {@code forward(x, lengths)} on one
 * input, else {@code forward(x)}. Then three distinct inputs alone, and batches of 2 and 3 of them,
 * whose answers must agree with the lone ones within {@value #TOLERANCE}: a module that fails or
 * disagrees there (a traced module may have fixed its batch size) is served one input a pass. One
 * that fails alone is refused.
 */
public final class TorchScriptProbe {

    private static final Logger log = LoggerFactory.getLogger(TorchScriptProbe.class);
    /** Largest difference between an input's probabilities alone and batched. */
    static final float TOLERANCE = 1e-5f;
    /** How far log-probabilities may stray from a total of 1 (float32 sums of a few terms). */
    private static final double SUM_TOLERANCE = 1e-4;

    private final ZooModel<NDList, NDList> model;
    private final InputSpec input;
    private final int labels;
    private final Outputs outputs;

    private TorchScriptProbe(ZooModel<NDList, NDList> model, InputSpec input, int labels, Outputs outputs) {
        this.model = model;
        this.input = input;
        this.labels = labels;
        this.outputs = outputs;
    }

    /**
     * The contract of {@code model}, whose answers are declared to be {@code outputs}.
     *
     * @throws InvalidModuleException when the module fails on one input, answers with another
     *     shape than one value per label, or not with what {@code outputs} declares
     */
    public static TorchScriptContract probe(
            ZooModel<NDList, NDList> model, InputSpec input, int labels, Outputs outputs) {
        return new TorchScriptProbe(model, input, labels, outputs).run();
    }

    private TorchScriptContract run() {
        try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
            Signature signature = signature(predictor);
            List<EncodedInput> inputs = input.probeInputs(signature == Signature.X);
            float[][] alone = new float[inputs.size()][];
            for (int k = 0; k < inputs.size(); k++) {
                try {
                    alone[k] = answer(predictor, inputs.subList(k, k + 1), signature)[0];
                } catch (ModuleFailed e) {
                    log.info("a TorchScript module fails on probe input {} alone: {}", k, e.getMessage());
                    throw new InvalidModuleException("the module fails on one input, called as " + signature.call()
                            + " with " + e.arguments(signature) + " (it took "
                            + inputs.get(0).length()
                            + " steps, but every input length up to the longest must serve)");
                }
            }
            BatchSize batch = BatchSize.ANY;
            for (int size = 2; size <= inputs.size() && batch == BatchSize.ANY; size++) {
                batch = agrees(predictor, inputs.subList(0, size), signature, alone) ? BatchSize.ANY : BatchSize.ONE;
            }
            return new TorchScriptContract(signature, batch, outputs);
        }
    }

    /** Calls the module on one input with lengths, then without: the first call it takes. */
    private Signature signature(Predictor<NDList, NDList> predictor) {
        List<EncodedInput> one = input.probeInputs(false).subList(0, 1);
        RuntimeException withLengths;
        try {
            answer(predictor, one, Signature.X_LENGTHS);
            return Signature.X_LENGTHS;
        } catch (ModuleFailed e) {
            withLengths = e;
        }
        try {
            answer(predictor, one, Signature.X);
            return Signature.X;
        } catch (ModuleFailed e) {
            log.info(
                    "a TorchScript module fails as forward(x, lengths) ({}) and as forward(x) ({})",
                    withLengths.getMessage(),
                    e.getMessage());
            throw new InvalidModuleException("the module fails on one input, called as forward(x, lengths)"
                    + " with " + e.arguments(Signature.X_LENGTHS) + ", and as forward(x) with "
                    + e.arguments(Signature.X) + "; save a module that takes one of them ("
                    + "torch.jit.trace(model, example) or torch.jit.script(model))");
        }
    }

    /** Whether a batch answers each of its inputs as the input alone was answered. */
    private boolean agrees(
            Predictor<NDList, NDList> predictor, List<EncodedInput> batch, Signature signature, float[][] alone) {
        float[][] together;
        try {
            together = answer(predictor, batch, signature);
        } catch (ModuleFailed | InvalidModuleException e) {
            log.info(
                    "a TorchScript module fails on a batch of {}, so it is served one input a pass: {}",
                    batch.size(),
                    e.getMessage());
            return false;
        }
        for (int k = 0; k < batch.size(); k++) {
            for (int c = 0; c < labels; c++) {
                if (!(Math.abs(together[k][c] - alone[k][c]) <= TOLERANCE)) {
                    log.info(
                            "a TorchScript module answers input {} differently in a batch of {} ({} against {}"
                                    + " alone), so it is served one input a pass",
                            k,
                            batch.size(),
                            together[k][c],
                            alone[k][c]);
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Class probabilities of one pass over {@code batch}.
     *
     * @throws ModuleFailed when libtorch refuses the call
     * @throws InvalidModuleException when the answer is not one declared value per label
     */
    private float[][] answer(Predictor<NDList, NDList> predictor, List<EncodedInput> batch, Signature signature) {
        try (NDManager scope = NDManager.newBaseManager()) {
            NDList arguments = Batches.of(scope, batch, signature);
            NDList output;
            try {
                output = predictor.predict(arguments);
            } catch (TranslateException | RuntimeException e) {
                throw new ModuleFailed(batch, e);
            }
            Shape shape = output.isEmpty() ? new Shape() : output.head().getShape();
            Shape expected = new Shape(batch.size(), labels);
            if (!shape.equals(expected)) {
                throw new InvalidModuleException("called as " + signature.call() + " with "
                        + describe(batch, arguments) + ", the module answered with shape " + shape
                        + "; one " + outputs.unit() + " per label needs " + expected
                        + (batch.size() == 1 && shape.dimension() == 2 && shape.get(1) == labels
                                ? " (a traced module keeps the batch size of its example when it sizes a"
                                        + " tensor with len(x) or a number: trace it with one input)"
                                : ""));
            }
            NDArray answers = output.head();
            checkOutputs(answers.toType(DataType.FLOAT64, false).toDoubleArray());
            return Probabilities.of(answers, outputs);
        }
    }

    /** The values must be finite and, when declared so, log-probabilities or probabilities. */
    private void checkOutputs(double[] values) {
        for (int row = 0; row < values.length / labels; row++) {
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            double sum = 0;
            double sumExp = 0;
            for (int c = 0; c < labels; c++) {
                double v = values[row * labels + c];
                if (!Double.isFinite(v)) {
                    throw new InvalidModuleException(
                            "the module gives no finite " + outputs.unit() + " per label on a probe input");
                }
                max = Math.max(max, v);
                min = Math.min(min, v);
                sum += v;
                sumExp += Math.exp(v);
            }
            boolean plausible = switch (outputs) {
                case LOGITS -> true;
                case LOG_PROBABILITIES -> max <= SUM_TOLERANCE && Math.abs(Math.log(sumExp)) <= SUM_TOLERANCE;
                case PROBABILITIES -> min >= 0 && max <= 1 + SUM_TOLERANCE && Math.abs(sum - 1) <= SUM_TOLERANCE;
            };
            if (!plausible) {
                throw new InvalidModuleException("the module does not return " + outputs.json() + " (\"outputs\": \""
                        + outputs.json() + "\" in the manifest): a probe input's values "
                        + (outputs == Outputs.LOG_PROBABILITIES
                                ? "must be at most 0 and their exponentials sum to 1"
                                : "must lie in [0, 1] and sum to 1")
                        + "; leave \"outputs\" out for logits");
            }
        }
    }

    /** The arguments of a call, in words: "float32 image rows (1, 28, 28) and int64 lengths (1)". */
    private static String describe(List<EncodedInput> batch, NDList arguments) {
        return batch.get(0).tensorDescription() + " " + arguments.head().getShape()
                + (arguments.size() > 1
                        ? " and int64 lengths " + arguments.get(1).getShape()
                        : "");
    }

    /**
     * The line of libtorch's message that says why, for the log: its first, unless that only says
     * the interpreter failed, when the reason is its last ("RuntimeError: …").
     */
    private static String reason(String message) {
        String first = TorchScriptLoader.firstLine(message);
        if (!first.startsWith("The following operation failed")) {
            return first;
        }
        String[] lines = message.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    /** libtorch refused a call; the message is its reason, for the log only. */
    private static final class ModuleFailed extends RuntimeException {

        private final List<EncodedInput> batch;

        ModuleFailed(List<EncodedInput> batch, Exception cause) {
            super(reason(cause.getMessage()), cause, false, false);
            this.batch = batch;
        }

        String arguments(Signature signature) {
            try (NDManager scope = NDManager.newBaseManager()) {
                return describe(batch, Batches.of(scope, batch, signature));
            }
        }
    }
}
