package io.github.rnnserving;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's settings ({@code rnn.*} in application.properties, or {@code RNN_…} environment
 * variables).
 *
 * @param modelsDir the model registry folder
 * @param workersPerModel predictors per model, so requests to one model run this many at a time
 */
@ConfigurationProperties("rnn")
public record RnnProperties(
        @DefaultValue("models") Path modelsDir,
        @DefaultValue("2") int workersPerModel,
        @DefaultValue Limits limits,
        @DefaultValue Security security) {

    /**
     * @param maxTextLength characters per text
     * @param maxBatchSize texts or images per request
     * @param maxRequestBytes bytes of a request body (JSON or multipart), except model imports
     * @param maxModelBytes bytes of a model import ({@code POST /models}: model.json and weights)
     * @param maxImagePixels pixels of an encoded image, checked before it is decoded
     * @param maxExplainSteps steps shown by {@code "explain": true}; longer inputs are refused
     * @param queueTimeoutMillis how long a request waits for a free predictor before a 503
     */
    public record Limits(
            @DefaultValue("2000") int maxTextLength,
            @DefaultValue("64") int maxBatchSize,
            @DefaultValue("10485760") long maxRequestBytes,
            @DefaultValue("268435456") long maxModelBytes,
            @DefaultValue("16000000") int maxImagePixels,
            @DefaultValue("256") int maxExplainSteps,
            @DefaultValue("10000") long queueTimeoutMillis) {}

    /**
     * @param adminToken the bearer token of mutating endpoints; when blank one is generated at start
     * @param tokenFile where a generated token is written, readable by the owner only
     */
    public record Security(String adminToken, @DefaultValue("admin-token") Path tokenFile) {}
}
