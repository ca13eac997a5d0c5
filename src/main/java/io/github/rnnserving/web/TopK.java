package io.github.rnnserving.web;

/** The {@code topK} of a request that answers labels: how many, most probable first. */
public final class TopK {

    private TopK() {}

    /**
     * {@code requested}, or every label when it is absent.
     *
     * @throws InvalidInputException naming {@code topK} when it is not 1 to {@code labels}
     */
    public static int of(Integer requested, int labels) {
        if (requested == null) {
            return labels;
        }
        if (requested < 1 || requested > labels) {
            throw new InvalidInputException("topK", "topK must be 1 to " + labels + " for this model");
        }
        return requested;
    }
}
