package io.github.rnnserving.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bundle's {@code serving.json}, beside its {@code model.json} (which stays the training
 * record): every field optional, each one overriding the service-wide default.
 *
 * <pre>{"batching": true, "maxBatchSize": 16, "maxBatchDelay": "500us", "queueCapacity": 256,
 *  "requestTimeout": "5s"}</pre>
 */
public record ServingFile(
        Boolean batching, Integer maxBatchSize, String maxBatchDelay, Integer queueCapacity, String requestTimeout) {

    public static final String NAME = "serving.json";
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /**
     * The settings of the bundle in {@code bundleDir}: {@code defaults} where it has no {@code
     * serving.json} or leaves a field out.
     *
     * @throws IllegalArgumentException when the file is unreadable or holds a value out of range;
     *     the message names the field
     */
    public static ServingSettings settings(Path bundleDir, ServingSettings defaults) {
        Path file = bundleDir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return defaults;
        }
        ServingFile read;
        try {
            read = JSON.readValue(Files.readAllBytes(file), ServingFile.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(NAME + " is not valid: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(NAME + " cannot be read: " + e.getMessage());
        }
        return read.over(defaults);
    }

    ServingSettings over(ServingSettings defaults) {
        return new ServingSettings(
                batching != null ? batching : defaults.batching(),
                maxBatchSize != null ? maxBatchSize : defaults.maxBatchSize(),
                maxBatchDelay != null ? duration("maxBatchDelay", maxBatchDelay) : defaults.maxBatchDelay(),
                queueCapacity != null ? queueCapacity : defaults.queueCapacity(),
                requestTimeout != null ? duration("requestTimeout", requestTimeout) : defaults.requestTimeout(),
                defaults.equalLengthsOnly());
    }

    private static Duration duration(String field, String text) {
        try {
            return DurationStyle.detectAndParse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    NAME + ": " + field + " must be a duration such as 500us, 2ms or 5s (got '" + text + "')");
        }
    }
}
