package io.github.rnnserving.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.data.DatasetFormat;
import io.github.rnnserving.data.DatasetSpec;
import io.github.rnnserving.data.SplitOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint is resumed only by a run with the same key, often in another JVM: the key must not
 * depend on any per-JVM order (Map.copyOf iterates in one).
 */
class RunKeyTest {

    private static final List<String> KEYS = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l");
    private static final List<String> REVERSED = reversed(KEYS);

    @Test
    void labelRenamesIterateInKeyOrderWhateverOrderTheyCameIn() {
        assertThat(new ArrayList<>(spec(renames(REVERSED)).labelRenames().keySet()))
                .isEqualTo(KEYS);
        assertThat(new ArrayList<>(spec(renames(KEYS)).labelRenames().keySet())).isEqualTo(KEYS);
    }

    @Test
    void theKeyDependsOnTheSettingsNotOnMapOrder() {
        TrainingPipeline pipeline = new TrainingPipeline();
        String forward = pipeline.runKey(request(spec(renames(KEYS))), "fingerprint");
        String backward = pipeline.runKey(request(spec(renames(REVERSED))), "fingerprint");
        assertThat(backward).isEqualTo(forward);

        Map<String, String> other = renames(KEYS);
        other.put("a", "something else");
        assertThat(pipeline.runKey(request(spec(other)), "fingerprint")).isNotEqualTo(forward);
        assertThat(pipeline.runKey(request(spec(renames(KEYS))), "other data")).isNotEqualTo(forward);
    }

    private static List<String> reversed(List<String> keys) {
        List<String> copy = new ArrayList<>(keys);
        Collections.reverse(copy);
        return List.copyOf(copy);
    }

    private static Map<String, String> renames(List<String> keys) {
        Map<String, String> renames = new LinkedHashMap<>();
        for (String key : keys) {
            renames.put(key, key.toUpperCase());
        }
        return renames;
    }

    private static DatasetSpec spec(Map<String, String> renames) {
        return new DatasetSpec(
                DatasetFormat.CSV,
                "reviews.csv",
                null,
                "UTF-8",
                "label",
                "review",
                renames,
                null,
                null,
                new SplitOptions(42, 0.1, 0.1, true));
    }

    private static TrainingRequest request(DatasetSpec spec) {
        return new TrainingRequest("reviews", spec, ModelOptions.defaults(), TrainingSettings.defaults());
    }
}
