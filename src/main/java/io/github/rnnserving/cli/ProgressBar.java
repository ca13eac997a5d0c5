package io.github.rnnserving.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Shows training progress as one line per update, for example (wrapped here, one line on screen):
 *
 * <pre>
 * [=======>                      ] epoch 2/10  step 120/469  loss 0.4123  acc 0.87
 *     1234 samples/s  ETA 00:01:23
 * </pre>
 *
 * <p>On a terminal ({@code interactive}) the line is redrawn in place with {@code '\r'}, at most
 * about ten times a second so that printing never slows training down. Elsewhere, such as a CI
 * log, a plain line is printed only when both another tenth of the epoch is done and {@code
 * plainInterval} has passed since the previous line, which bounds a log to ten lines per epoch
 * however fast the epochs are, plus one summary line each.
 *
 * <p>The ETA is the average step time of the run so far times the steps left: the rest of this
 * epoch plus every later epoch, assumed to have as many steps as this one.
 *
 * <p>Not thread-safe: call it from the training loop's thread.
 */
public final class ProgressBar {

    static final int BAR_WIDTH = 30;
    static final Duration DEFAULT_PLAIN_INTERVAL = Duration.ofSeconds(30);

    private static final long REDRAW_INTERVAL_NANOS = Duration.ofMillis(100).toNanos();
    private static final int PLAIN_LINES_PER_EPOCH = 10;
    private static final long NANOS_PER_SECOND = Duration.ofSeconds(1).toNanos();

    private final PrintStream out;
    private final boolean interactive;
    private final long plainIntervalNanos;
    private final LongSupplier nanoTime;

    private boolean runStarted;
    private boolean inEpoch;
    private int epoch;
    private int epochs;
    private int steps;
    private long epochStartNanos;
    private long finishedEpochsNanos;
    private long finishedEpochsSteps;

    private boolean updated;
    private int step;
    private double loss;
    private double accuracy;
    private long samplesDone;
    private long lastUpdateNanos;

    private long lastOutputNanos;
    private boolean lastUpdateShown;
    private int shownInEpoch;
    private int redrawnLength;
    private int nextPlainTenth;
    private boolean bitsPerCharacter;

    /** A progress bar on the real clock that logs a plain line at most every 30 seconds. */
    public ProgressBar(PrintStream out, boolean interactive) {
        this(out, interactive, DEFAULT_PLAIN_INTERVAL, System::nanoTime);
    }

    /**
     * @param out where to print
     * @param interactive whether {@code out} is a terminal that honours {@code '\r'}
     * @param plainInterval least time between two plain lines when not interactive
     * @param nanoTime a monotonic clock in nanoseconds, such as {@link System#nanoTime}
     */
    public ProgressBar(PrintStream out, boolean interactive, Duration plainInterval, LongSupplier nanoTime) {
        this.out = Objects.requireNonNull(out, "out");
        this.interactive = interactive;
        this.plainIntervalNanos =
                Objects.requireNonNull(plainInterval, "plainInterval").toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        if (plainIntervalNanos < 0) {
            throw new IllegalArgumentException("plainInterval must not be negative");
        }
    }

    /**
     * Whether standard output looks like a terminal, where redrawing in place works. On Java 17
     * the console is absent whenever input or output is redirected, which is what CI does.
     */
    public static boolean isConsoleInteractive() {
        return System.console() != null;
    }

    /**
     * Shows the running loss in bits per character ({@code loss / ln 2}) instead of the accuracy: a
     * language model's loss is per character, and its next-character accuracy says little.
     */
    public void showBitsPerCharacter() {
        bitsPerCharacter = true;
    }

