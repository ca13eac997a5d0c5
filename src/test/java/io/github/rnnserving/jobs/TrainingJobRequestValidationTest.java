package io.github.rnnserving.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rnnserving.support.OptionSpellings;
import io.github.rnnserving.support.SharedFiles;
import io.github.rnnserving.training.TrainingRequest;
import io.github.rnnserving.web.InvalidInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job request's constraints and words without the service: the bounds at their edges (JSON
 * decimals read into floats must not fall just outside them), the messages, and the option words
 * shared with the command line, parsed by {@link JobRequests}.
 */
class TrainingJobRequestValidationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        Locale.setDefault(Locale.ROOT);
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "architecture|dropout|0.9",
                "architecture|hiddenSize|1024",
                "architecture|maxVocabulary|3",
                "training|momentum|0.999",
                "training|weightDecay|0.1",
                "training|learningRate|1",
                "training|learningRateDecay|1",
                "training|classWeightPower|1",
                "training|epochs|100",
                "training|truncation|0"
            })
    void theEdgesOfEachRangeAreAccepted(String section, String field, String value) {
        assertThat(violations(read(section, field, value))).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "architecture|dropout|0.91|architecture.dropout must be at most 0.9, got 0.91",
                "architecture|hiddenSize|1025|architecture.hiddenSize must be at most 1024, got 1025",
                "architecture|layers|0|architecture.layers must be at least 1, got 0",
                "training|momentum|1|training.momentum must be at most 0.999, got 1.0",
                "training|learningRate|0|training.learningRate must be above 0, got 0.0",
                "training|epochs|101|training.epochs must be at most 100, got 101",
                "training|patience|-1|training.patience must be at least 0, got -1"
            })
    void aValueOutsideNamesItsPathAndBound(String section, String field, String value, String expected) {
        List<String> texts = violations(read(section, field, value)).stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessage() + ", got " + v.getInvalidValue())
                .toList();
        assertThat(texts).containsExactly(expected);
    }

    static Stream<OptionSpellings> spellings() {
        return OptionSpellings.all().stream();
    }

    static Stream<OptionSpellings> rejected() {
        return OptionSpellings.rejected().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spellings")
    void acceptsTheSpellingsTheCommandLineAccepts(OptionSpellings spelling) {
        TrainingRequest request = new JobRequests(SharedFiles.data())
                .toTrainingRequest(read(spelling.section(), spelling.json(), "\"" + spelling.word() + "\""));

        Object parsed = switch (spelling.json()) {
            case "cell" -> request.model().cell();
            case "summary" -> request.model().summary();
            case "tokens" -> request.model().tokens();
            case "normalization" -> request.model().normalization();
            case "optimizer" -> request.training().optimizer();
            default -> throw new AssertionError(spelling.json());
        };
        assertThat(parsed).isEqualTo(spelling.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsTheWordsTheCommandLineRejects(OptionSpellings spelling) {
        TrainingJobRequest request = read(spelling.section(), spelling.json(), "\"" + spelling.word() + "\"");

        assertThatThrownBy(() -> new JobRequests(SharedFiles.data()).toTrainingRequest(request))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo(spelling.section() + "." + spelling.json()))
                .hasMessageContaining(spelling.word());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"task\":\"generate\",\"architecture\":{\"bidirectional\":true}}|architecture.bidirectional|"
                        + "cannot be bidirectional",
                "{\"task\":\"generate\",\"architecture\":{\"tokens\":\"words\"}}|architecture.tokens|"
                        + "tokens must be characters",
                "{\"task\":\"write\"}|task|task must be classify or generate, got 'write'",
                "{\"conditioned\":false}|conditioned|conditioned applies to generators",
                "{\"task\":\"generate\",\"dataset\":\"mnist\"}|dataset|a generator learns from texts"
            })
    void whatAGeneratorCannotBeIsRefusedNamingTheField(String json, String field, String detail) {
        String body = json.contains("\"dataset\"")
                ? "{\"model\":\"m\"," + json.substring(1)
                : "{\"model\":\"m\",\"dataset\":\"names\"," + json.substring(1);
        TrainingJobRequest request = JSON.readValue(body, TrainingJobRequest.class);

        assertThatThrownBy(() -> new JobRequests(SharedFiles.data()).toTrainingRequest(request))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(detail);
    }

    @org.junit.jupiter.api.Test
    void aGeneratorRequestIsConditionedUnlessToldOtherwise() {
        JobRequests requests = new JobRequests(SharedFiles.data());
        TrainingRequest conditioned = requests.toTrainingRequest(JSON.readValue(
                "{\"model\":\"m\",\"dataset\":\"names\",\"task\":\"generate\"}", TrainingJobRequest.class));
        TrainingRequest unconditioned = requests.toTrainingRequest(JSON.readValue(
                "{\"model\":\"m\",\"dataset\":\"names\",\"task\":\"generate\",\"conditioned\":false}",
                TrainingJobRequest.class));

        assertThat(conditioned.model().isGenerator()).isTrue();
        assertThat(conditioned.model().conditioned()).isTrue();
        assertThat(unconditioned.model().conditioned()).isFalse();
        assertThat(requests.toTrainingRequest(read("training", "epochs", "2"))
                        .model()
                        .isGenerator())
                .isFalse();
    }

    private static Set<ConstraintViolation<TrainingJobRequest>> violations(TrainingJobRequest request) {
        return validator.validate(request);
    }

    private static TrainingJobRequest read(String section, String field, String jsonValue) {
        return JSON.readValue(
                "{\"model\":\"m\",\"dataset\":\"names\",\"" + section + "\":{\"" + field + "\":" + jsonValue + "}}",
                TrainingJobRequest.class);
    }
}
