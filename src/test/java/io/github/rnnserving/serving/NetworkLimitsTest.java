package io.github.rnnserving.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a network can take bounds its queue's batches, whatever the settings ask for: one sequence
 * a pass for a module that fails or answers differently with several, one length a pass for a
 * module given no lengths (it cannot tell padding from steps).
 */
class NetworkLimitsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final ServingSettings BATCHING = new ServingSettings(true, 32, Duration.ZERO, 100, MINUTE);

    private final ServingEngine engine =
            new ServingEngine(new ThreadPlan(2, 1, 1, 1), BATCHING, new SimpleMeterRegistry());
    private final HeldWorker held = new HeldWorker(engine);

    @AfterEach
    void stop() {
        held.close();
        engine.destroy();
    }

    @Test
    void aNetworkThatTakesOneInputAPassIsNeverHandedTwo() throws Exception {
        ServingSettings settings = BATCHING.limitedTo(true, false);
        assertThat(settings.maxBatchSize()).isEqualTo(1);
        assertThat(settings.warmUpBatchSizes()).containsExactly(1);

        List<List<Integer>> batches = run(settings, List.of(List.of(5, 5, 6), List.of(5, 28), List.of(28)));

        assertThat(batches).hasSize(6).allSatisfy(batch -> assertThat(batch).hasSize(1));
    }

    @Test
    void aNetworkGivenNoLengthsGetsOneLengthAPass() throws Exception {
        ServingSettings settings = BATCHING.limitedTo(false, true);
        assertThat(settings.maxBatchSize()).isEqualTo(32);

        List<List<Integer>> batches = run(settings, List.of(List.of(5, 6, 8), List.of(5, 7, 6), List.of(8, 5)));

        // padded buckets would have run 5..8 together in one pass
        assertThat(batches).containsExactly(List.of(5, 5, 5), List.of(6, 6), List.of(8, 8), List.of(7));
    }

    @Test
    void aServingFileCannotLiftTheLimits() {
        ServingSettings asked = new ServingFile(true, 64, null, null, null).over(BATCHING);
        ServingSettings limited = asked.limitedTo(true, true);
        assertThat(limited.maxBatchSize()).isEqualTo(1);
        assertThat(limited.equalLengthsOnly()).isTrue();
        assertThat(BATCHING.limitedTo(false, false)).isEqualTo(BATCHING);
    }

    /** Queues each request's sequences while the worker is held, then lets the batches run. */
    private List<List<Integer>> run(ServingSettings settings, List<List<Integer>> requests) throws Exception {
        RecordingPass pass = new RecordingPass();
        ModelQueue queue = engine.open("limited", settings, pass);
        held.hold();
        List<Submission> submissions = new ArrayList<>();
        for (List<Integer> lengths : requests) {
            submissions.add(queue.submit(
                    lengths.stream().map(RecordingPass::ofLength).toList(), System.nanoTime() + MINUTE.toNanos()));
        }
        held.release();
        for (int i = 0; i < submissions.size(); i++) {
            float[][] answers = submissions.get(i).answer().get(10, TimeUnit.SECONDS);
            for (int k = 0; k < answers.length; k++) {
                assertThat(answers[k][0]).isEqualTo(requests.get(i).get(k).floatValue());
            }
        }
        return pass.batches();
    }
}
