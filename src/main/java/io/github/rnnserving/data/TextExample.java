package io.github.rnnserving.data;

import java.util.Objects;

public record TextExample(String text, String label) implements Example {

    public TextExample {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
    }

    @Override
    public String groupKey() {
        return text;
    }
}
