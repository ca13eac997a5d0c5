package io.github.rnnserving.data;

import static io.github.rnnserving.data.ClassFolderReaderTest.countByLabel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

        assertEquals(fromImmutable, fromLinked);
    }

    @Test
    void differentSeedsGiveDifferentSplits() {
        DatasetSplit<TextExample> seed1 = new DatasetSplitter(new SplitOptions(1, 0.1, 0.1, false)).split(names);
        DatasetSplit<TextExample> seed2 = new DatasetSplitter(new SplitOptions(2, 0.1, 0.1, false)).split(names);

        assertNotEquals(seed1.test(), seed2.test());
        assertNotEquals(seed1.validation(), seed2.validation());
    }

    @Test
    void everyExampleLandsInExactlyOneSplitInInputOrder() {
        DatasetSplit<TextExample> split = new DatasetSplitter(new SplitOptions(7, 0.15, 0.2, false)).split(names);

        Map<TextExample, Boolean> seen = new IdentityHashMap<>();
        for (List<TextExample> part : List.of(split.train(), split.validation(), split.test())) {
            part.forEach(example -> assertNull(seen.put(example, true), "twice: " + example));
            assertTrue(isSubsequence(part, names), "a split keeps the input order");
        }
        assertEquals(names.size(), seen.size());
        assertEquals(names.size(), split.size());
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
            assertEquals(testFraction * count, test.getOrDefault(label, 0L), 0.5, label);
            assertEquals(validationFraction * count, validation.getOrDefault(label, 0L), 0.5, label);
            assertEquals((1 - testFraction - validationFraction) * count, train.getOrDefault(label, 0L), 1.0, label);
        });
    }

    @Test
    void groupedDuplicatesNeverStraddleSplits() {
        DatasetSplit<TextExample> split = new DatasetSplitter(new SplitOptions(3, 0.1, 0.1, true)).split(names);

        Set<String> train = texts(split.train());
        Set<String> validation = texts(split.validation());
        Set<String> test = texts(split.test());
        assertEquals(names.size(), split.size());
        assertTrue(Collections.disjoint(train, validation));
        assertTrue(Collections.disjoint(train, test));
        assertTrue(Collections.disjoint(validation, test));
        // some names repeat, within a language and across two ("Baba": Arabic and Japanese)
        assertTrue(texts(names).size() < names.size());
        assertEquals(0.1, split.test().size() / (double) names.size(), 0.01);
        assertEquals(0.1, split.validation().size() / (double) names.size(), 0.01);
    }

    @Test
    void ungroupedSplitLetsDuplicatesStraddle() {
        DatasetSplit<TextExample> split = new DatasetSplitter(new SplitOptions(3, 0.1, 0.1, false)).split(names);

        assertTrue(!Collections.disjoint(texts(split.train()), texts(split.test())));
    }

    @Test
    void givenTestSetIsKeptAndOnlyValidationIsDrawn() {
        List<TextExample> test = names.subList(0, 100);
        List<TextExample> training = names.subList(100, names.size());
        DatasetSplitter splitter = new DatasetSplitter(new SplitOptions(5, 0.1, 0, false));

        DatasetSplit<TextExample> split = splitter.splitWithGivenTest(training, test);

        assertEquals(test, split.test());
        assertEquals(training.size(), split.train().size() + split.validation().size());
        assertEquals(0.1, split.validation().size() / (double) training.size(), 0.001);
        assertEquals(split, splitter.splitWithGivenTest(new ArrayList<>(training), test));
    }

    @Test
    void givenTestSetRefusesATestFraction() {
        DatasetSplitter splitter = new DatasetSplitter(new SplitOptions(5, 0.1, 0.1, false));

        assertThrows(IllegalArgumentException.class, () -> splitter.splitWithGivenTest(names, names));
    }

    @Test
    void imagesAreNeverGrouped() {
        List<ImageExample> identical = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            identical.add(new ImageExample(new byte[4], 2, 2, "same"));
        }

        DatasetSplit<ImageExample> split = new DatasetSplitter(new SplitOptions(1, 0.2, 0.3, true)).split(identical);

        assertEquals(5, split.train().size());
        assertEquals(2, split.validation().size());
        assertEquals(3, split.test().size());
    }

    @Test
    void tinyLabelsMayHaveNoValidationOrTestExamples() {
        List<TextExample> examples = List.of(new TextExample("only", "rare"));

        DatasetSplit<TextExample> split = new DatasetSplitter(new SplitOptions(1, 0.1, 0.1, false)).split(examples);

        assertSame(examples.get(0), split.train().get(0));
        assertTrue(split.validation().isEmpty() && split.test().isEmpty());
    }

    @Test
    void optionsRejectFractionsOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> new SplitOptions(1, -0.1, 0.1, false));
        assertThrows(IllegalArgumentException.class, () -> new SplitOptions(1, 0.1, 1.0, false));
        assertThrows(IllegalArgumentException.class, () -> new SplitOptions(1, 0.5, 0.5, false));
        assertThrows(IllegalArgumentException.class, () -> new SplitOptions(1, Double.NaN, 0, false));
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
