package io.github.rnnserving.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code model.json}'s {@code training}: how the weights were made. Every field may be absent (an
 * imported model records what its trainer knew, older bundles lack the later fields), so absent
 * stays null and is not written back. {@code settings} and {@code options} are kept as the
 * trainer's own key/value pairs, in their order: here they are {@code TrainingSettings} and
 * {@code ModelOptions}, which live in {@code training} (a package {@code model} must not import),
 * and an import may carry another trainer's words.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainingSection(
        Map<String, Object> settings,
        Map<String, Object> options,
        Integer bestEpoch,
        Double bestValidationAccuracy,
        Boolean stoppedEarly,
        Integer resumedAfterEpoch,
        Double seconds,
        Double samplesPerSecond,
        String intraOpThreads,
        List<Epoch> history) {

    /** What a manifest without a {@code training} section holds. */
    public static final TrainingSection EMPTY =
            new TrainingSection(null, null, null, null, null, null, null, null, null, null);

    public TrainingSection {
        settings = settings == null ? null : new LinkedHashMap<>(settings);
        options = options == null ? null : new LinkedHashMap<>(options);
        history = history == null ? null : List.copyOf(history);
    }

    /**
     * One epoch of the history, as {@code EpochStats} writes it; a generator's also has its
     * validation bits per character and perplexity.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Epoch(
            int epoch,
            double trainLoss,
            double trainAccuracy,
            double validationLoss,
            double validationAccuracy,
            double learningRate,
            double samplesPerSecond,
            double seconds,
            Double validationBitsPerCharacter,
            Double validationPerplexity) {

        /** A classifier's epoch. */
        public Epoch(
                int epoch,
                double trainLoss,
                double trainAccuracy,
                double validationLoss,
                double validationAccuracy,
                double learningRate,
                double samplesPerSecond,
                double seconds) {
            this(
                    epoch,
                    trainLoss,
                    trainAccuracy,
                    validationLoss,
                    validationAccuracy,
                    learningRate,
                    samplesPerSecond,
                    seconds,
                    null,
                    null);
        }
    }
}
