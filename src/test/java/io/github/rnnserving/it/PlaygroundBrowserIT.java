package io.github.rnnserving.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rnnserving.support.SharedFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import tools.jackson.databind.json.JsonMapper;

/**
 * The playground page in a real headless Chromium against the packaged jar on the default models,
 * as a user meets it: a 7 drawn with the pointer, a name and a Chinese review typed (the review
 * through an input method), a training job watched to its end, a promotion refused for a wrong
 * token, a phone-width screen, and the Draw tab by keyboard alone. Screenshots of each view go to
 * {@code target/playground/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaygroundBrowserIT {

    private static final Duration CLASSIFIED = Duration.ofSeconds(20);
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final String REVIEW = "房间很干净，服务也很热情，下次还会再来";

    private ServiceProcess service;
    private ChromeDriver driver;
    private PlaygroundPage page;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        if (!HeadlessChromium.installed()
                || !Files.isDirectory(SharedFiles.data().resolve("names"))) {
            // nothing to start: each test then says what is missing (requireAll)
            return;
        }
        driver = HeadlessChromium.start();
        Path models = Files.createDirectories(dir.resolve("models"));
        ServiceProcess.copyDefaultModels(models);
        service = ServiceProcess.start(
                Map.of(
                        "rnn.models-dir", models.toString(),
                        "rnn.state-dir", dir.resolve("state").toString(),
                        "rnn.data-dir",
                                SharedFiles.requireData("names").getParent().toString(),
                        "rnn.jobs.poll-interval", "250ms",
                        "rnn.jobs.progress-interval", "100ms"),
                ServiceProcess.logFile("playground-browser"));
        page = new PlaygroundPage(driver, service.baseUrl());
    }

    @BeforeEach
    void requireAll() {
        HeadlessChromium.requireInstalled();
        SharedFiles.requireData("names");
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    void aSevenDrawnWithThePointerIsReadAsSeven() throws Exception {
        page.open();
        page.showTab("draw");
        page.choose("draw-model", "mnist");
        WebElement canvas = driver.findElement(By.id("draw-canvas"));
        try {
            // the 7's bar, then its stem, as fractions of the canvas; release classifies
            drawStroke(canvas, new double[][] {{0.25, 0.22}, {0.75, 0.22}, {0.45, 0.82}});
            List<String> labels = page.awaitTopLabel("draw-results", "7", CLASSIFIED);
            assertThat(labels).as("one bar per top label, no repeats").doesNotHaveDuplicates();
            assertTopFirst(page.barPercents("draw-results"));
            page.await(CLASSIFIED, "28 row steps", () -> page.count("#draw-steps .step") == 28);
            List<WebElement> steps = driver.findElements(By.cssSelector("#draw-steps .step"));
            String last =
                    steps.get(27).getDomAttribute("title") + " " + steps.get(27).getText();
            assertThat(last)
                    .as("after the last row the top label is the answer")
                    .contains("7");
            assertThat(page.classifyBodies()).last().asString().contains("\"explain\":true");
        } finally {
            HeadlessChromium.screenshot(driver, "draw");
        }
    }

    @Test
    void nakamuraTypedIsJapaneseWithOneChartStepPerCharacter() throws Exception {
        page.open();
        page.showTab("type");
        page.choose("type-model", "names");
        try {
            driver.findElement(By.id("type-text")).sendKeys("Nakamura");
            page.awaitTopLabel("type-results", "Japanese", CLASSIFIED);
            page.await(CLASSIFIED, "a chart step per character", () -> page.count("#type-chart .chart-step") == 8);
            assertTopFirst(page.barPercents("type-results"));
            assertThat(String.join("", page.texts("#type-chart .chart-step")))
                    .as("the characters under the chart")
                    .isEqualTo("Nakamura");
            List<WebElement> lines = driver.findElements(By.cssSelector("#type-chart polyline"));
            assertThat(lines)
                    .as("a line for each of the top labels")
                    .isNotEmpty()
                    .hasSizeLessThanOrEqualTo(page.barLabels("type-results").size());
            assertThat(lines)
                    .as("each line has a point per character")
                    .allSatisfy(line -> assertThat(
                                    line.getDomAttribute("points").trim().split("\\s+"))
                            .hasSize(8));
            assertThat(page.classifyBodies())
                    .as("debounced: fewer requests than keystrokes")
                    .hasSizeLessThan("Nakamura".length());
        } finally {
            HeadlessChromium.screenshot(driver, "type");
        }
    }

    @Test
    void aChineseReviewComposedThroughAnInputMethodIsSentOnlyOnceCommitted() throws Exception {
        page.open();
        page.showTab("type");
        page.choose("type-model", "sentiment-zh");
        driver.findElement(By.id("type-text")).click();
        int before = page.classifyBodies().size();
        try {
            // pinyin, then the candidates the input method shows while the user picks characters
            for (String composing : List.of("fang", "房", "房间", "房间很干净", "房间很干净，服务也很热情")) {
                HeadlessChromium.cdp(
                        driver,
                        "Input.imeSetComposition",
                        Map.of(
                                "text",
                                composing,
                                "selectionStart",
                                composing.length(),
                                "selectionEnd",
                                composing.length()));
                // longer than the page's debounce: a request would have gone out by now
                Thread.sleep(400);
            }
            assertThat(page.classifyBodies()).as("requests while composing").hasSize(before);
            assertThat(page.barLabels("type-results"))
                    .as("results while composing")
                    .isEmpty();

            HeadlessChromium.cdp(driver, "Input.insertText", Map.of("text", REVIEW));
            page.awaitTopLabel("type-results", "positive", CLASSIFIED);
            assertThat(driver.findElement(By.id("type-text")).getDomProperty("value"))
                    .isEqualTo(REVIEW);
            assertThat(page.classifyBodies())
                    .as("the committed review was sent")
                    .hasSizeGreaterThan(before)
                    .last()
                    .asString()
                    .contains(REVIEW);
            assertThat(page.count("#type-chart .chart-step")).isPositive();
        } finally {
            HeadlessChromium.screenshot(driver, "type-chinese");
        }
    }

    @Test
    void aSmallTrainingJobDrawsItsChartEpochByEpochUntilItSucceeds() throws Exception {
        int epochs = 3;
        page.open();
        saveToken(ServiceProcess.TOKEN);
        page.showTab("train");
        try {
            page.fill("train-model", "browser-names");
            page.choose("train-dataset", "names");
            page.choose("train-cell", "gru");
            page.fill("train-layers", "1");
            page.fill("train-hidden", "16");
            page.fill("train-epochs", String.valueOf(epochs));
            page.fill("train-limit", "2000");
            driver.findElement(By.id("train-submit")).click();

            // every chart size seen while the job runs: growing means more than the end state alone
            Set<Integer> seen = new TreeSet<>();
            List<String> states = new ArrayList<>();
            page.await(Duration.ofMinutes(2), "the job ended", () -> {
                seen.add(page.count("#train-chart .epoch-point"));
                String state = page.text("train-status");
                if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
                    states.add(state);
                }
                return state.contains("SUCCEEDED") || state.contains("FAILED") || state.contains("CANCELLED");
            });
            assertThat(page.text("train-status")).as("states seen: %s", states).contains("SUCCEEDED");
            page.await(
                    Duration.ofSeconds(5),
                    "a point per epoch (per series)",
                    () -> page.count("#train-chart .epoch-point") % epochs == 0
                            && page.count("#train-chart .epoch-point") > 0);
            int points = page.count("#train-chart .epoch-point");
            assertThat(points)
                    .as("one point per finished epoch, for loss and accuracy")
                    .isIn(epochs, 2 * epochs);
            seen.add(points);
            assertThat(seen)
                    .as("the chart grew while the job ran (point counts seen %s)", seen)
                    .anyMatch(count -> count > 0 && count < points);
            assertThat(service.get("/models").toString()).contains("\"browser-names\"");
        } finally {
            HeadlessChromium.screenshot(driver, "train");
        }
    }

    @Test
    void aFieldTheServerRefusesIsExplainedNextToItsInput() throws Exception {
        page.open();
        saveToken(ServiceProcess.TOKEN);
        page.showTab("train");
        try {
            // passes the input's own pattern, so only the server can say what is wrong with it
            page.fill("train-model", "-x");
            page.fill("train-limit", "100");
            driver.findElement(By.id("train-submit")).click();
            By note = By.cssSelector("#train-form .field-error[data-field='model']");
            page.await(
                    CLASSIFIED,
                    "the problem shown by the name field",
                    () -> !driver.findElements(note).isEmpty());
            assertThat(driver.findElement(note).getText()).contains("'-x'").contains("start with a letter or digit");
            assertThat(driver.executeScript(
                            "return document.getElementById('train-model').nextElementSibling.dataset.field;"))
                    .as("placed right after the input it belongs to")
                    .isEqualTo("model");
            assertThat(driver.findElement(By.id("train-model")).getDomAttribute("aria-invalid"))
                    .isEqualTo("true");
            assertThat(page.text("train-status")).doesNotContain("QUEUED", "RUNNING");
        } finally {
            HeadlessChromium.screenshot(driver, "train-field-error");
        }
    }

    @Test
    void aPromotionWithAWrongTokenShowsTheServersRefusal() throws Exception {
        page.open();
        page.showTab("models");
        saveToken("not-the-token");
        try {
            By namesRow = By.cssSelector("#models-list tr.model-row[data-model='names']");
            page.await(
                    CLASSIFIED,
                    "the names model listed",
                    () -> !driver.findElements(namesRow).isEmpty());
            // the list may be redrawn (a refresh after the token is saved): find and click afresh until it holds
            List<String> clicked = new ArrayList<>();
            page.await(CLASSIFIED, "promote clicked", () -> {
                WebElement row = driver.findElement(namesRow);
                String version = row.getDomAttribute("data-version");
                row.findElement(By.cssSelector("button.promote")).click();
                return clicked.add(version);
            });
            String version = clicked.get(0);

            String detail = refusedPromotionDetail("names", version);
            page.await(
                    CLASSIFIED,
                    "the refusal shown",
                    () -> !page.text("models-error").isEmpty());
            assertThat(page.text("models-error")).contains(detail);
            assertThat(driver.findElements(By.cssSelector("#models-list tr.model-row[data-model='names'] .serving")))
                    .as("the serving version is still marked")
                    .isNotEmpty()
                    .anyMatch(cell -> !cell.getText().isBlank());
        } finally {
            HeadlessChromium.screenshot(driver, "models");
        }
    }

    @Test
    void atPhoneWidthNoTabScrollsSideways() throws Exception {
        page.open();
        driver.manage().window().setSize(new Dimension(375, 812));
        try {
            Map<String, String> mainControl =
                    Map.of("draw", "draw-canvas", "type", "type-text", "models", "models-list", "train", "train-form");
            for (String tab : List.of("draw", "type", "models", "train")) {
                page.showTab(tab);
                WebElement control = driver.findElement(By.id(mainControl.get(tab)));
                assertThat(control.isDisplayed())
                        .as(tab + ": its main control shows")
                        .isTrue();
                long innerWidth = number("return window.innerWidth;");
                assertThat(number("return document.documentElement.scrollWidth;"))
                        .as(tab + ": page width within the 375 px window")
                        .isLessThanOrEqualTo(innerWidth);
                assertThat(control.getRect().getX() + control.getRect().getWidth())
                        .as(tab + ": " + mainControl.get(tab) + " inside the window")
                        .isLessThanOrEqualTo((int) innerWidth);
                HeadlessChromium.screenshot(driver, "narrow-" + tab);
            }
        } finally {
            driver.manage().window().setSize(DESKTOP);
        }
    }

    @Test
    void theDrawFlowWorksByKeyboardAlone() throws Exception {
        page.open();
        Actions keys = new Actions(driver);
        tabUntil("tab-draw", 30);
        keys.sendKeys(Keys.ENTER).perform();
        assertThat(driver.findElement(By.id("panel-draw")).isDisplayed()).isTrue();
        tabUntil("draw-model", 10);
        page.await(
                CLASSIFIED,
                "image models listed",
                () -> page.options("draw-model").contains("mnist"));
        // a closed select picks the option whose text starts with what is typed; Home first, because
        // typing from the chosen mnist would move on to the next match, mnist-stream
        keys.sendKeys(Keys.HOME).perform();
        keys.sendKeys("mnist").perform();
        assertThat(driver.findElement(By.id("draw-model")).getDomProperty("value"))
                .isEqualTo("mnist");
        tabUntil("draw-canvas", 10);
        try {
            long blank = page.inkPixels();
            // a 1: the cursor up with the pen lifted, the pen down, straight down, the pen up
            press(keys, Keys.ARROW_UP, 8);
            keys.sendKeys(Keys.SPACE).perform();
            press(keys, Keys.ARROW_DOWN, 16);
            keys.sendKeys(Keys.SPACE).perform();
            assertThat(page.inkPixels()).as("the stroke painted").isGreaterThan(blank + 50);
            keys.sendKeys(Keys.ENTER).perform();
            page.await(
                    CLASSIFIED,
                    "results",
                    () -> !page.barLabels("draw-results").isEmpty()
                            && !page.barLabels("draw-results").get(0).isEmpty());
            assertThat(page.barLabels("draw-results")).allMatch(label -> !label.isBlank());
            assertTopFirst(page.barPercents("draw-results"));
            page.await(CLASSIFIED, "28 row steps", () -> page.count("#draw-steps .step") == 28);
            assertThat(page.activeElementId())
                    .as("focus stays on the canvas for another try")
                    .isEqualTo("draw-canvas");
        } finally {
            HeadlessChromium.screenshot(driver, "draw-keyboard");
        }
    }

    /** Presses Tab until {@code id} has the focus, as a keyboard user moves through the page. */
    private void tabUntil(String id, int most) {
        Actions keys = new Actions(driver);
        for (int i = 0; i < most && !id.equals(page.activeElementId()); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertThat(page.activeElementId()).as("focus reached by Tab").isEqualTo(id);
    }

    private static void press(Actions keys, Keys key, int times) {
        for (int i = 0; i < times; i++) {
            keys.sendKeys(key).perform();
        }
    }

    /** Press, move through {@code points} (fractions of the canvas) in small steps, release. */
    private void drawStroke(WebElement canvas, double[][] points) {
        PointerInput pen = new PointerInput(PointerInput.Kind.MOUSE, "pen");
        Sequence stroke = new Sequence(pen, 0);
        int width = canvas.getRect().getWidth();
        int height = canvas.getRect().getHeight();
        stroke.addAction(move(pen, canvas, points[0], width, height));
        stroke.addAction(pen.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        for (int segment = 1; segment < points.length; segment++) {
            double[] from = points[segment - 1];
            double[] to = points[segment];
            for (int step = 1; step <= 12; step++) {
                double t = step / 12.0;
                double[] at = {from[0] + t * (to[0] - from[0]), from[1] + t * (to[1] - from[1])};
                stroke.addAction(move(pen, canvas, at, width, height));
            }
        }
        stroke.addAction(pen.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        driver.perform(List.of(stroke));
    }

    /** A move to a point given as fractions of the canvas (offsets count from its centre). */
    private static org.openqa.selenium.interactions.Interaction move(
            PointerInput pen, WebElement canvas, double[] at, int width, int height) {
        return pen.createPointerMove(
                Duration.ofMillis(10),
                PointerInput.Origin.fromElement(canvas),
                (int) Math.round((at[0] - 0.5) * width),
                (int) Math.round((at[1] - 0.5) * height));
    }

    /** Enters {@code token} in the Models tab's token field and saves it (sessionStorage only). */
    private void saveToken(String token) {
        page.showTab("models");
        page.fill("admin-token", token);
        driver.findElement(By.id("admin-token-save")).click();
        Object stored = driver.executeScript(
                "return Object.keys(sessionStorage).some(k => sessionStorage.getItem(k) === arguments[0]);", token);
        assertThat(stored).as("the token kept in sessionStorage").isEqualTo(true);
        Object persisted = driver.executeScript(
                "return Object.keys(localStorage).some(k => localStorage.getItem(k) === arguments[0]);", token);
        assertThat(persisted).as("the token not kept in localStorage").isEqualTo(false);
    }

    /** The detail of the server's own 401 for this promotion, to compare with what the page shows. */
    private String refusedPromotionDetail(String model, String version) throws Exception {
        HttpResponse<String> refused = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        service.baseUrl() + "models/" + model + "/versions/" + version + "/promote"))
                                .header("Authorization", "Bearer not-the-token")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        String detail = JsonMapper.builder()
                .build()
                .readTree(refused.body())
                .get("detail")
                .asString();
        assertThat(detail).isNotBlank();
        return detail;
    }

    private static void assertTopFirst(List<Double> percents) {
        assertThat(percents).as("bar values").isNotEmpty();
        assertThat(percents).as("top first").isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    private long number(String script) {
        return ((Number) driver.executeScript(script)).longValue();
    }
}
