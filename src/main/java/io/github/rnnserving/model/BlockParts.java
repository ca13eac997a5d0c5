package io.github.rnnserving.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/** Pieces the classifier and the language model build and run alike. */
final class BlockParts {

    private BlockParts() {}

    /** A weight parameter under its PyTorch name; the block registers it. */
    static Parameter weight(String name, Initializer initializer, long... shape) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optInitializer(initializer)
                .optShape(new Shape(shape))
                .build();
    }

    /** A bias parameter under its PyTorch name; the block registers it. */
    static Parameter bias(String name, Initializer initializer, long size) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.BIAS)
                .optInitializer(initializer)
                .optShape(new Shape(size))
                .build();
    }

    /** Inverted dropout while training; the array itself otherwise. */
    static NDArray dropout(NDArray array, float rate, boolean training) {
        if (!training || rate <= 0) {
            return array;
        }
        return array.getNDArrayInternal().dropout(array, rate, true).head();
    }

    /** Columns {@code [offset, offset + width)} of a {@code (B, S)} state as {@code (1, B, width)}. */
    static NDArray slice(NDArray state, int offset, int width) {
        return state.get(new NDIndex(":, {}:{}", offset, offset + width)).expandDims(0);
    }
}
