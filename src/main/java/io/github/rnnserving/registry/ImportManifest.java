package io.github.rnnserving.registry;

import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.DatasetSection;
import io.github.rnnserving.model.EvaluationSection;
import io.github.rnnserving.model.InputSpec;
import io.github.rnnserving.model.TrainingSection;
import java.util.List;

/**
 * The {@code model.json} a user sends with weights trained elsewhere: what the weights are and how
 * input becomes steps. Weight checksums, engine and version are filled in on import.
 *
 * @param outputs TorchScript modules only: what {@code forward} returns per label, {@code
 *     "logits"} (absent means so), {@code "log-probabilities"} or {@code "probabilities"}
 */
public record ImportManifest(
        String name,
        InputSpec input,
        Architecture architecture,
        List<String> labels,
        TrainingSection training,
        DatasetSection dataset,
        EvaluationSection metrics,
        String outputs) {}
