package io.github.rnnserving.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * A network of this service whose parameters carry PyTorch's {@code state_dict} names: a {@link
 * RecurrentClassifier} or a {@link LanguageModel}. Bundles, weights files and checkpoints read and
 * write either through this.
 */
public interface RecurrentNetwork extends Block {

    Architecture architecture();

    /** Every parameter under its PyTorch name, in {@code state_dict} order. */
    Map<String, Parameter> namedParameters();
}
