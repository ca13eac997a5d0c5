package io.github.rnnserving;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The service's settings ({@code rnn.*} in application.properties, or {@code RNN_…} environment
 * variables).
 *
 * @param modelsDir the model registry folder
 * @param dataDir where training jobs find the datasets ({@code names/}, {@code mnist/}, …)
 * @param stateDir the service's own files: the embedded job database and training checkpoints
 * @param modelsRefresh how often the models folder is re-read for models and promotions made
 *     by other instances or by hand
 * @param leftoverAge how old files of an interrupted import or bundle write (and multipart uploads)
 *     must be before start-up removes them: younger ones may be another replica's work in progress
 *     on a shared volume
 * @param serving the serving engine's defaults and thread plan
 * @param sessions streaming sessions ({@code POST /sessions}): their key and limits
 */
@ConfigurationProperties("rnn")
public record RnnProperties(
        @DefaultValue("models") Path modelsDir,
        // a String: Spring's String-to-Path conversion goes through resources and rejects "../"
        @DefaultValue("../shared/data") String dataDir,
        @DefaultValue("./state") Path stateDir,
        @DefaultValue("5s") Duration modelsRefresh,
        @DefaultValue Limits limits,
        @DefaultValue Security security,
        @DefaultValue Jobs jobs,
        @DefaultValue("1h") Duration leftoverAge,
        @DefaultValue Serving serving,
        @DefaultValue Sessions sessions) {

    /** {@link #dataDir()} as a path. */
    public Path dataPath() {
        return Path.of(dataDir);
    }

    /** The same settings serving another models folder. */
    public RnnProperties withModelsDir(Path folder) {
        return new RnnProperties(
                folder, dataDir, stateDir, modelsRefresh, limits, security, jobs, leftoverAge, serving, sessions);
    }

    /**
     * The serving engine (docs/SERVING.md): its defaults for every model, which a model's {@code
     * serving.json} overrides, and the one thread plan for all models.
     *
     * @param batching whether sequences of different requests share forward passes
     * @param maxBatchSize sequences per forward pass
     * @param maxBatchDelay how long a free worker holds a part-full batch open while more requests
     *     of its model are being decoded (a lone request never waits)
     * @param queueCapacity sequences waiting per model before requests get 503 with Retry-After
     * @param cores CPU cores the service may use; 0: what the JVM sees (container limits included)
     * @param intraOpThreads libtorch threads inside one forward pass ({@code RNN_INTRA_OP_THREADS})
     * @param interOpThreads libtorch's pool for parallel operators
     * @param forwardWorkers threads running forward passes, all models together; 0: half the cores
     *     over the intra-op threads, at least one
     * @param warmUp whether a model version runs a forward pass at every batch size the batcher
     *     forms before it serves (at start, promotion and refresh)
     */
    public record Serving(
            @DefaultValue("true") boolean batching,
            @DefaultValue("32") int maxBatchSize,
            @DefaultValue("1ms") Duration maxBatchDelay,
            @DefaultValue("512") int queueCapacity,
            @DefaultValue("0") int cores,
            @DefaultValue("1") int intraOpThreads,
            @DefaultValue("1") int interOpThreads,
            @DefaultValue("0") int forwardWorkers,
            @DefaultValue("true") boolean warmUp) {}

    /**
     * @param maxQueued jobs waiting in the queue (all instances together) before submissions get 503
     * @param maxAttempts times a job is started before it ends FAILED (a job restarts when the
     *     process running it died)
     * @param heartbeat how often a training instance tells the database it is alive
     * @param missedHeartbeats heartbeats missed (at least 4) before another instance (or this one after a
     *     restart) takes the job over from its last checkpoint
     * @param pollInterval how often an idle instance looks for a queued job
     * @param progressInterval least time between two progress writes of a running job
     * @param eventsTimeout how long a server-sent-events stream stays open
     * @param train whether this instance trains jobs (false: it only accepts and reports them)
     */
    public record Jobs(
            @DefaultValue("20") int maxQueued,
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("5s") Duration heartbeat,
            @DefaultValue("6") int missedHeartbeats,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("1s") Duration progressInterval,
            @DefaultValue("30m") Duration eventsTimeout,
            @DefaultValue("true") boolean train) {}

    /**
     * @param maxTextLength characters per text
     * @param maxBatchSize texts or images per request
     * @param maxRequestBytes size of a request body (JSON or multipart), except model imports
     *     ({@code 10MB}, or a plain number of bytes)
     * @param maxModelBytes size of a model import ({@code POST /models}: model.json and weights)
     * @param maxImagePixels pixels of an encoded image, checked before it is decoded
     * @param maxExplainSteps steps shown by {@code "explain": true}; longer inputs are refused
     * @param maxParameters parameters of an imported architecture, checked from its manifest before
     *     anything is allocated
     * @param maxWeightsBytes size an imported {@code .npz} may inflate to, all arrays together; an
     *     import is also held to what its architecture can need (8 bytes a parameter plus headers)
     * @param maxExplainWork recurrent steps one {@code "explain": true} request may cost: explain runs
     *     the model on every prefix, so an input of L steps costs L(L+1)/2 (400 naming {@code explain}
     *     beyond)
     * @param requestTimeout total time of one classification by default (a model's {@code
     *     serving.json} may set its own): decoding, the queue and the forward passes together; past it
     *     the request answers 503 and its remaining work is dropped
     * @param maxDecodeBytes estimated memory all image decodes running at once may take together
     * @param decodeWait how long an image decode waits for room in {@code maxDecodeBytes} before a 503
     * @param maxConcurrentDecodes image decodes running at once (they are CPU-bound); 0: one per CPU
     * @param maxGenerateCount samples one {@code POST /generate} may ask for ({@code count}; 400 beyond)
     * @param maxGenerateLength characters of one generated sample, its prefix included ({@code
     *     maxLength}; 400 beyond, and its default): with {@code maxGenerateCount} it bounds a request's
     *     work to count × maxLength recurrent steps
     */
    public record Limits(
            @DefaultValue("2000") int maxTextLength,
            @DefaultValue("64") int maxBatchSize,
            @DefaultValue("10MB") DataSize maxRequestBytes,
            @DefaultValue("256MB") DataSize maxModelBytes,
            @DefaultValue("16000000") int maxImagePixels,
            @DefaultValue("256") int maxExplainSteps,
            @DefaultValue("50000000") long maxParameters,
            @DefaultValue("1GB") DataSize maxWeightsBytes,
            @DefaultValue("40000") int maxExplainWork,
            @DefaultValue("30s") Duration requestTimeout,
            @DefaultValue("128MB") DataSize maxDecodeBytes,
            @DefaultValue("2s") Duration decodeWait,
            @DefaultValue("0") int maxConcurrentDecodes,
            @DefaultValue("16") int maxGenerateCount,
            @DefaultValue("64") int maxGenerateLength) {

        /** {@link #maxConcurrentDecodes()}, with 0 read as the number of CPUs. */
        public int concurrentDecodes() {
            return maxConcurrentDecodes > 0
                    ? maxConcurrentDecodes
                    : Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * Streaming sessions: a session keeps a model's hidden state between requests in an encrypted
     * {@code state} token that any replica holding the same key can continue from.
     *
     * @param key base64 of the AES key shared by all replicas (16, 24 or 32 bytes; {@code
     *     RNN_SESSIONS_KEY}); when blank one is generated once into {@code <state-dir>/session-key}
     *     and read from there afterwards
     * @param idleTtl a session unused this long expires and frees its state
     * @param maxActive open sessions on one instance before {@code POST /sessions} answers 503 with
     *     Retry-After
     * @param maxTextPerStep characters one step request may carry
     * @param maxSteps steps (tokens or image rows) one session may read in all; the model's own
     *     maxLength and row count apply too
     */
    public record Sessions(
            String key,
            @DefaultValue("10m") Duration idleTtl,
            @DefaultValue("10000") int maxActive,
            @DefaultValue("256") int maxTextPerStep,
            @DefaultValue("1000") int maxSteps) {}

    /**
     * @param adminToken the bearer token of mutating endpoints; when blank one is generated at start
     * @param tokenFile where a generated token is written, readable by the owner only
     */
    public record Security(
            String adminToken, @DefaultValue("admin-token") Path tokenFile) {}
}
