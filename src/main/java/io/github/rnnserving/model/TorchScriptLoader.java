package io.github.rnnserving.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads a TorchScript classifier exported from Python so it is served like the project's own
 * models.
 *
 * <p>The module takes {@code x}: int64 token ids {@code (B, T)} for text, or float32 {@code (B, 28,
 * 28)} in [0, 1] for image rows, and either {@code lengths} int64 {@code (B)} as well ({@code x}
 * then right-padded with 0) or nothing more; it returns logits, log-probabilities or
 * probabilities {@code (B, classes)} alone. Which of these a module does, and whether it answers
 * alike at any batch size (a traced one may not), the import probe finds ({@link
 * TorchScriptProbe}) and {@code model.json} records ({@link TorchScriptContract}).
 */
public final class TorchScriptLoader {

    private TorchScriptLoader() {}

    /**
     * Loads {@code ptFile} with DJL's PyTorch engine; the caller owns and must close the model.
     *
     * @throws InvalidBundleException if the file is missing or not a TorchScript module
     */
    public static ZooModel<NDList, NDList> load(Path ptFile) {
        // DJL would otherwise search a directory for a model file by name, and report a
        // missing file less plainly than this.
        if (!Files.isRegularFile(ptFile)) {
            throw new InvalidBundleException("TorchScript model file not found: " + ptFile);
        }
        CpuKernels.ensureExact(); // an unpacked aten::lstm (a traced nn.LSTM) takes the same oneDNN path as ours
        // DJL's Criteria.loadModel() does not close the model it made when loading fails, which
        // leaves it to the finalizer ("was not closed explicitly"): make and close it here instead
        Model model = Model.newInstance(ptFile.getFileName().toString(), "PyTorch");
        try {
            // Tensors saved on a GPU in Python must still load on a CPU-only host.
            model.load(ptFile, null, Map.of("mapLocation", "true"));
            return new ZooModel<>(model, new NoopTranslator());
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            // libtorch's messages are long C++ traces; the first line carries the reason.
            throw new InvalidBundleException(
                    ptFile.getFileName()
                            + " is not a loadable TorchScript model (save it with"
                            + " torch.jit.script(...).save(path)); DJL said: "
                            + firstLine(e.getMessage()),
                    e);
        }
    }

    /** libtorch's messages are long C++ traces: the first line carries the reason. */
    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
