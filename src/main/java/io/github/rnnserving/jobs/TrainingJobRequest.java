package io.github.rnnserving.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code POST /training-jobs}: what to train on and how. Every field but {@code model} and
 * {@code dataset} (or {@code path}) has a default, {@code ModelOptions}' or {@code TrainingSettings}'.
 * The bounds are Bean Validation constraints, so the OpenAPI document shows them and a violation
 * is a 400 naming the field (messages in {@code ValidationMessages.properties}); {@link
 * JobRequests} checks what depends on the server (names, presets, files) and parses the option
 * words with the parsers the command line uses.
 *
 * <p>Fractions are {@code Double} although training uses {@code float}: Bean Validation compares a
 * {@code Float} through its widened double, which puts {@code 0.1f} just above a bound of 0.1.
 *
 * <p>The bounds are tighter than the command line's: a job runs inside the service, next to
 * requests being served.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingJobRequest(
        @NotNull @Schema(description = "Name of the model to train a version of (a-z 0-9 . _ -)", example = "names-gru")
        String model,

        @Schema(
                description = "classify (default), or generate: a character-level language model conditioned on"
                        + " the dataset's labels, sampled by POST /generate",
                example = "classify")
        String task,

        @Schema(
                description =
                        "generate only: false trains one model of all texts, ignoring the labels" + " (default true)")
        Boolean conditioned,

        @Schema(
                description = "A known dataset: names, sentences, mnist, fashion-mnist, sentiment-en, sentiment-zh;"
                        + " or leave out and give format and path",
                example = "names")
        String dataset,

        @Schema(description = "Without dataset: folder, csv, tsv or idx")
        String format,

        @Schema(description = "Without dataset: a path relative to rnn.data-dir")
        String path,

        @Schema(
                description =
                        "Without dataset: a CSV/TSV test file relative to rnn.data-dir (else a test split is drawn)")
        String testPath,

        @Schema(description = "CSV/TSV: the label column") String labelColumn,
        @Schema(description = "CSV/TSV: the text column") String textColumn,

        @Schema(description = "Text files' encoding (default UTF-8)")
        String charset,

        @Min(10) @Max(10_000_000) @Schema(description = "Use a seeded sample of this many examples (quick runs)", example = "3000")
        Integer limit,

        @Valid ArchitectureOptions architecture,
        @Valid TrainingOptions training,

        @Schema(
                description = "never, always, or if-better (than the serving version: a classifier's accuracy on"
                        + " this job's test split; a generator's validation bits per character, lower is better);"
                        + " default never. A model's first version always serves.",
                example = "if-better")
        PromotionPolicy promote) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ArchitectureOptions(
            @Schema(description = "rnn, lstm or gru (default gru)", example = "gru")
            String cell,

            @Min(1) @Max(4) @Schema(example = "1") Integer layers,
            @Min(1) @Max(1024) @Schema(example = "32") Integer hiddenSize,

            @Schema(example = "true", description = "classifiers only: a generator reads forwards")
            Boolean bidirectional,

            @DecimalMin("0") @DecimalMax("0.9") @Schema(description = "dropout between stacked layers")
            Double dropout,

            @DecimalMin("0") @DecimalMax("0.9") @Schema(description = "dropout on each step's input (embeddings or image rows)")
            Double inputDropout,

            @DecimalMin("0") @DecimalMax("0.9") @Schema(description = "dropout on the summary the classifier head reads")
            Double outputDropout,

            @Schema(description = "last, last-output (the output at the last step, as out[:, -1]), mean or max")
            String summary,

            @Min(1) @Max(1024) Integer embeddingSize,
            @Schema(description = "characters or words") String tokens,

            @Schema(description = "NFKC, NFC, NFD, NFKD or NONE (default NFKC)")
            String normalization,

            Boolean lowerCase,
            @Min(1) @Max(1000) Integer minFrequency,
            @Min(3) @Max(1_000_000) Integer maxVocabulary,
            @Min(1) @Max(2000) Integer maxLength) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrainingOptions(
            @Min(1) @Max(100) @Schema(example = "2") Integer epochs,
            @Min(1) @Max(1024) @Schema(example = "64") Integer batchSize,
            @Schema(description = "adam or sgd") String optimizer,

            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") @Schema(example = "0.005")
            Double learningRate,

            @DecimalMin("0") @DecimalMax("0.999") Double momentum,
            @DecimalMin("0") @DecimalMax("0.1") Double weightDecay,

            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double learningRateDecay,

            @Min(0) @Max(1000) @Schema(description = "truncated-BPTT length k; 0 is full BPTT")
            Integer truncation,

            @DecimalMin("0") @DecimalMax("1000") @Schema(description = "global gradient norm clip; 0 is off")
            Double clipNorm,

            @Min(0) @Max(100) @Schema(description = "early-stopping patience in epochs; 0 is off")
            Integer patience,

            @DecimalMin("0") @DecimalMax("1") @Schema(description = "weight each class's loss by (1/count)^p: 0 off, 1 balanced")
            Double classWeightPower,

            Long seed) {}
}
