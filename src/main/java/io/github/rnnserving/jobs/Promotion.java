package io.github.rnnserving.jobs;

import io.github.rnnserving.registry.ServedModel;
import io.github.rnnserving.training.TrainingOutcome;
import java.util.Locale;

/**
 * Whether a job's new version serves, why, and what it was compared with. {@code if-better}
 * compares a classifier by accuracy on the job's own test split, through the serving version's
 * queue; a generator by validation bits per character, the new version's against the one the
 * serving version's {@code model.json} records (lower is better).
 */
record Promotion(boolean promoted, String reason, Double servingAccuracy, Double servingBitsPerCharacter) {

    static Promotion plain(boolean promoted, String reason) {
        return new Promotion(promoted, reason, null, null);
    }

    static Promotion ofClassifier(TrainingOutcome outcome, ServedModel serving) {
        if (serving.inputKind() != outcome.manifest().input().kind()) {
            return plain(false, "not promoted: the serving version reads another kind of input");
        }
        if (serving.manifest().isGenerator()) {
            return plain(false, "not promoted: the serving version is a generator, this one a classifier");
        }
        double accuracy = outcome.test().accuracy();
        double servingAccuracy = ServingComparison.accuracy(serving, outcome.testSet());
        boolean promoted = accuracy > servingAccuracy;
        return new Promotion(
                promoted,
                String.format(
                        Locale.ROOT,
                        "%s: %.4f against the serving version %s's %.4f on this job's test split",
                        promoted ? "promoted" : "not promoted",
                        accuracy,
                        serving.manifest().version(),
                        servingAccuracy),
                servingAccuracy,
                null);
    }

    static Promotion ofGenerator(TrainingOutcome outcome, ServedModel serving) {
        if (!serving.manifest().isGenerator()) {
            return plain(false, "not promoted: the serving version is a classifier, this one a generator");
        }
        Double servingBits = serving.manifest().metrics().validationBitsPerCharacter();
        if (servingBits == null) {
            return plain(
                    false,
                    "not promoted: the serving version " + serving.manifest().version()
                            + " records no validation bits per character to compare with");
        }
        double bits = outcome.result().bestValidationBitsPerCharacter();
        boolean promoted = bits < servingBits;
        return new Promotion(
                promoted,
                String.format(
                        Locale.ROOT,
                        "%s: %.4f validation bits per character against the serving version %s's %.4f (lower is"
                                + " better)",
                        promoted ? "promoted" : "not promoted",
                        bits,
                        serving.manifest().version(),
                        servingBits),
                null,
                servingBits);
    }
}
