package io.github.rnnserving.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The engine's meters per model name (Prometheus: {@code rnn_serving_batch_size},
 * {@code rnn_serving_queue_wait_seconds}, {@code rnn_serving_forward_seconds} as histograms,
 * {@code rnn_serving_queue_depth}, {@code rnn_serving_rejected_total{reason}}). Versions of one
 * model share its meters, so a promotion continues the series.
 */
final class ServingMetrics {

    private final MeterRegistry registry;

    ServingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    <T> ModelMeters forModel(String model, T depthSource, ToDoubleFunction<T> depth) {
        Gauge.builder("rnn.serving.queue.depth", depthSource, depth)
                .description("sequences waiting for a forward pass")
                .tag("model", model)
                .register(registry);
        return new ModelMeters(
                DistributionSummary.builder("rnn.serving.batch.size")
                        .description("sequences per forward pass")
                        .tag("model", model)
                        .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
                        .register(registry),
                Timer.builder("rnn.serving.queue.wait")
                        .description("time a sequence waited in its model's queue before its forward pass began")
                        .tag("model", model)
                        .publishPercentileHistogram()
                        .register(registry),
                Timer.builder("rnn.serving.forward")
                        .description("time of one forward pass (one batch)")
                        .tag("model", model)
                        .publishPercentileHistogram()
                        .register(registry),
                Counter.builder("rnn.classify.sequences")
                        .description("sequences run through a model's forward passes (explain runs one per step)")
                        .tag("model", model)
                        .register(registry),
                registry,
                model);
    }

    record ModelMeters(
            DistributionSummary batchSize,
            Timer queueWait,
            Timer forward,
            Counter sequences,
            MeterRegistry registry,
            String model) {

        void queueWait(long nanos) {
            queueWait.record(nanos, TimeUnit.NANOSECONDS);
        }

        void forward(int sequences, long nanos) {
            batchSize.record(sequences);
            this.sequences.increment(sequences);
            forward.record(nanos, TimeUnit.NANOSECONDS);
        }

        /** A request turned away: {@code queue-full}, {@code deadline} or {@code cancelled}. */
        void rejected(String reason) {
            Counter.builder("rnn.serving.rejected")
                    .description("requests refused or dropped by the serving engine, by reason")
                    .tags("model", model, "reason", reason)
                    .register(registry)
                    .increment();
        }
    }
}
