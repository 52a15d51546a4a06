package org.openuid.server.it;

import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Headless Chromium for the browser tests: Debian's {@code /usr/bin/chromium} driven by {@code /usr/bin/chromedriver}
 * (nothing is downloaded), a throw-away profile, a viewport of a given size (a desktop or a phone, set through the
 * DevTools protocol so that it is exact), screenshots under {@code target/screenshots/}, and the layout checks the
 * tests share: no sideways scrolling of the page, and no word broken across lines.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final int DESKTOP = 1280;
    static final int PHONE = 390;

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final Path profile;
    private final Path screenshots;

    private Browser(ChromeDriver driver, Path profile, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    static Browser start() throws Exception {
        Path screenshots = Path.of(System.getProperty("openuid.screenshots", "target/screenshots"));
        Files.createDirectories(screenshots);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        System.setProperty("SE_OFFLINE", "true");
        Path profile = Files.createTempDirectory("openuid-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        Browser b = new Browser(new ChromeDriver(service, options), profile, screenshots);
        b.viewport(DESKTOP);
        return b;
    }

    /** Makes the page {@code width} CSS pixels wide (a phone at {@link #PHONE}: mobile, touch-sized). */
    void viewport(int width) {
        boolean phone = width < 600;
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", phone ? 844 : 900,
                "deviceScaleFactor", 1, "mobile", phone));
    }

    Object js(String script, Object... args) { return ((JavascriptExecutor) driver).executeScript(script, args); }

    /**
     * How many CSS pixels the page is wider than the viewport (0 when it does not scroll sideways). The layout width
     * is the root element's client width: a phone zooms out to show a page wider than it, which makes innerWidth grow.
     */
    long sidewaysOverflow() {
        return ((Number) js("return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth);")).longValue();
    }

    /**
     * The elements that reach past the right edge of the viewport (clipped or not), except inside a box that scrolls
     * sideways on purpose (a wide table, the navigation strip), as "tag#id.class".
     */
    @SuppressWarnings("unchecked")
    List<String> elementsPastTheRightEdge() {
        return (List<String>) js("""
                const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) {
                  const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
                return [...document.body.querySelectorAll('*')]
                  .filter(e => e.getClientRects().length > 0 && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !scrolls(e))
                  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className : ''));""");
    }

    /**
     * The words (split at spaces, and after '-', ',', '/', ':' and ';') of the elements that {@code css} selects
     * that the browser laid out over more than one line.
     */
    @SuppressWarnings("unchecked")
    List<String> brokenWords(String css) {
        return (List<String>) js("""
                const broken = [];
                for (const cell of document.querySelectorAll(arguments[0])) {
                  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const re = /[^\\s\\-,\\/:;]+[\\-,\\/:;]?/g;
                    let m;
                    while ((m = re.exec(node.data)) !== null) {
                      const range = document.createRange();
                      range.setStart(node, m.index);
                      range.setEnd(node, m.index + m[0].length);
                      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                      if (tops.size > 1) broken.push(m[0]);
                    }
                  }
                }
                return broken;""", css);
    }

    WebElement visible(By by) {
        try {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
        } catch (TimeoutException e) {
            try {
                shot("failure");
            } catch (Exception ignored) {
                // the timeout is what matters
            }
            throw e;
        }
    }

    void type(By by, String text) {
        WebElement e = visible(by);
        e.clear();
        e.sendKeys(text);
    }

    void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /** The confirmation the page asks for: its text, after accepting ({@code yes}) or cancelling it. */
    String confirm(boolean yes) {
        Alert alert = wait.until(ExpectedConditions.alertIsPresent());
        String text = alert.getText();
        if (yes) alert.accept();
        else alert.dismiss();
        return text;
    }

    void shot(String name) throws Exception {
        Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() throws Exception {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
