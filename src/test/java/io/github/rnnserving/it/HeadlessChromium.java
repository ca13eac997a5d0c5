package io.github.rnnserving.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} driven headless through Debian's {@code chromedriver}, both named by
 * path so Selenium Manager never looks for (or downloads) a browser. On CI ({@code CI=true}) a
 * missing browser fails the test, so a machine without it cannot pass green; elsewhere the test is
 * skipped with the path it looked for, as {@code SharedFiles} does for the data.
 */
final class HeadlessChromium {

    static final Path SCREENSHOTS = Path.of("target", "playground");

    private HeadlessChromium() {}

    private static Path browser() {
        return Path.of(System.getProperty("rnn.chromium", "/usr/bin/chromium"));
    }

    private static Path driverBinary() {
        return Path.of(System.getProperty("rnn.chromedriver", "/usr/bin/chromedriver"));
    }

    static boolean installed() {
        return Files.isExecutable(browser()) && Files.isExecutable(driverBinary());
    }

    /**
     * Fails on CI, skips elsewhere, naming what is missing. Called before each test rather than once
     * for the class, because Surefire reports a class-level skip as no tests at all, reason lost.
     */
    static void requireInstalled() {
        for (Path needed : new Path[] {browser(), driverBinary()}) {
            if (!Files.isExecutable(needed)) {
                String reason = needed + " missing: the browser tests need Debian's chromium and chromium-driver"
                        + " (apt-get install chromium chromium-driver; .ci/run installs them)";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    fail(reason);
                }
                Assumptions.abort(reason);
            }
        }
    }

    static ChromeDriver start() {
        requireInstalled();
        Path browser = browser();
        Path driverBinary = driverBinary();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start;
        // --disable-dev-shm-usage: a container's /dev/shm is often too small for the renderer
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                "--lang=en-US",
                "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driverBinary.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return driver;
    }

    /**
     * The whole page, scrolled parts included (a viewport shot cuts the Draw tab's row strip and the
     * training chart off), for the README and for reading a failure afterwards.
     */
    static void screenshot(ChromeDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Map<?, ?> size = (Map<?, ?>) driver.executeScript(
                "const e = document.documentElement; return {width: e.scrollWidth, height: e.scrollHeight};");
        Map<String, Object> clip = Map.of(
                "x", 0,
                "y", 0,
                "width", ((Number) size.get("width")).intValue(),
                "height", ((Number) size.get("height")).intValue(),
                "scale", 1);
        Map<String, Object> shot = cdp(
                driver, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }

    /**
     * A DevTools command through chromedriver's own endpoint, which works whatever the Chrome major
     * (Selenium's typed DevTools classes exist per major, and Debian moves it on its own schedule).
     */
    static Map<String, Object> cdp(ChromeDriver driver, String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }
}
