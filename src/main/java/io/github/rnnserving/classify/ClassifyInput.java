package io.github.rnnserving.classify;

import io.github.rnnserving.model.EncodedInput;
import java.util.Arrays;
import java.util.List;

/** A checked input: token ids with their tokens, or image rows. */
record ClassifyInput(long[] ids, List<String> tokens, EncodedInput.PixelRows image) {

    ClassifyInput prefix(int steps) {
        if (ids != null) {
            return new ClassifyInput(Arrays.copyOf(ids, steps), tokens.subList(0, steps), null);
        }
        byte[] rows = Arrays.copyOf(image.pixels(), steps * image.columns());
        return new ClassifyInput(null, null, new EncodedInput.PixelRows(rows, steps, image.columns()));
    }
}
