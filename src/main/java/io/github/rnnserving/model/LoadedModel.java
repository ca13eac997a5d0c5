package io.github.rnnserving.model;

/** A bundle read back: its manifest and the network holding its weights. */
public record LoadedModel(ModelManifest manifest, RecurrentNetwork network) {

    /** The classifier of a classifier's bundle. */
    public RecurrentClassifier classifier() {
        if (!(network instanceof RecurrentClassifier classifier)) {
            throw new IllegalStateException("model " + manifest.name() + " is a generator, not a classifier");
        }
        return classifier;
    }

    /** The language model of a generator's bundle. */
    public LanguageModel languageModel() {
        if (!(network instanceof LanguageModel languageModel)) {
            throw new IllegalStateException("model " + manifest.name() + " is a classifier, not a generator");
        }
        return languageModel;
    }
}
