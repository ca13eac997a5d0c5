package io.github.rnnserving.jobs;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.model.ModelManifest;
import io.github.rnnserving.registry.ModelRegistry;
import io.github.rnnserving.registry.ServedModel;
import io.github.rnnserving.training.Checkpoints;
import io.github.rnnserving.training.ClassificationMetrics;
import io.github.rnnserving.training.LanguageModelMetrics;
import io.github.rnnserving.training.TrainingCancelledException;
import io.github.rnnserving.training.TrainingOutcome;
import io.github.rnnserving.training.TrainingPipeline;
import io.github.rnnserving.training.TrainingRequest;
import io.github.rnnserving.web.PublicText;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one training job when the scheduler hands it over: marks it RUNNING, trains with a
 * checkpoint per epoch under {@code <state-dir>/checkpoints/<id>} (so a job restarted after a crash
 * resumes after its last finished epoch), registers the new version and applies the promotion
 * policy. Every outcome ends in the job's row; nothing escapes to the scheduler, except a
 * shutdown, which puts the job back in the queue at its original place.
 */
final class TrainingJobRunner implements ExecutionHandler<Void> {

    private static final Logger log = LoggerFactory.getLogger(TrainingJobRunner.class);
    private static final long CANCEL_CHECK_NANOS = 500_000_000L;

    private final TrainingJobRepository jobs;
    private final ModelRegistry registry;
    private final RnnProperties properties;
    private final JobRequests requests;
    private final String instanceName;

    TrainingJobRunner(
            TrainingJobRepository jobs, ModelRegistry registry, RnnProperties properties, String instanceName) {
        this.jobs = jobs;
        this.registry = registry;
        this.properties = properties;
        this.requests = new JobRequests(properties.dataPath());
        this.instanceName = instanceName;
    }

