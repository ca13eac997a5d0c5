package io.github.rnnserving.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
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
import tools.jackson.databind.ObjectMapper;

/**
 * Validates {@code deploy/k8s/} against Kubernetes' typed model (fabric8's classes, generated from
 * the Kubernetes OpenAPI schema): every manifest must read into the class of its kind with no field
 * the schema does not know and no value of the wrong type, and the pieces must fit together —
 * probes on the actuator endpoints, resources, secret and claim references, the HPA's target.
 *
 * <p>Long on purpose: the manifests are checked against each other (names, ports, references), so
 * their checks and the typed reading they share stay in one file.
 */
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("deploy", "k8s");

    /** The kinds deploy/k8s may hold, by apiVersion and kind. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "v1/Service", Service.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "v1/Secret", Secret.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

    private static final ObjectMapper YAML = TypedKubernetesModel.YAML;

    @Test
    void everyManifestIsAKnownKindWithOnlySchemaFields() throws IOException {
        List<HasMetadata> resources = readAll();
        assertThat(resources)
                .extracting(r -> r.getClass().getSimpleName())
                .containsExactlyInAnyOrder(
                        "Deployment", "Service", "PersistentVolumeClaim", "Secret", "HorizontalPodAutoscaler");
    }

    @Test
    void deploymentProbesTheActuatorAndFitsTheOtherManifests() throws IOException {
        List<HasMetadata> resources = readAll();
        Deployment deployment = only(resources, Deployment.class);
        Secret secret = only(resources, Secret.class);
        PersistentVolumeClaim claim = only(resources, PersistentVolumeClaim.class);

        Map<String, String> podLabels =
                deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels)
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());

        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers()).hasSize(1);
        Container container = pod.getContainers().get(0);
        assertThat(container.getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
        assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
        assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
        assertProbe(container.getStartupProbe(), "/actuator/health/liveness");

        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();
        assertThat(requests).containsKeys("cpu", "memory");
        assertThat(limits).containsKeys("cpu", "memory");
        for (String resource : List.of("cpu", "memory")) {
            assertThat(limits.get(resource).getNumericalAmount())
                    .as("%s limit ≥ request", resource)
                    .isGreaterThanOrEqualTo(requests.get(resource).getNumericalAmount());
        }

        // the admin token and the database password come from the Secret, under keys it has
        Set<String> secretKeys = new TreeSet<>();
        if (secret.getStringData() != null) {
            secretKeys.addAll(secret.getStringData().keySet());
        }
        if (secret.getData() != null) {
            secretKeys.addAll(secret.getData().keySet());
        }
        for (String variable : List.of("RNN_ADMIN_TOKEN", "SPRING_DATASOURCE_PASSWORD")) {
            EnvVar env = env(container, variable);
            assertThat(env.getValue())
                    .as("%s is not written in the manifest", variable)
                    .isNull();
            var ref = env.getValueFrom().getSecretKeyRef();
            assertThat(ref.getName()).isEqualTo(secret.getMetadata().getName());
            assertThat(secretKeys).contains(ref.getKey());
        }
        // the session key may be left out of the Secret: the pods then share a generated one
        var sessionKey = env(container, "RNN_SESSIONS_KEY").getValueFrom().getSecretKeyRef();
        assertThat(sessionKey.getName()).isEqualTo(secret.getMetadata().getName());
        assertThat(sessionKey.getOptional()).isTrue();
        assertThat(env(container, "SPRING_DATASOURCE_URL").getValue()).startsWith("jdbc:postgresql://");
        for (String variable : List.of("RNN_MODELS_DIR", "RNN_STATE_DIR", "RNN_DATA_DIR")) {
            String folder = env(container, variable).getValue();
            assertThat(container.getVolumeMounts())
                    .as("%s is mounted", variable)
                    .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo(folder));
        }

        // the models live on the claim
        Volume shared = pod.getVolumes().stream()
                .filter(v -> v.getPersistentVolumeClaim() != null)
                .findFirst()
                .orElseThrow();
        assertThat(shared.getPersistentVolumeClaim().getClaimName())
                .isEqualTo(claim.getMetadata().getName());
        String modelsDir = env(container, "RNN_MODELS_DIR").getValue();
        assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo(shared.getName());
            assertThat(mount.getMountPath()).isEqualTo(modelsDir);
        });
        assertThat(claim.getSpec().getResources().getRequests()).containsKey("storage");

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    }

    @Test
    void serviceReachesTheHttpPortOfThePods() throws IOException {
        List<HasMetadata> resources = readAll();
        Deployment deployment = only(resources, Deployment.class);
        Service service = only(resources, Service.class);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts())
                .singleElement()
                .satisfies(port -> assertThat(port.getTargetPort()).isEqualTo(new IntOrString("http")));
    }

    @Test
    void autoscalerScalesTheDeploymentOnCpu() throws IOException {
        List<HasMetadata> resources = readAll();
        Deployment deployment = only(resources, Deployment.class);
        HorizontalPodAutoscaler hpa = only(resources, HorizontalPodAutoscaler.class);
        var target = hpa.getSpec().getScaleTargetRef();
        assertThat(target.getApiVersion()).isEqualTo(deployment.getApiVersion());
        assertThat(target.getKind()).isEqualTo("Deployment");
        assertThat(target.getName()).isEqualTo(deployment.getMetadata().getName());
        assertThat(hpa.getSpec().getMinReplicas())
                .isPositive()
                .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
        MetricSpec metric = hpa.getSpec().getMetrics().stream()
                .filter(m -> "Resource".equals(m.getType()))
                .findFirst()
                .orElseThrow();
        assertThat(metric.getResource().getName()).isEqualTo("cpu");
        assertThat(metric.getResource().getTarget().getType()).isEqualTo("Utilization");
        assertThat(metric.getResource().getTarget().getAverageUtilization()).isBetween(1, 100);
    }

    @Test
    void aMisspelledFieldFails() {
        String misspelled = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: broken
                spec:
                  selector:
                    matchLabels: {app: broken}
                  template:
                    metadata:
                      labels: {app: broken}
                    spec:
                      containers:
                        - name: app
                          image: rnn-serving:latest
                          livenessProbe:
                            httpGet:
                              pathh: /actuator/health/liveness
                              port: 8080
                """;
        assertThatThrownBy(() -> read(misspelled, "broken.yaml"))
                .hasMessageContaining("spec.template.spec.containers[0].livenessProbe.httpGet.pathh");
        // the same manifest, spelled right, passes
        read(misspelled.replace("pathh:", "path:"), "fixed.yaml");
    }

    @Test
    void aFieldAtTheWrongLevelOrOfTheWrongTypeFails() {
        String misplaced = """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: broken
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: rnn-serving}
                  maxReplicas: 3
                  targetCPUUtilizationPercentage: 70
                """;
        assertThatThrownBy(() -> read(misplaced, "hpa.yaml"))
                .hasMessageContaining("spec.targetCPUUtilizationPercentage");

        String wrongType = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: broken
                spec:
                  replicas: two
                """;
        assertThatThrownBy(() -> read(wrongType, "deployment.yaml")).hasMessageContaining("replicas");

        String unknownKind = """
                apiVersion: apps/v1
                kind: Deploymnet
                metadata:
                  name: broken
                """;
        assertThatThrownBy(() -> read(unknownKind, "deployment.yaml")).hasMessageContaining("Deploymnet");
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).as("probe on %s", path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> resources, Class<T> type) {
        List<T> matching =
                resources.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).as(type.getSimpleName()).hasSize(1);
        return matching.get(0);
    }

    private static List<HasMetadata> readAll() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(MANIFESTS)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files)
                .as("deploy/k8s holds only .yaml manifests")
                .allSatisfy(f -> assertThat(f.getFileName().toString()).endsWith(".yaml"));
        List<HasMetadata> resources = new ArrayList<>();
        for (Path file : files) {
            resources.add(read(Files.readString(file), file.toString()));
        }
        return resources;
    }

    /** One manifest read into the class of its kind; fails on anything the schema does not know. */
    private static HasMetadata read(String yaml, String source) {
        JsonNode tree = YAML.readTree(yaml);
        String kind =
                tree.path("apiVersion").asString() + "/" + tree.path("kind").asString();
        Class<? extends HasMetadata> type = KINDS.get(kind);
        if (type == null) {
            throw new AssertionError(source + ": unexpected kind " + kind + ", known: " + KINDS.keySet());
        }
        return TypedKubernetesModel.read(tree, type, source);
    }
}
