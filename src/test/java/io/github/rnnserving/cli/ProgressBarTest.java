package io.github.rnnserving.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final FakeClock clock = new FakeClock();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    @Test
    void rendersBarCountersThroughputAndEta() {
        ProgressBar progress = plain(Duration.ZERO);
        progress.startEpoch(1, 10, 400);

        clock.advanceMillis(10_000);
        progress.update(100, 0.41234, 0.8712, 3200);

        // 0.1 s per step; 300 steps left in this epoch + 9 * 400 later = 3900 steps = 390 s.
        assertThat(progress.render())
                .isEqualTo("[=======>                      ] epoch 1/10  step 100/400  loss 0.4123  acc 0.87"
                        + "  320 samples/s  ETA 00:06:30");
    }

    @Test
    void padsStepSoTheLineKeepsItsWidth() {
        ProgressBar progress = plain(Duration.ZERO);
        progress.startEpoch(3, 3, 469);

        clock.advanceMillis(1_000);
        progress.update(7, 1.0, 0.5, 448);

        assertThat(progress.render().contains("  step   7/469  "))
                .as(progress.render())
                .isTrue();
    }

    @Test
    void rendersEmptyAndFullBar() {
        ProgressBar progress = plain(Duration.ZERO);
        progress.startEpoch(1, 1, 10);

        progress.update(0, 2.5, 0, 0);
        assertThat(progress.render())
                .isEqualTo("[>                             ] epoch 1/1  step  0/10  loss 2.5000  acc 0.00"
                        + "  - samples/s  ETA --:--:--");

        clock.advanceMillis(2_000);
        progress.update(10, 0.5, 1, 640);
        assertThat(progress.render())
                .isEqualTo("[==============================] epoch 1/1  step 10/10  loss 0.5000  acc 1.00"
                        + "  320 samples/s  ETA 00:00:00");
    }

    @Test
    void clampsStepOutsideTheEpoch() {
        ProgressBar progress = plain(Duration.ZERO);
        progress.startEpoch(1, 1, 10);
        clock.advanceMillis(1_000);

        progress.update(12, 0.5, 0.5, 10);

        assertThat(progress.render().contains("step 10/10"))
                .as(progress.render())
                .isTrue();
    }

    @Test
    void etaAveragesStepTimeOverTheRunAndSkipsTimeBetweenEpochs() {
        ProgressBar progress = plain(Duration.ZERO);
        progress.startEpoch(1, 10, 400);
        clock.advanceMillis(40_000);
        progress.update(400, 0.5, 0.8, 12_800);
        progress.endEpoch("epoch 1 done");

        clock.advanceMillis(10_000); // validation, not a training step
        progress.startEpoch(2, 10, 400);
        clock.advanceMillis(20_000);
        progress.update(200, 0.4, 0.85, 6_400);

        // 600 steps in 60 s of stepping = 0.1 s per step; 200 + 8 * 400 = 3400 steps left.
        assertThat(progress.render().endsWith("ETA 00:05:40"))
                .as(progress.render())
                .isTrue();
    }

    @Test
    void etaShowsHoursBeyondOneDay() {
        ProgressBar progress = plain(Duration.ZERO);
        progress.startEpoch(1, 100, 1000);
        clock.advanceMillis(10_000);

        progress.update(1, 1, 0, 32);

        // 10 s per step, 999 + 99 * 1000 = 99,999 steps left = 999,990 s.
        assertThat(progress.render().endsWith("ETA 277:46:30"))
                .as(progress.render())
                .isTrue();
    }

    @Test
    void interactiveRedrawsInPlaceAtMostTenTimesASecond() {
        ProgressBar progress = new ProgressBar(out, true, Duration.ZERO, clock::nanoTime);
        progress.startEpoch(1, 1, 100);

        int[] millisBetweenUpdates = {0, 50, 49, 1, 50, 100, 10};
        int step = 0;
        for (int millis : millisBetweenUpdates) {
            clock.advanceMillis(millis);
            progress.update(++step, 1.0, 0.5, step * 32L);
        }

        // Drawn at 0 ms (first), 100 ms and 250 ms; the others fall within 100 ms of a redraw.
        List<String> redraws = redraws();
        assertThat(redraws.size()).as(buffer.toString(StandardCharsets.UTF_8)).isEqualTo(3);
        assertThat(redraws.get(0).contains("step   1/100")).isTrue();
        assertThat(redraws.get(1).contains("step   4/100")).isTrue();
        assertThat(redraws.get(2).contains("step   6/100")).isTrue();
        assertThat(buffer.toString(StandardCharsets.UTF_8).contains("\n")).isFalse();
    }

    @Test
    void interactiveAlwaysDrawsTheLastStep() {
        ProgressBar progress = new ProgressBar(out, true, Duration.ZERO, clock::nanoTime);
        progress.startEpoch(1, 1, 3);

        progress.update(1, 1.0, 0.5, 32);
        clock.advanceMillis(10);
        progress.update(2, 1.0, 0.5, 64);
        clock.advanceMillis(10);
        progress.update(3, 1.0, 0.5, 96);

        List<String> redraws = redraws();
        assertThat(redraws.size()).isEqualTo(2);
        assertThat(redraws.get(1).contains("step 3/3")).isTrue();
    }

    @Test
    void interactiveEndEpochShowsThrottledFinalStateThenSummary() {
        ProgressBar progress = new ProgressBar(out, true, Duration.ZERO, clock::nanoTime);
        progress.startEpoch(1, 2, 10);
        progress.update(1, 1.0, 0.5, 32);
        clock.advanceMillis(10);
        progress.update(5, 0.9, 0.6, 160);

        progress.endEpoch("epoch 1/2  val_loss 0.8000");

        String text = buffer.toString(StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        assertThat(lines.length).as(text).isEqualTo(3);
        assertThat(lines[0].endsWith(progress.render())).as(text).isTrue();
        assertThat(lines[0].contains("step  5/10")).as(text).isTrue();
        assertThat(lines[1]).isEqualTo("epoch 1/2  val_loss 0.8000");
        assertThat(lines[2]).isEqualTo("");
    }

    @Test
    void interactiveBlanksLeftoversOfALongerLine() {
        ProgressBar progress = new ProgressBar(out, true, Duration.ZERO, clock::nanoTime);
        progress.startEpoch(1, 1, 100);
        clock.advanceMillis(1_000);
        progress.update(1, 12.0, 0.5, 100_000);
        clock.advanceMillis(1_000);
        progress.update(2, 1.0, 0.5, 64);

        List<String> redraws = redraws();
        assertThat(redraws.size()).isEqualTo(2);
        assertThat(progress.render().length() < redraws.get(0).length()).isTrue();
        assertThat(redraws.get(1).length()).isEqualTo(redraws.get(0).length());
        assertThat(redraws.get(1).startsWith(progress.render())).isTrue();
        assertThat(redraws.get(1).endsWith(" ")).isTrue();
    }

    @Test
    void plainPrintsOnlyWhenATenthIsDoneAndTheIntervalHasPassed() {
        ProgressBar progress = plain(Duration.ofSeconds(30));
        progress.startEpoch(1, 1, 100);

        for (int step = 1; step <= 100; step++) {
            clock.advanceMillis(1_000);
            progress.update(step, 0.5, 0.5, step * 32L);
        }
        progress.endEpoch("done");

        // Tenths pass every 10 s but lines are 30 s apart: steps 30, 60 and 90, then the summary.
        String[] lines = buffer.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines.length).as(String.join("\n", lines)).isEqualTo(4);
        assertThat(lines[0].contains("step  30/100")).as(lines[0]).isTrue();
        assertThat(lines[1].contains("step  60/100")).as(lines[1]).isTrue();
        assertThat(lines[2].contains("step  90/100")).as(lines[2]).isTrue();
        assertThat(lines[3]).isEqualTo("done");
        assertThat(buffer.toString(StandardCharsets.UTF_8).contains("\r")).isFalse();
    }

    @Test
    void plainPrintsAtMostTenLinesPerSlowEpoch() {
        ProgressBar progress = plain(Duration.ofSeconds(30));
        progress.startEpoch(1, 1, 1000);

        for (int step = 1; step <= 1000; step++) {
            clock.advanceMillis(60_000);
            progress.update(step, 0.5, 0.5, step);
        }

        String[] lines = buffer.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines.length).isEqualTo(10);
        assertThat(lines[0].contains("step  100/1000")).as(lines[0]).isTrue();
        assertThat(lines[9].contains("step 1000/1000")).as(lines[9]).isTrue();
    }

    @Test
    void plainPrintsOnlySummariesForFastEpochs() {
        ProgressBar progress = plain(Duration.ofSeconds(30));
        for (int epoch = 1; epoch <= 3; epoch++) {
            progress.startEpoch(epoch, 3, 100);
            for (int step = 1; step <= 100; step++) {
                clock.advanceMillis(10);
                progress.update(step, 0.5, 0.5, step * 32L);
            }
            progress.endEpoch("epoch " + epoch);
        }

        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo("epoch 1\nepoch 2\nepoch 3\n");
    }

    @Test
    void emptySummaryPrintsNothing() {
        ProgressBar progress = plain(Duration.ofSeconds(30));
        progress.startEpoch(1, 1, 10);
        progress.update(1, 0.5, 0.5, 32);

        progress.endEpoch("");

        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo("");
    }

    @Test
    void rejectsCallsOutOfOrderAndBadArguments() {
        ProgressBar progress = plain(Duration.ZERO);

        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> progress.update(1, 0, 0, 0));
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> progress.endEpoch("x"));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> progress.startEpoch(0, 1, 10));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> progress.startEpoch(2, 1, 10));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> progress.startEpoch(1, 1, 0));
        progress.startEpoch(1, 2, 10);
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> progress.startEpoch(2, 2, 10));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new ProgressBar(out, false, Duration.ofSeconds(-1), clock::nanoTime));
    }

    private ProgressBar plain(Duration interval) {
        return new ProgressBar(out, false, interval, clock::nanoTime);
    }

    /** What follows each '\r' in the output, in order. */
    private List<String> redraws() {
        String[] parts = buffer.toString(StandardCharsets.UTF_8).split("\r", -1);
        return Arrays.asList(parts).subList(1, parts.length);
    }

    /** A monotonic clock that moves only when told, starting away from zero as real ones do. */
    private static final class FakeClock {
        private long nanos = 1_000_000_000_000L;

        long nanoTime() {
            return nanos;
        }

        void advanceMillis(long millis) {
            nanos += Duration.ofMillis(millis).toNanos();
        }
    }
}
