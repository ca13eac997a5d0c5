package io.github.rnnserving.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

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
        List<Map<String, Object>> perClass,
        boolean promoted,
        Double servingAccuracy,
        String promotion) {}
