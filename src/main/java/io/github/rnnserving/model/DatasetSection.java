package io.github.rnnserving.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code model.json}'s {@code dataset}: which data trained the model. {@code spec} is the
 * {@code DatasetSpec} a model trained here was read with, kept as written (an import may describe
 * its data in its own words, which no {@code DatasetSpec} would accept); read it back with
 * {@code DatasetSpec} where the data is to be loaded again. Absent fields stay null and unwritten.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatasetSection(
        Map<String, Object> spec,
        String fingerprint,
        // early bundles called the sizes splitSizes
        @JsonAlias("splitSizes") SplitSizes sizes,
        Integer emptyTextsLeftOut) {

    /** What a manifest without a {@code dataset} section holds. */
    public static final DatasetSection EMPTY = new DatasetSection(null, null, null, null);

    public DatasetSection {
        spec = spec == null ? null : new LinkedHashMap<>(spec);
    }

    /** Examples in each part of the split; a part the trainer did not report is null. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SplitSizes(Long train, Long validation, Long test) {}
}
