package io.github.rnnserving.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.rnnserving.training.ClassificationMetrics;
import java.util.List;

/**
 * What a finished job produced: test metrics of the new version and whether it serves.
 *
 * @param servingAccuracy the serving version's accuracy on the same test split, when compared
 * @param promotion why the new version serves or not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobResult(
        double testAccuracy,
        double macroF1,
        int testSize,
        int bestEpoch,
        double bestValidationAccuracy,
        boolean stoppedEarly,
        double trainingSeconds,
        List<ClassificationMetrics.ClassMetrics> perClass,
        boolean promoted,
        Double servingAccuracy,
        String promotion) {}
