package io.github.rnnserving.model;

/** A bundle read back: its manifest and the classifier holding its weights. */
public record LoadedModel(ModelManifest manifest, RecurrentClassifier classifier) {}
