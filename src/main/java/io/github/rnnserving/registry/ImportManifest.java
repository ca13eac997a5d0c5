package io.github.rnnserving.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.github.rnnserving.model.Architecture;
import io.github.rnnserving.model.DatasetSection;
import io.github.rnnserving.model.EvaluationSection;
import io.github.rnnserving.model.InputSpec;
import io.github.rnnserving.model.TrainingSection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code model.json} a user sends with weights trained elsewhere: what the weights are and how
 * input becomes steps. Weight checksums, engine and version are filled in on import.
 *
 * @param architecture the complete architecture, null until the import has worked it out from
 *     {@code declaredArchitecture} and the weights ({@link ArchitectureInference})
 * @param declaredArchitecture {@code model.json}'s {@code architecture} as written, any field absent
 *     ({@link ManifestJson} reads it there); null when the manifest has none
 * @param parameterNames prefix rewrites from the user's {@code state_dict} names to this service's
 *     ({@code "lstm." → "rnn."}), applied before the names are recognised; empty when absent
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
        @JsonIgnore DeclaredArchitecture declaredArchitecture,
        Map<String, String> parameterNames,
        String outputs) {

    public ImportManifest {
        if (parameterNames == null) {
            parameterNames = Map.of();
        } else {
            for (Map.Entry<String, String> entry : parameterNames.entrySet()) {
                if (entry.getValue() == null) {
                    // the message starts with the property, so ManifestJson names the field
                    throw new IllegalArgumentException("parameterNames must map each name prefix to another"
                            + " (\"lstm.\": \"rnn.\"), but '" + entry.getKey() + "' maps to null");
                }
            }
            parameterNames = Collections.unmodifiableMap(new LinkedHashMap<>(parameterNames));
        }
    }

    ImportManifest withArchitecture(Architecture resolved) {
        return new ImportManifest(
                name,
                input,
                resolved,
                labels,
                training,
                dataset,
                metrics,
                declaredArchitecture,
                parameterNames,
                outputs);
    }

    ImportManifest withDeclaredArchitecture(DeclaredArchitecture declared) {
        return new ImportManifest(
                name, input, architecture, labels, training, dataset, metrics, declared, parameterNames, outputs);
    }
}