    @Override
    public CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
        String id = instance.getId();
        TrainingJob job = jobs.find(id).orElse(null);
        if (job == null || job.state().isTerminal() || !jobs.start(id, instanceName)) {
            return remove();
        }
        job = jobs.find(id).orElseThrow();
        Checkpoints checkpoints = new Checkpoints(checkpointFolder(id));
        if (job.attempts() > properties.jobs().maxAttempts()) {
            jobs.fail(
                    id,
                    "the job was started " + (job.attempts() - 1) + " times and the process running it"
                            + " stopped each time (rnn.jobs.max-attempts "
                            + properties.jobs().maxAttempts() + ")");
            checkpoints.delete();
            return remove();
        }
        log.info("training job {} ({}) starts, attempt {}", id, job.model(), job.attempts());
        BooleanSupplier stop = stopSignal(id, context);
        try {
            TrainingRequest request = requests.toTrainingRequest(job.request());
            ProgressRecorder progress =
                    new ProgressRecorder(properties.jobs().progressInterval(), update -> jobs.progress(id, update));
            TrainingOutcome outcome =
                    new TrainingPipeline().run(request, registry.modelsDir(), checkpoints, progress, stop);
            finish(job, outcome);
        } catch (TrainingCancelledException e) {
            if (context.getSchedulerState().isShuttingDown()) {
                log.info("training job {} goes back to the queue: this instance is shutting down", id);
                jobs.requeue(id);
                Instant originalPlace = job.createdAt();
                return (complete, operations) -> operations.reschedule(complete, originalPlace);
            }
            jobs.cancelled(id);
            checkpoints.delete();
            log.info("training job {} cancelled", id);
        } catch (RuntimeException | Error e) {
            // an Error too (a native library failing to link, out of memory): the row must not
            // stay RUNNING with nobody running it
            log.warn("training job {} failed: {}", id, e.toString());
            jobs.fail(id, reason(e));
            checkpoints.delete();
        }
        return remove();
    }

    private void finish(TrainingJob job, TrainingOutcome outcome) {
        ModelManifest manifest = outcome.manifest();
        String name = manifest.name();
        boolean firstVersion = !registry.names().contains(name);
        registry.registerNew(outcome.bundle());
        PromotionPolicy policy = job.request().promote() == null
                ? PromotionPolicy.NEVER
                : job.request().promote();
        Promotion promotion;
        if (firstVersion) {
            promotion = Promotion.plain(true, "the model's first version serves at once");
        } else if (policy == PromotionPolicy.ALWAYS) {
            registry.promote(name, manifest.version());
            promotion = Promotion.plain(true, "promote: always");
        } else if (policy == PromotionPolicy.IF_BETTER) {
            ServedModel serving = registry.acquire(name);
            try {
                promotion = outcome.isGenerator()
                        ? Promotion.ofGenerator(outcome, serving)
                        : Promotion.ofClassifier(outcome, serving);
            } finally {
                serving.release();
            }
            if (promotion.promoted()) {
                registry.promote(name, manifest.version());
            }
        } else {
            promotion = Promotion.plain(
                    false,
                    "promote: never; POST /models/" + name + "/versions/" + manifest.version() + "/promote serves it");
        }
        JobResult result =
                outcome.isGenerator() ? generatorResult(outcome, promotion) : classifierResult(outcome, promotion);
        jobs.succeed(job.id(), manifest.version(), result);
        log.info(
                "training job {} wrote {} version {} ({}); {}",
                job.id(),
                name,
                manifest.version(),
                outcome.isGenerator()
                        ? "test bits per character " + outcome.generation().bitsPerCharacter()
                        : "test accuracy " + outcome.test().accuracy(),
                promotion.reason());
    }

    private static JobResult classifierResult(TrainingOutcome outcome, Promotion promotion) {
        ClassificationMetrics test = outcome.test();
        return new JobResult(
                test.accuracy(),
                test.macroF1(),
                (int) test.total(),
                outcome.result().bestEpoch(),
                outcome.result().bestValidationAccuracy(),
                outcome.result().stoppedEarly(),
                outcome.result().trainingSeconds(),
                test.perClass(),
                promotion.promoted(),
                promotion.servingAccuracy(),
                promotion.reason(),
                null,
                null,
                null,
                null,
                null);
    }

    private static JobResult generatorResult(TrainingOutcome outcome, Promotion promotion) {
        LanguageModelMetrics test = outcome.generation();
        return new JobResult(
                null,
                null,
                test.texts(),
                outcome.result().bestEpoch(),
                null,
                outcome.result().stoppedEarly(),
                outcome.result().trainingSeconds(),
                null,
                promotion.promoted(),
                null,
                promotion.reason(),
                ModelManifest.TASK_GENERATE,
                outcome.result().bestValidationBitsPerCharacter(),
                test.bitsPerCharacter(),
                test.perplexity(),
                promotion.servingBitsPerCharacter());
    }

    private BooleanSupplier stopSignal(String id, ExecutionContext context) {
        return new BooleanSupplier() {
            private long lastCheck = System.nanoTime();
            private boolean cancelled;

            @Override
            public boolean getAsBoolean() {
                if (context.getSchedulerState().isShuttingDown()) {
                    return true;
                }
                long now = System.nanoTime();
                if (!cancelled && now - lastCheck > CANCEL_CHECK_NANOS) {
                    lastCheck = now;
                    cancelled = jobs.isCancelRequested(id);
                }
                return cancelled;
            }
        };
    }

    Path checkpointFolder(String id) {
        return properties.stateDir().resolve("checkpoints").resolve(id);
    }

    /**
     * The job's {@code failure}, which clients read: paths inside the data, models or state folder
     * named relative to it, any other path by its file name, no Java class names (the log has the
     * full text).
     */
    private String reason(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "training stopped on an unexpected error; the server log has the details under this job's id";
        }
        for (Path root : List.of(properties.dataPath(), registry.modelsDir(), properties.stateDir())) {
            String prefix = root.toAbsolutePath().normalize() + java.io.File.separator;
            message = message.replace(prefix, "");
        }
        return PublicText.clean(message);
    }

    private static CompletionHandler<Void> remove() {
        return (complete, operations) -> operations.remove();
    }
}
