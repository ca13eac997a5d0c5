package io.github.rnnserving.classify;

import io.github.rnnserving.model.EncodedInput;
import io.github.rnnserving.serving.Sequences;
import java.util.Arrays;
import java.util.List;

/**
 * A request's inputs, followed when explained by every prefix of every input in order (input 0's
 * prefixes of 1, 2, … steps, then input 1's…): the answer after each step is the answer for the
 * input cut after that step. Prefixes are built only when their batch forms.
 */
final class ExplainedSequences implements Sequences {

    private final List<ClassifyInput> inputs;
    /** Where each input's prefixes start, after the inputs themselves; one more entry for the end. */
    private final int[] prefixStarts;

    ExplainedSequences(List<ClassifyInput> inputs, boolean explain) {
        this.inputs = List.copyOf(inputs);
        this.prefixStarts = new int[explain ? inputs.size() + 1 : 1];
        prefixStarts[0] = inputs.size();
        for (int i = 1; i < prefixStarts.length; i++) {
            prefixStarts[i] = prefixStarts[i - 1] + inputs.get(i - 1).length();
        }
    }

    @Override
    public int size() {
        return prefixStarts[prefixStarts.length - 1];
    }

    @Override
    public int length(int index) {
        if (index < inputs.size()) {
            return inputs.get(index).length();
        }
        return index - prefixStarts[owner(index)] + 1;
    }

    @Override
    public EncodedInput get(int index) {
        if (index < inputs.size()) {
            return inputs.get(index).encoded();
        }
        return inputs.get(owner(index)).encoded().prefix(length(index));
    }

    /** The input a prefix index belongs to. */
    private int owner(int index) {
        int found = Arrays.binarySearch(prefixStarts, index);
        // an exact hit is the first prefix of that input; otherwise the insertion point is one past it
        return found >= 0 ? found : -found - 2;
    }
}
