package io.github.rnnserving.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground page's DOM contract (ids and classes shared with the page) as the tests read it:
 * every read is of what the user sees, text and element counts, so a blank page cannot pass.
 */
final class PlaygroundPage {

    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d+)?)\\s?%");

    /**
     * Runs before the page's own scripts on every load: each {@code /classify}, {@code /generate}
     * and {@code /score} request the page starts is logged with its body and Accept header, so a
     * test can tell a request that was never sent from one that is still on its way, and replay
     * what the page sent.
     */
    private static final String RECORD_CALLS = """
            window.__calls = [];
            const pageFetch = window.fetch.bind(window);
            window.fetch = function (input, init) {
              const url = typeof input === 'string' ? input : (input && input.url) || String(input);
              if (/\\/(classify|generate|score)$/.test(url)) {
                const body = init && typeof init.body === 'string' ? init.body : '';
                const accept = (init && init.headers && init.headers.Accept) || '';
                window.__calls.push({ url: url, body: body, accept: accept });
              }
              return pageFetch(input, init);
            };
            """;

    final ChromeDriver driver;
    private final String url;

    PlaygroundPage(ChromeDriver driver, String url) {
        this.driver = driver;
        this.url = url;
        HeadlessChromium.cdp(driver, "Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_CALLS));
    }

    /** Loads the page afresh and waits until its tabs show. */
    void open() {
        driver.get(url);
        await(Duration.ofSeconds(20), "the tabs shown", () -> {
            WebElement tab = driver.findElement(By.id("tab-draw"));
            return tab.isDisplayed() && !tab.getText().isBlank();
        });
    }

    /** Clicks a tab (draw, type, models, train) and waits for its panel to show. */
    WebElement showTab(String name) {
        driver.findElement(By.id("tab-" + name)).click();
        WebElement panel = driver.findElement(By.id("panel-" + name));
        await(Duration.ofSeconds(5), "panel " + name + " shown", panel::isDisplayed);
        assertThat(driver.findElement(By.id("tab-" + name)).getDomAttribute("aria-selected"))
                .as("the active tab says so to assistive technology")
                .isEqualTo("true");
        return panel;
    }

    /** Chooses {@code value} in a select once the page has filled it (from GET /models for models). */
    void choose(String selectId, String value) {
        await(
                Duration.ofSeconds(20),
                selectId + " offering " + value,
                () -> options(selectId).contains(value));
        // by index: an option written without a value attribute has its text as its value
        new Select(driver.findElement(By.id(selectId)))
                .selectByIndex(options(selectId).indexOf(value));
        assertThat(driver.findElement(By.id(selectId)).getDomProperty("value")).isEqualTo(value);
    }

    /** The options' values as the form submits them (the text where no value attribute is set). */
    List<String> options(String selectId) {
        return new Select(driver.findElement(By.id(selectId)))
                .getOptions().stream()
                        .map(option -> option.getDomProperty("value"))
                        .toList();
    }

    void fill(String inputId, String text) {
        WebElement input = driver.findElement(By.id(inputId));
        input.clear();
        input.sendKeys(text);
    }

    /** The visible labels of the result bars in {@code #<results>}, top first. */
    List<String> barLabels(String results) {
        return texts("#" + results + " .bar .bar-label");
    }

    /** The bars' values as the user reads them ("97.1%"), parsed to percentages. */
    List<Double> barPercents(String results) {
        return texts("#" + results + " .bar .bar-value").stream()
                .map(PlaygroundPage::percent)
                .toList();
    }

    static double percent(String shown) {
        Matcher matcher = PERCENT.matcher(shown.trim());
        assertThat(matcher.matches())
                .as("a percentage such as 97.1%%, shown: '%s'", shown)
                .isTrue();
        double value = Double.parseDouble(matcher.group(1));
        assertThat(value).isBetween(0.0, 100.0);
        return value;
    }

    /** Waits until the first bar reads {@code label}; returns all labels then. */
    List<String> awaitTopLabel(String results, String label, Duration timeout) {
        await(timeout, "top label " + label + " in #" + results, () -> {
            List<String> labels = barLabels(results);
            return !labels.isEmpty() && labels.get(0).equals(label);
        });
        return barLabels(results);
    }

    List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream()
                .map(element -> element.getText().trim())
                .toList();
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText().trim();
    }

    int count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    /** The {@code /classify} request bodies the page has sent since it loaded. */
    List<String> classifyBodies() {
        return calls("/classify").stream().map(call -> call.get("body")).toList();
    }

    /** The requests to {@code path} the page has sent since it loaded: url, body and accept. */
    @SuppressWarnings("unchecked")
    List<Map<String, String>> calls(String path) {
        List<Map<String, Object>> calls =
                (List<Map<String, Object>>) driver.executeScript("return window.__calls || [];");
        return calls.stream()
                .filter(call -> String.valueOf(call.get("url")).endsWith(path))
                .map(call -> Map.of(
                        "url", String.valueOf(call.get("url")),
                        "body", String.valueOf(call.get("body")),
                        "accept", String.valueOf(call.get("accept"))))
                .toList();
    }

    /** Pixels of the drawing canvas brighter than mid-grey: the ink (white on black). */
    long inkPixels() {
        Object count = driver.executeScript("""
                const canvas = document.getElementById('draw-canvas');
                const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let ink = 0;
                for (let i = 0; i < data.length; i += 4) { if (data[i] > 127) ink++; }
                return ink;""");
        return ((Number) count).longValue();
    }

    String activeElementId() {
        return String.valueOf(driver.executeScript("return document.activeElement && document.activeElement.id;"));
    }

    void await(Duration timeout, String what, Check check) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                .withMessage(() -> what + " (page text now: "
                        + driver.findElement(By.tagName("body")).getText().replace('\n', ' ') + ")")
                .until(d -> {
                    try {
                        return check.holds();
                    } catch (org.openqa.selenium.StaleElementReferenceException rerendered) {
                        // the page redrew the element between the find and the read: ask again
                        return false;
                    }
                });
    }

    @FunctionalInterface
    interface Check {
        boolean holds();
    }
}
