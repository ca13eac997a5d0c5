package io.github.rnnserving.data;

import java.util.List;

/** A dataset read and split, with its label list and fingerprint. */
public record LoadedDataset(DatasetSpec spec, List<String> labels, DatasetSplit<Example> split, String fingerprint) {

    public LoadedDataset {
        labels = List.copyOf(labels);
    }
}
