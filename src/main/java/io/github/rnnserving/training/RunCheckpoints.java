package io.github.rnnserving.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link BpttTrainer} run to and from its checkpoint: weights (under PyTorch's names, as a
 * bundle's {@code weights.npz}), optimizer state, the best epoch's weights and the {@link
 * RunState}, so a resumed run continues as if it never stopped. It reads the network's parameters
 * by name, whichever network it is.
 */
final class RunCheckpoints {

    private RunCheckpoints() {}

    static void resume(
            Checkpoints checkpoints,
            String runKey,
            Map<String, Parameter> parameters,
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
        try (NDManager scope = manager.newSubManager()) {
            restoreWeights(checkpoints, checkpoints.readArrays(Checkpoints.WEIGHTS, scope), parameters);
            updater.restore(checkpoints.readArrays(Checkpoints.OPTIMIZER, scope), manager);
            best.restore(checkpoints.readArrays(Checkpoints.BEST, scope));
        }
        run.epochsDone = state.epochsDone();
        run.resumedAfter = state.epochsDone();
        run.bestEpoch = state.bestEpoch();
        run.bestScore = state.bestValidationScore();
        run.epochsSinceBest = state.epochsSinceBest();
        run.learningRate = state.learningRate();
        run.history.addAll(state.history());
        listener.onResume(state.epochsDone(), List.copyOf(run.history));
    }

    /** The run key already says the architecture is the same; the names and shapes are checked all the same. */
    private static void restoreWeights(Checkpoints checkpoints, NDList arrays, Map<String, Parameter> parameters) {
        Set<String> names = new TreeSet<>();
        for (NDArray array : arrays) {
            names.add(array.getName());
        }
        if (!names.equals(new TreeSet<>(parameters.keySet()))) {
            throw new TrainingFailedException("checkpoint " + checkpoints.folder()
                    + " holds other weights than this network's; delete it to start over");
        }
        for (NDArray array : arrays) {
            NDArray weight = parameters.get(array.getName()).getArray();
            if (!array.getShape().equals(weight.getShape())) {
                throw new TrainingFailedException("checkpoint " + checkpoints.folder() + " holds "
                        + array.getName() + " of shape " + array.getShape() + ", not " + weight.getShape()
                        + "; delete it to start over");
            }
            array.copyTo(weight);
        }
    }

    static void save(
            Checkpoints checkpoints,
            String runKey,
            Map<String, Parameter> parameters,
            ParameterUpdater updater,
            BestWeights best,
            RunState run) {
        CheckpointState state = new CheckpointState(
                runKey,
                run.epochsDone,
                run.bestEpoch,
                run.bestScore,
                run.epochsSinceBest,
                run.learningRate,
                run.history);
        checkpoints.write(state, folder -> {
            try (OutputStream out = Files.newOutputStream(folder.resolve(Checkpoints.WEIGHTS))) {
                weights(parameters).encode(out, NDList.Encoding.NPZ);
            }
            Checkpoints.writeArrays(folder.resolve(Checkpoints.OPTIMIZER), updater.state());
            Checkpoints.writeArrays(folder.resolve(Checkpoints.BEST), best.arrays());
        });
    }

    /** The parameters named as PyTorch's state_dict names them (what {@code PyTorchWeights} writes). */
    private static NDList weights(Map<String, Parameter> parameters) {
        NDList arrays = new NDList();
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            NDArray array = entry.getValue().getArray();
            array.setName(entry.getKey());
            arrays.add(array);
        }
        return arrays;
    }
}