    /**
     * Begins an epoch.
     *
     * @param epoch this epoch's number, counting from 1
     * @param epochs how many epochs the run has
     * @param steps how many steps (batches) this epoch has
     */
    public void startEpoch(int epoch, int epochs, int steps) {
        if (epochs < 1 || epoch < 1 || epoch > epochs) {
            throw new IllegalArgumentException("epoch must be in [1, epochs], got " + epoch + "/" + epochs);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (inEpoch) {
            throw new IllegalStateException("epoch " + this.epoch + " has not ended");
        }
        long now = nanoTime.getAsLong();
        if (!runStarted) {
            runStarted = true;
            lastOutputNanos = now;
        }
        inEpoch = true;
        this.epoch = epoch;
        this.epochs = epochs;
        this.steps = steps;
        epochStartNanos = now;
        lastUpdateNanos = now;
        updated = false;
        step = 0;
        shownInEpoch = 0;
        redrawnLength = 0;
        nextPlainTenth = 1;
    }

    /**
     * Records progress and prints it if the throttle allows.
     *
     * @param step steps finished in this epoch; values outside {@code [0, steps]} are clamped
     *     rather than rejected, as a wrong count must not stop training
     * @param loss running mean loss of this epoch
     * @param accuracy running accuracy of this epoch, in {@code [0, 1]}
     * @param samplesDone examples processed in this epoch, for the throughput
     */
    public void update(int step, double loss, double accuracy, long samplesDone) {
        if (!inEpoch) {
            throw new IllegalStateException("update called outside an epoch");
        }
        long now = nanoTime.getAsLong();
        this.step = Math.max(0, Math.min(step, steps));
        this.loss = loss;
        this.accuracy = accuracy;
        this.samplesDone = samplesDone;
        lastUpdateNanos = now;
        updated = true;
        lastUpdateShown = false;
        if (interactive) {
            boolean due = shownInEpoch == 0 || this.step == steps || now - lastOutputNanos >= REDRAW_INTERVAL_NANOS;
            if (due) {
                redraw(now);
            }
        } else {
            int tenth = (int) ((long) this.step * PLAIN_LINES_PER_EPOCH / steps);
            if (tenth >= nextPlainTenth && now - lastOutputNanos >= plainIntervalNanos) {
                out.println(render());
                markShown(now);
                nextPlainTenth = tenth + 1;
            }
        }
    }

    /**
     * Ends the epoch: on a terminal, leaves its final bar on screen; then prints {@code
     * summaryLine} on a line of its own unless it is empty.
     */
    public void endEpoch(String summaryLine) {
        Objects.requireNonNull(summaryLine, "summaryLine");
        if (!inEpoch) {
            throw new IllegalStateException("endEpoch called outside an epoch");
        }
        long now = nanoTime.getAsLong();
        if (interactive && updated && !lastUpdateShown) {
            redraw(now);
        }
        if (interactive && shownInEpoch > 0) {
            out.println();
        }
        if (!summaryLine.isEmpty()) {
            out.println(summaryLine);
            lastOutputNanos = now;
        }
        out.flush();
        if (updated) {
            finishedEpochsNanos += lastUpdateNanos - epochStartNanos;
            finishedEpochsSteps += step;
        }
        inEpoch = false;
    }

    private void redraw(long now) {
        String line = render();
        // Blank out the tail of a longer previous line, which '\r' alone would leave behind.
        String padding = " ".repeat(Math.max(0, redrawnLength - line.length()));
        out.print('\r' + line + padding);
        out.flush();
        redrawnLength = line.length();
        markShown(now);
    }

    private void markShown(long now) {
        lastOutputNanos = now;
        lastUpdateShown = true;
        shownInEpoch++;
    }

    String render() {
        int stepWidth = Integer.toString(steps).length();
        return String.format(
                Locale.ROOT,
                "[%s] epoch %d/%d  step %" + stepWidth + "d/%d  loss %.4f  %s  %s samples/s" + "  ETA %s",
                bar(),
                epoch,
                epochs,
                step,
                steps,
                loss,
                bitsPerCharacter
                        ? String.format(Locale.ROOT, "bpc %.3f", loss / Math.log(2))
                        : String.format(Locale.ROOT, "acc %.2f", accuracy),
                throughput(),
                eta());
    }

    private String bar() {
        int filled = (int) ((long) step * BAR_WIDTH / steps);
        if (filled >= BAR_WIDTH) {
            return "=".repeat(BAR_WIDTH);
        }
        return "=".repeat(filled) + ">" + " ".repeat(BAR_WIDTH - filled - 1);
    }

    private String throughput() {
        long elapsed = lastUpdateNanos - epochStartNanos;
        if (elapsed <= 0) {
            return "-";
        }
        return Long.toString(Math.round(samplesDone * (double) NANOS_PER_SECOND / elapsed));
    }

    private String eta() {
        long stepsDone = finishedEpochsSteps + step;
        if (stepsDone == 0) {
            return "--:--:--";
        }
        long elapsed = finishedEpochsNanos + (lastUpdateNanos - epochStartNanos);
        long stepsLeft = (steps - step) + (long) (epochs - epoch) * steps;
        double secondsLeft = (double) elapsed / stepsDone * stepsLeft / NANOS_PER_SECOND;
        long seconds = Math.round(secondsLeft);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
