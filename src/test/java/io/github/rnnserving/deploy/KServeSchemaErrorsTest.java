package io.github.rnnserving.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of error the KServe manifest check must catch, caught, and its fix accepted. */
class KServeSchemaErrorsTest {

    private static final String SERVICE = """
            apiVersion: serving.kserve.io/v1beta1
            kind: InferenceService
            metadata:
              name: names
            spec:
              predictor:
                minReplicas: 1
                logger:
                  mode: all
                model:
                  modelFormat:
                    name: rnn-serving
                  protocolVersion: v2
                  storageUri: pvc://rnn-serving-models/models/names
                  resources:
                    limits:
                      memory: 2Gi
            """;

    private static final String RUNTIME = """
            apiVersion: serving.kserve.io/v1alpha1
            kind: ServingRuntime
            metadata:
              name: rnn-serving
            spec:
              supportedModelFormats:
                - name: rnn-serving
                  priority: 1
              containers:
                - name: kserve-container
                  image: rnn-serving:latest
                  readinessProbe:
                    httpGet:
                      path: /v2/health/ready
                      port: 8080
            """;

    @Test
    void theValidExamplesPass() {
        assertThat(violations(SERVICE)).isEmpty();
        assertThat(violations(RUNTIME)).isEmpty();
    }

    @Test
    void anUnknownFieldFails() {
        assertThat(violations(SERVICE.replace("storageUri:", "storageURI:")))
                .containsExactly("spec.predictor.model.storageURI: unknown field");
        // a field at the wrong level: protocolVersions belongs to the runtime
        assertThat(violations(SERVICE.replace("    minReplicas: 1", "    protocolVersions: [v2]")))
                .containsExactly("spec.predictor.protocolVersions: unknown field");
    }

    @Test
    void aValueOfTheWrongTypeFails() {
        assertThat(violations(SERVICE.replace("minReplicas: 1", "minReplicas: one")))
                .containsExactly("spec.predictor.minReplicas: must be integer, got string \"one\"");
        assertThat(violations(RUNTIME.replace("port: 8080", "port: true")))
                .containsExactly("spec.containers[0].readinessProbe.httpGet.port:"
                        + " must be an integer or a string, got boolean true");
        assertThat(violations(SERVICE.replace("minReplicas: 1", "minReplicas: 3000000000")))
                .containsExactly("spec.predictor.minReplicas: 3000000000 does not fit in int32");
    }

    @Test
    void aMissingRequiredFieldFails() {
        assertThat(violations(SERVICE.replace("name: rnn-serving", "version: \"1\"")))
                .containsExactly("spec.predictor.model.modelFormat.name: is required");
        String noContainers = RUNTIME.substring(0, RUNTIME.indexOf("  containers:"));
        assertThat(violations(noContainers)).containsExactly("spec.containers: is required");
    }

    @Test
    void aValueOutsideTheEnumOrTheBoundsFails() {
        assertThat(violations(SERVICE.replace("mode: all", "mode: everything")))
                .containsExactly("spec.predictor.logger.mode: \"everything\" is not one of"
                        + " [\"all\",\"request\",\"response\"]");
        assertThat(violations(RUNTIME.replace("priority: 1", "priority: 0")))
                .containsExactly("spec.supportedModelFormats[0].priority: 0 is below the minimum 1");
        assertThat(violations(SERVICE.replace("memory: 2Gi", "memory: 2 GiB")))
                .singleElement()
                .asString()
                .startsWith("spec.predictor.model.resources.limits.memory: \"2 GiB\" does not match");
    }

    @Test
    void metadataAndKindAreChecked() {
        assertThatThrownBy(() -> violations(SERVICE.replace("  name: names", "  nmae: names")))
                .hasMessageContaining("nmae");
        assertThatThrownBy(() -> violations(SERVICE.replace("v1beta1", "v1")))
                .hasMessageContaining("unexpected kind serving.kserve.io/v1/InferenceService");
    }

    private static List<String> violations(String yaml) {
        return KServeManifestsTest.violations(TypedKubernetesModel.YAML.readTree(yaml), "example.yaml");
    }
}
