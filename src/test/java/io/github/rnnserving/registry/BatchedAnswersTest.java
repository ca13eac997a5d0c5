package io.github.rnnserving.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.data.IdxReader;
import io.github.rnnserving.data.ImageExample;
import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.text.TextEncoder;
import io.github.rnnserving.serving.HeldWorker;
import io.github.rnnserving.serving.ModelQueue;
import io.github.rnnserving.serving.ServingEngine;
import io.github.rnnserving.serving.ServingSettings;
import io.github.rnnserving.serving.Submission;
import io.github.rnnserving.serving.ThreadPlan;
import io.github.rnnserving.support.SharedFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A request's answer does not depend on what the batcher ran it with: the default {@code names}
 * (2×128 BiLSTM) and {@code mnist} (2×128 BiLSTM) models answer each input alone and inside
 * batches of other requests' inputs of other lengths equally, within 1e-5.
 */
class BatchedAnswersTest {

    private static final List<String> NAMES = List.of(
            "Nakamura",
            "Ng",
            "Schwarzenegger",
            "Dostoevsky",
            "O'Brien",
            "Lee",
            "Abramovich",
            "Zhang",
            "Rossi",
            "Papadopoulos",
            "Kowalski",
            "Yamamoto",
            "Smith",
            "Nguyen",
            "García",
            "Müller");

    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

    private static ServingEngine engine;
    private static ModelRegistry registry;
    private static HeldWorker held;

    @BeforeAll
    static void serveTheDefaultModels() {
        RnnProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                        "rnn.models-dir", Path.of("models").toAbsolutePath().toString())))
                .bindOrCreate("rnn", RnnProperties.class);
        ServingSettings settings = new ServingSettings(true, 32, Duration.ZERO, 10_000, Duration.ofMinutes(1));
        engine = new ServingEngine(new ThreadPlan(2, 1, 1, 1), settings, METERS);
        registry = new ModelRegistry(properties, engine);
        held = new HeldWorker(engine);
    }

    @AfterAll
    static void stop() {
        held.close();
        registry.destroy();
        engine.destroy();
    }

    @Test
    void namesAnswerTheSameAloneAndBatchedWithOthers() throws Exception {
        ServedModel names = registry.acquire("names");
        try {
            List<EncodedInput> inputs = new ArrayList<>();
            for (String name : NAMES) {
                inputs.add(new EncodedInput.TokenIds(((TextEncoder) names.encoder()).encode(name)));
            }
            assertSameAloneAndBatched(names.queue(), inputs);
        } finally {
            names.release();
        }
    }

    @Test
    void imagesAnswerTheSameAloneAndBatchedWithOthers() throws Exception {
        ServedModel mnist = registry.acquire("mnist");
        try {
            List<EncodedInput> inputs = new ArrayList<>();
            for (ImageExample image : IdxReader.testSet(SharedFiles.data().resolve("mnist"), IdxReader.MNIST_LABELS)
                    .withLimit(40)
                    .read()) {
                inputs.add(new EncodedInput.PixelRows(image.pixels(), image.rows(), image.columns()));
            }
            // explain's prefixes ride the same batcher: mix a few in
            for (int rows = 1; rows <= 28; rows += 9) {
                inputs.add(inputs.get(0).prefix(rows));
            }
            assertSameAloneAndBatched(mnist.queue(), inputs);
        } finally {
            mnist.release();
        }
    }

    private static void assertSameAloneAndBatched(ModelQueue queue, List<EncodedInput> inputs) throws Exception {
        List<float[]> alone = new ArrayList<>();
        for (EncodedInput input : inputs) {
            alone.add(queue.submit(List.of(input), far()).answer().get(30, TimeUnit.SECONDS)[0]);
        }
        // every input its own request, queued while the worker is held, so they run in shared passes
        held.hold();
        List<Submission> batched = new ArrayList<>();
        for (EncodedInput input : inputs) {
            batched.add(queue.submit(List.of(input), far()));
        }
        held.release();
        for (int i = 0; i < inputs.size(); i++) {
            float[] together = batched.get(i).answer().get(30, TimeUnit.SECONDS)[0];
            for (int c = 0; c < together.length; c++) {
                assertThat(together[c])
                        .as("input %d, class %d", i, c)
                        .isCloseTo(alone.get(i)[c], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
        // and they did share passes
        assertThat(METERS.get("rnn.serving.batch.size")
                        .tag("model", queue.model())
                        .summary()
                        .max())
                .isGreaterThanOrEqualTo(8);
    }

    private static long far() {
        return System.nanoTime() + Duration.ofMinutes(1).toNanos();
    }
}
