package io.github.rnnserving.data;

import static io.github.rnnserving.data.ClassFolderReaderTest.countByLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import io.github.rnnserving.support.SharedFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetSplitterTest {

    private List<TextExample> names;

    @BeforeAll
    void readNames() {
        names = new ClassFolderReader(SharedFiles.data().resolve("names"), StandardCharsets.UTF_8).read();
    }

    @Test
    void sameSeedGivesTheSameSplitWhateverTheListImplementation() {
        DatasetSplitter splitter = new DatasetSplitter(new SplitOptions(42, 0.1, 0.1, true));

        DatasetSplit<TextExample> fromImmutable = splitter.split(names);
        DatasetSplit<TextExample> fromLinked = splitter.split(new LinkedList<>(names));

        assertThat(fromLinked).isEqualTo(fromImmutable);
    }

    @Test
    void differentSeedsGiveDifferentSplits() {
        DatasetSplit<TextExample> seed1 = new DatasetSplitter(new SplitOptions(1, 0.1, 0.1, false)).split(names);
        DatasetSplit<TextExample> seed2 = new DatasetSplitter(new SplitOptions(2, 0.1, 0.1, false)).split(names);

        assertThat(seed2.test()).isNotEqualTo(seed1.test());
        assertThat(seed2.validation()).isNotEqualTo(seed1.validation());
    }

    @Test
    void everyExampleLandsInExactlyOneSplitInInputOrder() {
        DatasetSplit<TextExample> split = new DatasetSplitter(new SplitOptions(7, 0.15, 0.2, false)).split(names);

        Map<TextExample, Boolean> seen = new IdentityHashMap<>();
        for (List<TextExample> part : List.of(split.train(), split.validation(), split.test())) {
            part.forEach(example ->
                    assertThat(seen.put(example, true)).as("twice: " + example).isNull());
            assertThat(isSubsequence(part, names))
                    .as("a split keeps the input order")
                    .isTrue();
        }
        assertThat(seen.size()).isEqualTo(names.size());
        assertThat(split.size()).isEqualTo(names.size());
    }

    @Test
    void eachLabelKeepsItsShareInEverySplit() {
        double validationFraction = 0.15;
        double testFraction = 0.2;
        DatasetSplit<TextExample> split =
                new DatasetSplitter(new SplitOptions(7, validationFraction, testFraction, false)).split(names);

        Map<String, Long> all = countByLabel(names);
        Map<String, Long> train = countByLabel(split.train());
        Map<String, Long> validation = countByLabel(split.validation());
        Map<String, Long> test = countByLabel(split.test());
        all.forEach((label, count) -> {
            assertThat((double) test.getOrDefault(label, 0L)).as(label).isCloseTo(testFraction * count, within(0.5));
            assertThat((double) validation.getOrDefault(label, 0L))
                    .as(label)
                    .isCloseTo(validationFraction * count, within(0.5));
            assertThat((double) train.getOrDefault(label, 0L))
                    .as(label)
                    .isCloseTo((1 - testFraction - validationFraction) * count, within(1.0));
        });
    }

    @Test
    void groupedDuplicatesNeverStraddleSplits() {
        DatasetSplit<TextExample> split = new DatasetSplitter(new SplitOptions(3, 0.1, 0.1, true)).split(names);

        Set<String> train = texts(split.train());
        Set<String> validation = texts(split.validation());
        Set<String> test = texts(split.test());
        assertThat(split.size()).isEqualTo(names.size());
        assertThat(Collections.disjoint(train, validation)).isTrue();
        assertThat(Collections.disjoint(train, test)).isTrue();
        assertThat(Collections.disjoint(validation, test)).isTrue();
        // some names repeat, within a language and across two ("Baba": Arabic and Japanese)
        assertThat(texts(names).size() < names.size()).isTrue();
        assertThat(split.test().size() / (double) names.size()).isCloseTo(0.1, within(0.01));
        assertThat(split.validation().size() / (double) names.size()).isCloseTo(0.1, within(0.01));
    }

    @Test
    void ungroupedSplitLetsDuplicatesStraddle() {
        DatasetSplit<TextExample> split = new DatasetSplitter(new SplitOptions(3, 0.1, 0.1, false)).split(names);

        assertThat(Collections.disjoint(texts(split.train()), texts(split.test())))
                .isFalse();
    }

    @Test
    void givenTestSetIsKeptAndOnlyValidationIsDrawn() {
        List<TextExample> test = names.subList(0, 100);
        List<TextExample> training = names.subList(100, names.size());
        DatasetSplitter splitter = new DatasetSplitter(new SplitOptions(5, 0.1, 0, false));

        DatasetSplit<TextExample> split = splitter.splitWithGivenTest(training, test);

        assertThat(split.test()).isEqualTo(test);
        assertThat(split.train().size() + split.validation().size()).isEqualTo(training.size());
        assertThat(split.validation().size() / (double) training.size()).isCloseTo(0.1, within(0.001));
        assertThat(splitter.splitWithGivenTest(new ArrayList<>(training), test)).isEqualTo(split);
    }

    @Test
    void givenTestSetRefusesATestFraction() {
        DatasetSplitter splitter = new DatasetSplitter(new SplitOptions(5, 0.1, 0.1, false));

        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> splitter.splitWithGivenTest(names, names));
    }

    @Test
    void imagesAreNeverGrouped() {
        List<ImageExample> identical = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            identical.add(new ImageExample(new byte[4], 2, 2, "same"));
        }

        DatasetSplit<ImageExample> split = new DatasetSplitter(new SplitOptions(1, 0.2, 0.3, true)).split(identical);

        assertThat(split.train().size()).isEqualTo(5);
        assertThat(split.validation().size()).isEqualTo(2);
        assertThat(split.test().size()).isEqualTo(3);
    }

    @Test
    void tinyLabelsMayHaveNoValidationOrTestExamples() {
        List<TextExample> examples = List.of(new TextExample("only", "rare"));

        DatasetSplit<TextExample> split = new DatasetSplitter(new SplitOptions(1, 0.1, 0.1, false)).split(examples);

        assertThat(split.train().get(0)).isSameAs(examples.get(0));
        assertThat(split.validation().isEmpty() && split.test().isEmpty()).isTrue();
    }

    @Test
    void optionsRejectFractionsOutsideTheUnitInterval() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new SplitOptions(1, -0.1, 0.1, false));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new SplitOptions(1, 0.1, 1.0, false));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new SplitOptions(1, 0.5, 0.5, false));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new SplitOptions(1, Double.NaN, 0, false));
    }

    private static Set<String> texts(List<TextExample> examples) {
        Set<String> texts = new HashSet<>();
        examples.forEach(example -> texts.add(example.text()));
        return texts;
    }

    private static boolean isSubsequence(List<?> part, List<?> whole) {
        int next = 0;
        for (Object element : part) {
            while (next < whole.size() && whole.get(next) != element) {
                next++;
            }
            if (next == whole.size()) {
                return false;
            }
            next++;
        }
        return true;
    }
}
