package io.github.rnnserving.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.rnnserving.training.ClassificationMetrics;
import java.util.List;

/**
 * What a finished job produced: test metrics of the new version and whether it serves. A
 * classifier reports accuracy and F1 (the bits-per-character fields absent); a generator ({@code
 * task} "generate") reports bits per character and perplexity (the accuracy fields absent).
 *
 * @param servingAccuracy the serving version's accuracy on the same test split, when compared
 * @param servingValidationBitsPerCharacter the serving generator's recorded validation bits per
 *     character, when compared
 * @param promotion why the new version serves or not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobResult(
        Double testAccuracy,
        Double macroF1,
        int testSize,
        int bestEpoch,
        Double bestValidationAccuracy,
        boolean stoppedEarly,
        double trainingSeconds,
        List<ClassificationMetrics.ClassMetrics> perClass,
        boolean promoted,
        Double servingAccuracy,
        String promotion,
        String task,
        Double validationBitsPerCharacter,
        Double testBitsPerCharacter,
        Double testPerplexity,
        Double servingValidationBitsPerCharacter) {}
