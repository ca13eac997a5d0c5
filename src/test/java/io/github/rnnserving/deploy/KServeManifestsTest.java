package io.github.rnnserving.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Validates {@code deploy/kserve/} against KServe's own CRD schemas (stored under {@code
 * src/test/resources/kserve/}, see its README) and the pieces against each other and the repository:
 * the InferenceServices' format, protocol and runtime are the ServingRuntime's, their storage is a
 * default model's folder on the claim of {@code deploy/k8s/}, and the runtime's probes and token
 * fit the service.
 */
class KServeManifestsTest {

    private static final Path MANIFESTS = Path.of("deploy", "kserve");
    private static final Path SCHEMAS = Path.of("src", "test", "resources", "kserve");
    private static final Path MODELS = Path.of("models");

    private static final CrdSchema SERVING_RUNTIME = schema("servingruntime.schema.yaml");
    private static final CrdSchema INFERENCE_SERVICE = schema("inferenceservice.schema.yaml");

    @Test
    void everyManifestFitsTheSchemaOfItsKind() throws IOException {
        Map<String, Integer> kinds = new java.util.TreeMap<>();
        for (Path file : files()) {
            JsonNode manifest = TypedKubernetesModel.YAML.readTree(Files.readString(file));
            String kind = manifest.path("apiVersion").asString() + "/"
                    + manifest.path("kind").asString();
            kinds.merge(kind, 1, Integer::sum);
            assertThat(violations(manifest, file.toString()))
                    .as(file.toString())
                    .isEmpty();
        }
        assertThat(kinds)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "serving.kserve.io/v1alpha1/ServingRuntime",
                        1,
                        // one per default model
                        "serving.kserve.io/v1beta1/InferenceService",
                        defaultModels().size(),
                        "v1/Pod",
                        1));
    }

    @Test
    void eachDefaultModelHasAnInferenceServiceOnTheRuntime() throws IOException {
        JsonNode runtime = only("ServingRuntime");
        Set<String> formats = new TreeSet<>();
        runtime.path("spec")
                .path("supportedModelFormats")
                .forEach(f -> formats.add(f.path("name").asString()));
        List<String> protocols = new ArrayList<>();
        runtime.path("spec").path("protocolVersions").forEach(p -> protocols.add(p.asString()));
        assertThat(protocols).containsExactly("v2");

        String claim = claimName();
        Set<String> served = new TreeSet<>();
        for (JsonNode service : all("InferenceService")) {
            String name = service.path("metadata").path("name").asString();
            JsonNode model = service.path("spec").path("predictor").path("model");
            assertThat(formats)
                    .as(name)
                    .contains(model.path("modelFormat").path("name").asString());
            assertThat(protocols)
                    .as(name)
                    .contains(model.path("protocolVersion").asString());
            assertThat(model.path("runtime").asString())
                    .as(name)
                    .isEqualTo(runtime.path("metadata").path("name").asString());
            // the runtime links /mnt/models under the InferenceService's name: it must be the folder's
            assertThat(model.path("storageUri").asString()).as(name).isEqualTo("pvc://" + claim + "/models/" + name);
            Path folder = MODELS.resolve(name);
            assertThat(folder.resolve("serving-version")).as(name).isRegularFile();
            String version = Files.readString(folder.resolve("serving-version")).strip();
            assertThat(folder.resolve(version).resolve("model.json")).as(name).isRegularFile();
            served.add(name);
        }
        assertThat(served).isEqualTo(defaultModels());
    }

    /**
     * The classifiers under {@code models/}: the Open Inference Protocol classifies, so a generator
     * (model.json's task) is served by /generate, not by an InferenceService.
     */
    private static Set<String> defaultModels() throws IOException {
        Set<String> defaults = new TreeSet<>();
        try (Stream<Path> list = Files.list(MODELS)) {
            list.filter(Files::isDirectory)
                    .filter(d -> !isGenerator(d))
                    .forEach(d -> defaults.add(d.getFileName().toString()));
        }
        return defaults;
    }

    private static boolean isGenerator(Path modelFolder) {
        try {
            String version =
                    Files.readString(modelFolder.resolve("serving-version")).strip();
            return new io.github.rnnserving.model.ModelBundles()
                    .readManifest(modelFolder.resolve(version))
                    .isGenerator();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void runtimeContainerServesTheV2ProtocolAsTheImageDoes() throws IOException {
        JsonNode container =
                only("ServingRuntime").path("spec").path("containers").get(0);
        assertThat(container.path("name").asString()).isEqualTo("kserve-container");
        assertThat(container.path("image").asString()).startsWith("rnn-serving");
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asString())
                .isEqualTo("/v2/health/ready");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asString())
                .isEqualTo("/v2/health/live");
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            assertThat(container.path(probe).path("httpGet").path("port").asInt())
                    .as(probe)
                    .isEqualTo(8080);
        }
        JsonNode security = container.path("securityContext");
        assertThat(security.path("runAsUser").asLong()).isEqualTo(10001);
        assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
        for (String resource : List.of("cpu", "memory")) {
            assertThat(quantity(container.path("resources").path("limits").path(resource)))
                    .as("%s limit ≥ request", resource)
                    .isGreaterThanOrEqualTo(quantity(
                            container.path("resources").path("requests").path(resource)));
        }

        // the model's name reaches the command as $1 through KServe's templating
        assertThat(container.path("args").get(0).asString()).isEqualTo("{{.Name}}");
        String script = container.path("command").get(2).asString();
        assertThat(script)
                .contains("ln -sfn /mnt/models \"$RNN_MODELS_DIR/$1\"")
                .contains("exec java -XX:SharedArchiveFile=/app/rnn-serving.jsa $JAVA_OPTS -jar /app/rnn-serving.jar");
        for (String folder : List.of("RNN_MODELS_DIR", "RNN_STATE_DIR", "RNN_DATA_DIR")) {
            assertThat(env(container, folder).path("value").asString())
                    .as(folder)
                    .startsWith("/tmp/");
        }

        JsonNode token = env(container, "RNN_ADMIN_TOKEN").path("valueFrom").path("secretKeyRef");
        Secret secret = TypedKubernetesModel.read(
                TypedKubernetesModel.YAML.readTree(Files.readString(Path.of("deploy", "k8s", "secret.yaml"))),
                Secret.class,
                "secret.yaml");
        assertThat(token.path("name").asString()).isEqualTo(secret.getMetadata().getName());
        assertThat(secret.getStringData()).containsKey(token.path("key").asString());
    }

    @Test
    void seedingPodCopiesTheDefaultModelsOntoTheClaim() throws IOException {
        Pod pod = TypedKubernetesModel.read(only("Pod"), Pod.class, "seed-models-pod.yaml");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getVolumes())
                .singleElement()
                .satisfies(v ->
                        assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo(claimName()));
        var container = pod.getSpec().getContainers().get(0);
        String mount = container.getVolumeMounts().get(0).getMountPath();
        // the image's models go to models/ on the claim: the folder the storage URIs name
        assertThat(String.join(" ", container.getCommand())).contains("/var/lib/rnn/models/. " + mount + "/models/");
        assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    }

    static List<String> violations(JsonNode manifest, String source) {
        String kind = manifest.path("kind").asString();
        CrdSchema schema = switch (manifest.path("apiVersion").asString() + "/" + kind) {
            case "serving.kserve.io/v1alpha1/ServingRuntime" -> SERVING_RUNTIME;
            case "serving.kserve.io/v1beta1/InferenceService" -> INFERENCE_SERVICE;
            case "v1/Pod" -> null;
            default ->
                throw new AssertionError(source + ": unexpected kind "
                        + manifest.path("apiVersion").asString() + "/" + kind);
        };
        if (schema == null) {
            TypedKubernetesModel.read(manifest, Pod.class, source);
            return List.of();
        }
        // the API server checks metadata as ObjectMeta, not by the CRD's schema
        TypedKubernetesModel.read(manifest.path("metadata"), ObjectMeta.class, source + " metadata");
        return schema.violations(manifest);
    }

    private static String claimName() throws IOException {
        JsonNode tree = TypedKubernetesModel.YAML.readTree(Files.readString(Path.of("deploy", "k8s", "pvc.yaml")));
        return TypedKubernetesModel.read(tree, PersistentVolumeClaim.class, "pvc.yaml")
                .getMetadata()
                .getName();
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asString().equals(name)) {
                return env;
            }
        }
        throw new AssertionError("no env " + name);
    }

    private static java.math.BigDecimal quantity(JsonNode value) {
        return new io.fabric8.kubernetes.api.model.Quantity(value.asString()).getNumericalAmount();
    }

    private static JsonNode only(String kind) throws IOException {
        List<JsonNode> matching = all(kind);
        assertThat(matching).as(kind).hasSize(1);
        return matching.get(0);
    }

    private static List<JsonNode> all(String kind) throws IOException {
        List<JsonNode> matching = new ArrayList<>();
        for (Path file : files()) {
            JsonNode manifest = TypedKubernetesModel.YAML.readTree(Files.readString(file));
            if (manifest.path("kind").asString().equals(kind)) {
                matching.add(manifest);
            }
        }
        return matching;
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(MANIFESTS)) {
            return list.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static CrdSchema schema(String file) {
        try {
            JsonNode stored = TypedKubernetesModel.YAML.readTree(Files.readString(SCHEMAS.resolve(file)));
            return new CrdSchema(stored.get("openAPIV3Schema"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
