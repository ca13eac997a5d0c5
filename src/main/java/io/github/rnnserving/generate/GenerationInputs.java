package io.github.rnnserving.generate;

import io.github.rnnserving.RnnProperties;
import io.github.rnnserving.model.text.TextEncoder;
import io.github.rnnserving.model.text.Vocabulary;
import io.github.rnnserving.registry.ServedModel;
import io.github.rnnserving.web.InvalidInputException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks {@code /generate} and {@code /score} requests against their model and the limits, and
 * reads their text as the model's token ids. Every refusal is a 400 naming the field at fault.
 */
final class GenerationInputs {

    /** Seeds chosen for a request stay below 2^53, so a JavaScript client can send one back exactly. */
    private static final long SEED_BOUND = 1L << 53;

    static final double MAX_TEMPERATURE = 10;

    private final RnnProperties.Limits limits;
    private final SecureRandom seeds = new SecureRandom();

    GenerationInputs(RnnProperties.Limits limits) {
        this.limits = limits;
    }

    /** Everything a generation needs, checked. */
    record Plan(
            int condition,
            List<String> prefix,
            long[] prefixIds,
            int count,
            int maxLength,
            Sampler sampler,
            long seed) {}

    /** A text to score, read. */
    record Scored(int condition, List<String> characters, long[] ids) {}

    /** {@code model} is required before the registry is asked for it. */
    static void requireModelName(String model) {
        if (model == null || model.isBlank()) {
            throw new InvalidInputException("model", "model is required: the name of a generator from GET /models");
        }
    }

    /** A classifier cannot generate: the client has the wrong endpoint. */
    static void requireGenerator(ServedModel model, String endpoint) {
        if (!model.isGenerator()) {
            throw new InvalidInputException(
                    "model",
                    "model '" + model.manifest().name() + "' is a classifier: send it to POST /classify; " + endpoint
                            + " takes a generator (a model trained with task generate)");
        }
    }

    Plan plan(ServedModel model, GenerateRequest request, boolean streaming) {
        int condition = condition(model, request.condition());
        int count = request.count() == null ? 1 : request.count();
        if (count < 1 || count > limits.maxGenerateCount()) {
            throw new InvalidInputException(
                    "count", "count must be 1 to " + limits.maxGenerateCount() + " (rnn.limits.max-generate-count)");
        }
        if (streaming && count != 1) {
            throw new InvalidInputException(
                    "count",
                    "a text/event-stream answer streams one sample: send count 1, or ask for application/json");
        }
        int maxLength = request.maxLength() == null ? limits.maxGenerateLength() : request.maxLength();
        if (maxLength < 1 || maxLength > limits.maxGenerateLength()) {
            throw new InvalidInputException(
                    "maxLength",
                    "maxLength must be 1 to " + limits.maxGenerateLength()
                            + " characters (rnn.limits.max-generate-length)");
        }
        List<String> prefix = request.prefix() == null ? List.of() : characters(model, request.prefix(), "prefix");
        if (prefix.size() >= maxLength) {
            throw new InvalidInputException(
                    "prefix",
                    "prefix has " + prefix.size() + " characters and maxLength is " + maxLength
                            + " (prefix included): leave room for at least one drawn character");
        }
        return new Plan(
                condition,
                prefix,
                ids(model, prefix),
                count,
                maxLength,
                sampler(request),
                request.seed() != null ? request.seed() : seeds.nextLong(SEED_BOUND));
    }

    Scored scored(ServedModel model, ScoreRequest request) {
        int condition = condition(model, request.condition());
        if (request.text() == null || request.text().isEmpty()) {
            throw new InvalidInputException("text", "text is required: the text to score");
        }
        if (request.text().length() > limits.maxTextLength()) {
            throw new InvalidInputException(
                    "text",
                    "text has " + request.text().length() + " characters; the limit is " + limits.maxTextLength());
        }
        List<String> characters = characters(model, request.text(), "text");
        if (characters.isEmpty()) {
            throw new InvalidInputException("text", "text has no character the model reads (only white space)");
        }
        return new Scored(condition, characters, ids(model, characters));
    }

    private static Sampler sampler(GenerateRequest request) {
        double temperature = request.temperature() == null ? 1 : request.temperature();
        if (!(temperature >= 0 && temperature <= MAX_TEMPERATURE)) {
            throw new InvalidInputException(
                    "temperature", "temperature must be 0 (greedy) to " + (int) MAX_TEMPERATURE);
        }
        int topK = request.topK() == null ? 0 : request.topK();
        if (topK < 0) {
            throw new InvalidInputException("topK", "topK must be 0 (keep every character) or more");
        }
        double topP = request.topP() == null ? 1 : request.topP();
        if (!(topP > 0 && topP <= 1)) {
            throw new InvalidInputException("topP", "topP must be more than 0 and at most 1");
        }
        return new Sampler(temperature, topK, topP);
    }

    /** The condition's index; -1 for a model without conditions. */
    private static int condition(ServedModel model, String condition) {
        List<String> conditions = model.manifest().labels();
        String name = model.manifest().name();
        if (conditions.isEmpty()) {
            if (condition != null) {
                throw new InvalidInputException(
                        "condition", "model '" + name + "' has no conditions: leave condition out");
            }
            return -1;
        }
        if (condition == null || condition.isBlank()) {
            throw new InvalidInputException(
                    "condition", "condition is required for model '" + name + "': one of " + conditions);
        }
        int index = conditions.indexOf(condition);
        if (index < 0) {
            throw new InvalidInputException(
                    "condition", "model '" + name + "' has no condition '" + condition + "'; it knows " + conditions);
        }
        return index;
    }

    /**
     * The text's characters as the model's tokenizer reads them (normalised; runs of white space
     * one space, none at the start). A prefix keeps one trailing space, so that "Van " goes on with
     * a new word. Characters the model never saw are refused by name.
     */
    private static List<String> characters(ServedModel model, String text, String field) {
        TextEncoder encoder = (TextEncoder) model.encoder();
        List<String> characters = new ArrayList<>(encoder.tokenizer().tokenize(text));
        if (field.equals("prefix") && !characters.isEmpty() && endsWithSpace(text)) {
            characters.add(" ");
        }
        Vocabulary vocabulary = encoder.vocabulary();
        Set<String> unknown = new LinkedHashSet<>();
        for (String character : characters) {
            if (!vocabulary.contains(character)) {
                unknown.add(character);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(
                    field,
                    field + " has characters model '" + model.manifest().name() + "' never saw in training: "
                            + unknown.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", ")));
        }
        return characters;
    }

    private static boolean endsWithSpace(String text) {
        int last = text.codePointBefore(text.length());
        return Character.isWhitespace(last) || Character.isSpaceChar(last);
    }

    private static long[] ids(ServedModel model, List<String> characters) {
        return ((TextEncoder) model.encoder()).vocabulary().encode(characters);
    }
}
