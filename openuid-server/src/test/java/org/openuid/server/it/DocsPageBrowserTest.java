package org.openuid.server.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openuid.server.docs.OpenApiDescription;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The {@code /docs} page (demo mode) in headless Chromium: its inline script runs under the page's
 * Content-Security-Policy (allowed by hash) and renders every operation and schema of {@code /openapi.json}, with
 * nothing loaded from anywhere else. The screenshot goes to {@code target/screenshots/docs.png}.
 */
class DocsPageBrowserTest {
    static TestOperator op;
    static WebDriver driver;
    static Path profile;

    @BeforeAll
    static void start() throws Exception {
        assumeFalse(TestStores.postgres(), "the page does not depend on the store: the embedded pass covers it");
        op = TestOperator.bootstrapped(Map.of("demo_mode", "true"), System::currentTimeMillis);
        System.setProperty("webdriver.chrome.driver", AdminConsoleBrowserTest.CHROMEDRIVER);
        System.setProperty("SE_OFFLINE", "true");
        profile = Files.createTempDirectory("openuid-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(AdminConsoleBrowserTest.CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(AdminConsoleBrowserTest.CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) driver.quit();
        if (op != null) op.close();
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void thePageRendersEveryOperationAndSchema() throws Exception {
        OpenApiDescription description = OpenApiDescription.load();
        int operations = description.operations().size();
        int schemas = description.root.at("/components/schemas").size();
        driver.get(op.baseUrl + "/docs");
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("section.op")).size() == operations + schemas);
        assertThat(driver.findElement(By.id("title")).getText()).isEqualTo("OpenUID operator API " + description.root.at("/info/version").asText());
        assertThat(driver.findElement(By.id("subtitle")).getAttribute("class")).isNotEqualTo("error");
        assertThat(driver.findElements(By.cssSelector("nav a"))).hasSize(operations + schemas);
        assertThat(driver.findElement(By.id("tokenGenerate")).getText())
                .contains("POST", "/v2/token/generate", "API key with role GENERATOR", "Invalid Identifier");
        Path screenshots = Path.of(System.getProperty("openuid.screenshots", "target/screenshots"));
        Files.createDirectories(screenshots);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve("docs.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void thePageIsServedOnlyInDemoMode() throws Exception {
        try (TestOperator plain = TestOperator.bootstrapped(Map.of(), System::currentTimeMillis)) {
            assertThat(plain.api.send("GET", "/docs", null, null).statusCode()).isEqualTo(404);
            assertThat(plain.api.send("GET", "/openapi.json", null, null).statusCode()).isEqualTo(200);
        }
    }
}
