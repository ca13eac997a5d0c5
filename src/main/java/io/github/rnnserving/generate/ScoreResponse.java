package io.github.rnnserving.generate;

import java.util.List;

/**
 * How probable a text is under {@code version} of {@code model}: each character given the ones
 * before it, then the end of the text.
 *
 * @param logProbability natural log of the probability of the characters and the end together
 * @param bitsPerCharacter {@code -logProbability / ln 2} over the characters plus the end, as
 *     training reports it on its held-out split
 * @param characters each character of the text as the model reads it, with its probability
 * @param end the probability that the text ends after its last character
 */
record ScoreResponse(
        String model,
        String version,
        double logProbability,
        double bitsPerCharacter,
        List<CharacterProbability> characters,
        double end) {

    record CharacterProbability(String character, double probability) {}
}
