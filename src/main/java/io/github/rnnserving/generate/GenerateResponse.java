package io.github.rnnserving.generate;

import java.util.List;

/**
 * Samples drawn from {@code version} of {@code model}, in draw order.
 *
 * @param seed the seed the draws came from (the request's, or the one chosen for it): sending it
 *     back gives the same samples from the same version
 */
record GenerateResponse(String model, String version, long seed, List<Sample> samples) {

    /**
     * @param text the prefix and the drawn characters
     * @param logProbability natural log of the probability the model (at temperature 1, whatever
     *     the request's) gives the drawn characters after the prefix and the end, when one was drawn
     * @param ended whether the model drew the end token (false: the sample stopped at maxLength)
     */
    record Sample(String text, double logProbability, boolean ended) {}
}
