package io.github.rnnserving.data;

/** One labelled training or evaluation example: a text or a 28×28 image. */
public sealed interface Example permits TextExample, ImageExample {

    String label();

    /**
     * What identifies a duplicate: examples with equal keys are kept on one side of a split when
     * splitting is grouped. Images have no natural key and are never grouped.
     */
    String groupKey();
}
