package io.github.rnnserving.session;

import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.model.Probabilities;
import io.github.rnnserving.model.StreamingState;
import io.github.rnnserving.registry.ConflictException;
import io.github.rnnserving.registry.ModelRegistry;
import io.github.rnnserving.registry.ServedModel;
import io.github.rnnserving.serving.ModelQueue;
import io.github.rnnserving.serving.PendingAnswer;
import io.github.rnnserving.serving.RequestDeadline;
import io.github.rnnserving.serving.Sequences;
import io.github.rnnserving.serving.Submission;
import io.github.rnnserving.web.InvalidInputException;
import io.github.rnnserving.web.ServiceBusyException;
import io.github.rnnserving.web.TopK;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Streaming sessions on one instance: each pins a model version and keeps the hidden state its
 * steps reached, and nothing else (no text, no rows). Steps ride the model's streaming queue in
 * the serving engine, so steps of different sessions share forward passes as {@code /classify}'s
 * requests do. Every answer also hands the state out as a sealed token ({@link StateTokens}), which
 * {@link #open} takes back on any instance that shares the key.
 */
@Service
public class SessionService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);
    private static final int ID_BYTES = 16;

    private final ModelRegistry registry;
    private final RnnProperties.Sessions limits;
    private final StateTokens tokens;
    private final StepInputs inputs;
    private final MeterRegistry meters;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService sweeper;

    public SessionService(ModelRegistry registry, RnnProperties properties, ObjectProvider<MeterRegistry> meters) {
        this.registry = registry;
        this.limits = properties.sessions();
        this.tokens = new StateTokens(SessionKeys.resolve(limits.key(), properties.stateDir()));
        this.inputs = new StepInputs(limits);
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        Gauge.builder("rnn.sessions.active", sessions, Map::size)
                .description("streaming sessions open on this instance")
                .register(this.meters);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "session-expiry");
            thread.setDaemon(true);
            return thread;
        });
        long period = sweepPeriod(limits.idleTtl()).toMillis();
        sweeper.scheduleWithFixedDelay(this::expireIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** Idle sessions are found within a tenth of their time to live, at most every 30 s. */
    static Duration sweepPeriod(Duration idleTtl) {
        Duration tenth = idleTtl.dividedBy(10);
        Duration floor = Duration.ofMillis(50);
        Duration ceiling = Duration.ofSeconds(30);
        return tenth.compareTo(floor) < 0 ? floor : tenth.compareTo(ceiling) > 0 ? ceiling : tenth;
    }

    /** Opens a session at the serving version, a given one, or where a state token left off. */
    public SessionResponses.Session open(SessionRequests.Open request) {
        if (request.model() == null || request.model().isBlank()) {
            throw new InvalidInputException("model", "model is required: the name of a model from GET /models");
        }
        SessionState carried = request.state() == null ? null : carriedState(request);
        String version = carried != null ? carried.version() : request.version();
        if (version != null && !version.isBlank()) {
            registry.servingManifest(request.model()); // a model never registered is a 404, not a 409
            if (carried != null && !registry.exists(request.model(), version)) {
                throw new ConflictException("version " + version + " of model '" + request.model() + "', which this"
                        + " state was read by, has been deleted: the state cannot go on; open a new session");
            }
        }
        ServedModel model = version == null || version.isBlank()
                ? registry.acquire(request.model())
                : registry.acquireVersion(request.model(), version);
        try {
            if (model.isGenerator()) {
                throw new InvalidInputException(
                        "model",
                        "model '" + request.model() + "' generates text rather than classifying it: sample it with"
                                + " POST /generate; sessions feed classifiers");
            }
            StreamingState.refusal(model.manifest()).ifPresent(reason -> {
                throw new ConflictException(reason);
            });
            SessionState start = carried != null ? checkedAgainst(carried, model) : fresh(model);
            Session session = register(model, start);
            Counter.builder("rnn.sessions.opened")
                    .description("streaming sessions opened, fresh or from a state token")
                    .tags("model", model.manifest().name(), "from", carried == null ? "new" : "state")
                    .register(meters)
                    .increment();
            return view(session);
        } catch (RuntimeException e) {
            model.release();
            throw e;
        }
    }

    private SessionState carriedState(SessionRequests.Open request) {
        SessionState carried;
        try {
            carried = tokens.open(request.state());
        } catch (InvalidStateTokenException e) {
            throw new InvalidInputException("state", e.getMessage(), e);
        }
        if (!carried.model().equals(request.model())) {
            throw new InvalidInputException(
                    "state",
                    "this state was read by model '" + carried.model() + "', not '" + request.model()
                            + "': open the session on the model that read it");
        }
        if (request.version() != null && !request.version().equals(carried.version())) {
            throw new InvalidInputException(
                    "state",
                    "this state was read by version " + carried.version() + " of model '" + carried.model()
                            + "', not version " + request.version() + ": leave version out to go on where it left off");
        }
        return carried;
    }

    private SessionState checkedAgainst(SessionState carried, ServedModel model) {
        int size = StreamingState.size(model.manifest().architecture());
        if (carried.hidden().length != size) {
            throw new InvalidInputException(
                    "state", "this state does not fit the network of model '" + carried.model() + "'");
        }
        int maxSteps = inputs.maxSteps(model);
        if (carried.steps() > maxSteps) {
            throw new InvalidInputException(
                    "state",
                    "this state has read " + carried.steps() + " steps; a session of this model reads at most "
                            + maxSteps);
        }
        return carried;
    }

    private static SessionState fresh(ServedModel model) {
        return new SessionState(
                model.manifest().name(),
                model.manifest().version(),
                0,
                0,
                StreamingState.initial(model.manifest().architecture()));
    }

    private synchronized Session register(ServedModel model, SessionState start) {
        if (sessions.size() >= limits.maxActive()) {
            expireIdle();
        }
        if (sessions.size() >= limits.maxActive()) {
            throw new ServiceBusyException("this instance holds its most streaming sessions ("
                    + limits.maxActive() + ", rnn.sessions.max-active); retry later, or close sessions you no longer"
                    + " use with DELETE /sessions/{id}");
        }
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Session session = new Session(id, model, start, System.nanoTime());
        sessions.put(id, session);
        return session;
    }

    public SessionResponses.Session get(String id) {
        return view(live(id));
    }

    /** Ends a session and frees its state. */
    public void delete(String id) {
        close(live(id), "deleted");
    }

    /**
     * Reads the next piece and queues it; the answer completes once its forward pass has run. A
     * failed step (deadline, full queue, a client gone) leaves the session where it was.
     */
    public PendingAnswer<SessionResponses.Step> step(String id, SessionRequests.Step request) {
        Session session = live(id);
        ServedModel model = session.model();
        if (!registry.exists(session.modelName(), session.version())) {
            close(session, "version-deleted");
            throw new ConflictException("version " + session.version() + " of model '" + session.modelName()
                    + "', which this session is pinned to, has been deleted: the session has ended; open a new one");
        }
        int topK = TopK.of(request.topK(), model.manifest().labels().size());
        SessionState before = session.begin(System.nanoTime());
        if (before == null) {
            if (session.closed()) {
                throw new SessionNotFoundException();
            }
            throw new ConflictException("a step of this session is still running: steps of one sequence are read in"
                    + " order, so send the next one when the last has answered");
        }
        try {
            StepInputs.Piece piece = inputs.read(model, before, request);
            ModelQueue queue = model.streamingQueue();
            RequestDeadline deadline = RequestDeadline.after(queue.settings().requestTimeout());
            Submission submission;
            try (ModelQueue.Arrival arrival = queue.arriving()) {
                EncodedInput continuation = new EncodedInput.Continuation(piece.steps(), before.hidden());
                submission = queue.submit(Sequences.of(List.of(continuation)), deadline.endNanos(), arrival);
            }
            CompletableFuture<SessionResponses.Step> response = new CompletableFuture<>();
            response.whenComplete((answer, failure) -> {
                if (failure != null) {
                    submission.cancel(
                            failure instanceof RuntimeException runtime ? runtime : new CancellationException());
                }
            });
            submission.answer().whenComplete((rows, failure) -> {
                if (failure != null) {
                    session.end(null, System.nanoTime());
                    response.completeExceptionally(failure);
                    return;
                }
                try {
                    SessionState after = after(before, piece, rows[0], model);
                    session.end(after, System.nanoTime());
                    Counter.builder("rnn.sessions.steps")
                            .description("steps (tokens or image rows) read by streaming sessions")
                            .tag("model", session.modelName())
                            .register(meters)
                            .increment(piece.steps().length());
                    response.complete(new SessionResponses.Step(
                            after.steps(), predictions(rows[0], model, topK), tokens.seal(after)));
                } catch (RuntimeException e) {
                    session.end(null, System.nanoTime());
                    response.completeExceptionally(e);
                }
            });
            return new PendingAnswer<>(response, deadline);
        } catch (RuntimeException e) {
            session.end(null, System.nanoTime());
            throw e;
        }
    }

    private static SessionState after(SessionState before, StepInputs.Piece piece, float[] row, ServedModel model) {
        int classes = model.manifest().labels().size();
        return new SessionState(
                before.model(),
                before.version(),
                before.steps() + piece.steps().length(),
                piece.carry(),
                Arrays.copyOfRange(row, classes, row.length));
    }

    /** The {@code topK} likeliest labels from the probabilities that open a streaming answer row. */
    private static List<SessionResponses.Prediction> predictions(float[] row, ServedModel model, int topK) {
        List<String> labels = model.manifest().labels();
        List<SessionResponses.Prediction> predictions = new ArrayList<>(topK);
        for (int index : Probabilities.ranked(row, labels.size(), topK)) {
            predictions.add(new SessionResponses.Prediction(labels.get(index), row[index]));
        }
        return predictions;
    }

    private Session live(String id) {
        Session session = id == null ? null : sessions.get(id);
        if (session == null || session.closed()) {
            throw new SessionNotFoundException();
        }
        if (session.idleSince(System.nanoTime() - limits.idleTtl().toNanos())) {
            close(session, "expired");
            throw new SessionNotFoundException();
        }
        return session;
    }

    private SessionResponses.Session view(Session session) {
        long idleNanos = System.nanoTime() - session.lastUsedNanos();
        Instant expiresAt = Instant.now().plus(limits.idleTtl()).minusNanos(Math.max(0, idleNanos));
        return new SessionResponses.Session(
                session.id(),
                session.modelName(),
                session.version(),
                session.steps(),
                inputs.maxSteps(session.model()),
                expiresAt.toString());
    }

    /** Ends sessions idle past their time to live; run by the sweeper and when the table is full. */
    void expireIdle() {
        long cutoff = System.nanoTime() - limits.idleTtl().toNanos();
        for (Session session : sessions.values()) {
            if (session.idleSince(cutoff)) {
                close(session, "expired");
            }
        }
    }

    /** Sessions open now. */
    public int active() {
        return sessions.size();
    }

    private void close(Session session, String reason) {
        sessions.remove(session.id(), session);
        if (session.close()) {
            session.model().release();
            Counter.builder("rnn.sessions.closed")
                    .description("streaming sessions ended, by reason: deleted, expired, version-deleted")
                    .tag("reason", reason)
                    .register(meters)
                    .increment();
        }
    }

    @Override
    public void destroy() {
        sweeper.shutdownNow();
        for (Session session : new ArrayList<>(sessions.values())) {
            close(session, "shutdown");
        }
        log.debug("streaming sessions closed");
    }
}
