package io.github.rnnserving.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /training-jobs}: what to train on and how. Every field but {@code model} and
 * {@code dataset} (or {@code path}) has a default; {@link JobRequests} checks bounds and names the
 * field at fault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingJobRequest(
        @Schema(description = "Name of the model to train a version of (a-z 0-9 . _ -)", example = "names-gru")
        String model,

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

        @Schema(description = "Use a seeded sample of this many examples (quick runs)", example = "3000")
        Integer limit,

        ArchitectureOptions architecture,
        TrainingOptions training,

        @Schema(
                description = "never, always, or if-better (than the serving version on this job's test split);"
                        + " default never. A model's first version always serves.",
                example = "if-better")
        PromotionPolicy promote) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ArchitectureOptions(
            @Schema(example = "gru") String cell,
            @Schema(example = "1") Integer layers,
            @Schema(example = "32") Integer hiddenSize,
            @Schema(example = "true") Boolean bidirectional,

            @Schema(description = "dropout between stacked layers, 0 to 0.9")
            Float dropout,

            @Schema(description = "dropout on each step's input (embeddings or image rows), 0 to 0.9")
            Float inputDropout,

            @Schema(description = "dropout on the summary the classifier head reads, 0 to 0.9")
            Float outputDropout,

            @Schema(description = "last, mean or max") String summary,
            Integer embeddingSize,
            @Schema(description = "characters or words") String tokens,
            Boolean lowerCase,
            Integer minFrequency,
            Integer maxVocabulary,
            Integer maxLength) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrainingOptions(
            @Schema(example = "2") Integer epochs,
            @Schema(example = "64") Integer batchSize,
            @Schema(description = "adam or sgd") String optimizer,
            @Schema(example = "0.005") Float learningRate,
            Float momentum,
            Float weightDecay,
            Float learningRateDecay,

            @Schema(description = "truncated-BPTT length k; 0 is full BPTT")
            Integer truncation,

            @Schema(description = "global gradient norm clip; 0 is off")
            Float clipNorm,

            @Schema(description = "early-stopping patience in epochs; 0 is off")
            Integer patience,

            @Schema(description = "weight each class's loss by (1/count)^p: 0 off, 1 balanced")
            Float classWeightPower,

            Long seed) {}
}
