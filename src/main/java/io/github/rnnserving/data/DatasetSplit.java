package io.github.rnnserving.data;

import java.util.List;

/** The three disjoint parts of a dataset. The lists are unmodifiable. */
public record DatasetSplit<T extends Example>(List<T> train, List<T> validation, List<T> test) {

    public DatasetSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    public int size() {
        return train.size() + validation.size() + test.size();
    }
}
