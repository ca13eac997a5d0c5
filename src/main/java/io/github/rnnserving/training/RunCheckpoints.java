package io.github.rnnserving.training;

import ai.djl.ndarray.NDManager;
import io.github.rnnserving.model.PyTorchWeights;
import io.github.rnnserving.model.RecurrentClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * A {@link BpttTrainer} run to and from its checkpoint: weights, optimizer state, the best
 * epoch's weights and the {@link RunState}, so a resumed run continues as if it never stopped.
 */
final class RunCheckpoints {

    private RunCheckpoints() {}

    static void resume(
            Checkpoints checkpoints,
            String runKey,
            RecurrentClassifier classifier,
            ParameterUpdater updater,
            BestWeights best,
            RunState run,
            NDManager manager,
            TrainingListener listener) {
        Optional<CheckpointState> saved = checkpoints.readState();
        if (saved.isEmpty()) {
            return;
        }
        CheckpointState state = saved.get();
        if (!state.runKey().equals(runKey)) {
            throw new TrainingFailedException(
                    "checkpoint " + checkpoints.folder() + " belongs to another run (other settings or"
                            + " data); delete it or choose another checkpoint folder");
        }
        try (InputStream in = Files.newInputStream(checkpoints.file(Checkpoints.WEIGHTS))) {
            PyTorchWeights.load(classifier, in, manager);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (NDManager scope = manager.newSubManager()) {
            updater.restore(checkpoints.readArrays(Checkpoints.OPTIMIZER, scope), manager);
            best.restore(checkpoints.readArrays(Checkpoints.BEST, scope));
        }
        run.epochsDone = state.epochsDone();
        run.resumedAfter = state.epochsDone();
        run.bestEpoch = state.bestEpoch();
        run.bestAccuracy = state.bestValidationAccuracy();
        run.epochsSinceBest = state.epochsSinceBest();
        run.learningRate = state.learningRate();
        run.history.addAll(state.history());
        listener.onResume(state.epochsDone(), List.copyOf(run.history));
    }

    static void save(
            Checkpoints checkpoints,
            String runKey,
            RecurrentClassifier classifier,
            ParameterUpdater updater,
            BestWeights best,
            RunState run) {
        CheckpointState state = new CheckpointState(
                runKey,
                run.epochsDone,
                run.bestEpoch,
                run.bestAccuracy,
                run.epochsSinceBest,
                run.learningRate,
                run.history);
        checkpoints.write(state, folder -> {
            try (OutputStream out = Files.newOutputStream(folder.resolve(Checkpoints.WEIGHTS))) {
                PyTorchWeights.save(classifier, out);
            }
            Checkpoints.writeArrays(folder.resolve(Checkpoints.OPTIMIZER), updater.state());
            Checkpoints.writeArrays(folder.resolve(Checkpoints.BEST), best.arrays());
        });
    }
}
