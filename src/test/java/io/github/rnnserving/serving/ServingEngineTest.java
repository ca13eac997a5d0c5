package io.github.rnnserving.serving;

import static io.github.rnnserving.serving.RecordingPass.ofLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.rnnserving.web.ServiceBusyException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler on one forward worker: what it batches together, when it waits, what it drops.
 * The worker is held inside a pass of a "stall" queue while a test queues its work, so the batches
 * that follow are decided by the queue's rules alone, not by timing.
 */
class ServingEngineTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private ServingEngine engine;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private HeldWorker held;

    private ServingEngine engine(ServingSettings defaults) {
        engine = new ServingEngine(new ThreadPlan(2, 1, 1, 1), defaults, meters);
        held = new HeldWorker(engine);
        return engine;
    }

    private static ServingSettings settings(boolean batching, int maxBatchSize, Duration delay, int capacity) {
        return new ServingSettings(batching, maxBatchSize, delay, capacity, MINUTE);
    }

    private void holdTheWorker() {
        held.hold();
    }

    private void release() {
        held.release();
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            held.close();
            engine.destroy();
        }
    }

    @Test
    void sequencesOfDifferentRequestsShareAPassByLengthBucket() throws Exception {
        engine(settings(true, 32, Duration.ZERO, 100));
        RecordingPass pass = new RecordingPass();
        ModelQueue queue = engine.open("m", engine.defaults(), pass);
        holdTheWorker();
        List<Submission> submissions = new ArrayList<>();
        for (int length : new int[] {5, 30, 6, 31, 8, 17}) {
            submissions.add(queue.submit(List.of(ofLength(length)), far()));
        }
        release();
        for (Submission submission : submissions) {
            submission.answer().get(10, TimeUnit.SECONDS);
        }
        // 5..8 in one pass, 17..32 in another: padding never more than doubles a sequence
        assertThat(pass.batches()).containsExactly(List.of(5, 6, 8), List.of(30, 31, 17));
        assertThat(submissions.get(1).answer().get()[0][0]).isEqualTo(30f);
    }

    @Test
    void withBatchingOffEachPassHoldsOneRequest() throws Exception {
        engine(settings(false, 32, Duration.ZERO, 100));
        RecordingPass pass = new RecordingPass();
        ModelQueue queue = engine.open("m", engine.defaults(), pass);
        holdTheWorker();
        Submission first = queue.submit(List.of(ofLength(3), ofLength(4)), far());
        Submission second = queue.submit(List.of(ofLength(3), ofLength(4)), far());
        release();
        first.answer().get(10, TimeUnit.SECONDS);
        second.answer().get(10, TimeUnit.SECONDS);
        assertThat(pass.batches()).containsExactly(List.of(3, 4), List.of(3, 4));
    }

    @Test
    void aPassTakesAtMostMaxBatchSizeSequences() throws Exception {
        engine(settings(true, 2, Duration.ZERO, 100));
        RecordingPass pass = new RecordingPass();
        ModelQueue queue = engine.open("m", engine.defaults(), pass);
        holdTheWorker();
        Submission five = queue.submit(List.of(ofLength(1), ofLength(1), ofLength(1), ofLength(1), ofLength(1)), far());
        release();
        assertThat(five.answer().get(10, TimeUnit.SECONDS)).hasNumberOfRows(5);
        assertThat(pass.batches()).extracting(List::size).containsExactly(2, 2, 1);
    }

    @Test
    void theQueueThatWaitedLongestGoesFirstSoNoModelStarves() throws Exception {
        engine(settings(true, 1, Duration.ZERO, 100));
        // one pass for both models, which send different lengths: its record is the order they ran in
        RecordingPass pass = new RecordingPass();
        ModelQueue busy = engine.open("busy", engine.defaults(), pass);
        ModelQueue other = engine.open("other", engine.defaults(), pass);
        holdTheWorker();
        List<Submission> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.add(busy.submit(List.of(ofLength(2)), far()));
        }
        all.add(other.submit(List.of(ofLength(9)), far()));
        all.add(busy.submit(List.of(ofLength(2)), far()));
        release();
        for (Submission submission : all) {
            submission.answer().get(10, TimeUnit.SECONDS);
        }
        // the other model's request waits for the three queued before it, not for all of "busy"
        assertThat(pass.batches()).containsExactly(List.of(2), List.of(2), List.of(2), List.of(9), List.of(2));
    }

    @Test
    void aLoneRequestIsNotHeldForTheBatchDelay() throws Exception {
        engine(settings(true, 32, Duration.ofSeconds(1), 100));
        ModelQueue queue = engine.open("m", engine.defaults(), new RecordingPass());
        long started = System.nanoTime();
        queue.submit(List.of(ofLength(4)), far()).answer().get(10, TimeUnit.SECONDS);
        // no other request of the model was decoding, so nothing was worth the delay
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void aPartFullBatchWaitsForARequestStillDecoding() throws Exception {
        engine(settings(true, 32, Duration.ofSeconds(1), 100));
        RecordingPass pass = new RecordingPass();
        ModelQueue queue = engine.open("m", engine.defaults(), pass);
        ModelQueue.Arrival decoding = queue.arriving();
        Submission first = queue.submit(List.of(ofLength(4)), far());
        Thread.sleep(100);
        assertThat(first.answer().isDone())
                .as("held open for the request still decoding")
                .isFalse();
        Submission second = queue.submit(Sequences.of(List.of(ofLength(3))), far(), decoding);
        first.answer().get(10, TimeUnit.SECONDS);
        second.answer().get(10, TimeUnit.SECONDS);
        assertThat(pass.batches()).containsExactly(List.of(4, 3));
    }

    @Test
    void aRequestThatFailsWhileDecodingReleasesTheHeldBatch() throws Exception {
        engine(settings(true, 32, Duration.ofSeconds(1), 100));
        ModelQueue queue = engine.open("m", engine.defaults(), new RecordingPass());
        ModelQueue.Arrival decoding = queue.arriving();
        long started = System.nanoTime();
        Submission first = queue.submit(List.of(ofLength(4)), far());
        decoding.close();
        assertThat(first.answer().get(10, TimeUnit.SECONDS)).hasNumberOfRows(1);
        // the batch stopped waiting when the request it waited for failed, not after the delay
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void aFullQueueRefusesAtOnceButAnEmptyOneTakesALargeRequest() throws Exception {
        engine(settings(true, 32, Duration.ZERO, 3));
        ModelQueue queue = engine.open("m", engine.defaults(), new RecordingPass());
        holdTheWorker();
        Submission large = queue.submit(List.of(ofLength(1), ofLength(1), ofLength(1), ofLength(1)), far());
        assertThatThrownBy(() -> queue.submit(List.of(ofLength(1)), far()))
                .isInstanceOf(ServiceBusyException.class)
                .hasMessageContaining("queue holds 4 sequences and takes at most 3");
        assertThat(meters.get("rnn.serving.rejected")
                        .tags("model", "m", "reason", "queue-full")
                        .counter()
                        .count())
                .isEqualTo(1);
        release();
        assertThat(large.answer().get(10, TimeUnit.SECONDS)).hasNumberOfRows(4);
    }

    @Test
    void sequencesPastTheirDeadlineAreDroppedUnrun() throws Exception {
        engine(settings(true, 32, Duration.ZERO, 100));
        RecordingPass pass = new RecordingPass();
        ModelQueue queue = engine.open("m", engine.defaults(), pass);
        holdTheWorker();
        Submission expiring = queue.submit(List.of(ofLength(7)), System.nanoTime() + 50_000_000);
        Thread.sleep(100);
        release();
        assertThatThrownBy(() -> expiring.answer().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(ServiceBusyException.class)
                .hasMessageContaining("time limit");
        assertThat(pass.batches()).isEmpty();
    }

    @Test
    void cancellingTakesTheWaitingSequencesOut() throws Exception {
        engine(settings(true, 32, Duration.ZERO, 100));
        RecordingPass pass = new RecordingPass();
        ModelQueue queue = engine.open("m", engine.defaults(), pass);
        holdTheWorker();
        Submission cancelled = queue.submit(List.of(ofLength(2), ofLength(2), ofLength(2)), far());
        assertThat(queue.depth()).isEqualTo(3);
        cancelled.cancel(new IllegalStateException("the client went away"));
        assertThat(queue.depth()).isZero();
        Submission next = queue.submit(List.of(ofLength(2)), far());
        release();
        next.answer().get(10, TimeUnit.SECONDS);
        assertThat(pass.batches()).containsExactly(List.of(2));
    }

    @Test
    void closingAQueueWaitsForItsRunningPassAndFailsWhatWaits() throws Exception {
        engine(settings(true, 1, Duration.ZERO, 100));
        RecordingPass pass = new RecordingPass();
        ModelQueue queue = engine.open("m", engine.defaults(), pass);
        pass.close();
        Submission running = queue.submit(List.of(ofLength(1)), far());
        Submission waiting = queue.submit(List.of(ofLength(1)), far());
        await().until(() -> queue.depth() == 1);
        Thread closer = new Thread(() -> engine.close(queue, new IllegalStateException("unloaded")));
        closer.start();
        closer.join(200);
        assertThat(closer.isAlive()).as("close waits for the running pass").isTrue();
        pass.open();
        closer.join(10_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(running.answer().get(10, TimeUnit.SECONDS)).hasNumberOfRows(1);
        assertThatThrownBy(() -> waiting.answer().get(10, TimeUnit.SECONDS)).hasMessageContaining("unloaded");
    }

    private static long far() {
        return System.nanoTime() + MINUTE.toNanos();
    }
}
