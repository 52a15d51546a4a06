package org.openuid.server.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The admin console in headless Chromium (Debian's {@code /usr/bin/chromium} driven by {@code /usr/bin/chromedriver};
 * nothing is downloaded): sign in with the admin token, create a site and a client key, use the key against the
 * public API, inspect a token, disable the key and see 401. Screenshots go to {@code target/screenshots/}.
 */
class AdminConsoleBrowserTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static TestOperator op;
    static WebDriver driver;
    static WebDriverWait wait;
    static Path profile;
    static Path screenshots;
    static String console;

    @BeforeAll
    static void start() throws Exception {
        // the console does not depend on the store: one run (on the embedded store) is enough
        assumeFalse(TestStores.postgres(), "the browser test runs with the embedded store only");
        screenshots = Path.of(System.getProperty("openuid.screenshots", "target/screenshots"));
        Files.createDirectories(screenshots);
        op = TestOperator.bootstrapped(Map.of("demo_mode", "true"), System::currentTimeMillis);
        console = "http://127.0.0.1:" + op.node.adminPort() + "/console/";
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        System.setProperty("SE_OFFLINE", "true");
        profile = Files.createTempDirectory("openuid-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
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
    void anOperatorManagesKeysInTheConsoleAndTheyTakeEffectOnThePublicApi() throws Exception {
        // a wrong token is refused on the sign-in page
        driver.get(console);
        type(By.id("login-token"), "OUID-A-wrongtok-" + "x".repeat(40));
        click(By.id("login-submit"));
        assertThat(visible(By.id("error")).getText()).contains("invalid admin token");
        shot("01-login-refused");

        // sign in
        type(By.id("login-token"), AdminHttp.adminToken(op));
        click(By.id("login-submit"));
        visible(By.id("card-requests"));
        assertThat(driver.findElement(By.id("who")).getText()).contains("OUID-A-");
        shot("02-dashboard");

        // create a site
        go("sites");
        type(By.id("site-name"), "Browser News");
        type(By.id("site-domains"), "browsernews.com");
        type(By.id("site-apps"), "com.browsernews.app");
        click(By.id("site-create-submit"));
        String created = visible(By.id("site-created")).getText();
        Matcher m = Pattern.compile("Created site (\\d+)").matcher(created);
        assertThat(m.find()).as(created).isTrue();
        int siteId = Integer.parseInt(m.group(1));
        visible(By.cssSelector("tr[data-site-id='" + siteId + "']"));
        assertThat(op.node.store().site(siteId).orElseThrow().domainNames()).containsExactly("browsernews.com");
        shot("03-sites");

        // create a client key with the GENERATOR role; key and secret are shown once
        go("clients");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#client-site option[value='" + siteId + "']")));
        new Select(driver.findElement(By.id("client-site"))).selectByValue(Integer.toString(siteId));
        type(By.id("client-name"), "Browser backend");
        click(By.id("client-role-GENERATOR"));
        click(By.id("client-create-submit"));
        String keyId = visible(By.id("new-client-key-id")).getText();
        String key = driver.findElement(By.id("new-client-key")).getText();
        String secret = driver.findElement(By.id("new-client-secret")).getText();
        assertThat(key).startsWith("UID2-C-L-" + siteId + "-");
        shot("04-client-created");

        // the key works against the public API
        ApiClient.Reply generated = op.api.v2("/v2/token/generate", key, secret, "{\"email\":\"browser@example.com\"}");
        assertThat(generated.status()).isEqualTo(200);
        String advertisingToken = generated.json().get("body").get("advertising_token").asText();

        // inspect the token in the console
        go("inspector");
        WebElement box = visible(By.id("inspect-token"));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", box, advertisingToken);
        click(By.id("inspect-reveal"));
        click(By.id("inspect-submit"));
        assertThat(visible(By.id("inspect-kind")).getText()).isEqualTo("advertising");
        assertThat(driver.findElement(By.id("inspect-site")).getText()).startsWith(siteId + " – Browser News");
        assertThat(driver.findElement(By.id("inspect-version")).getText()).isEqualTo("4");
        assertThat(driver.findElement(By.id("inspect-client-side")).getText()).isEqualTo("no");
        assertThat(driver.findElement(By.id("inspect-raw-uid")).getText()).hasSize(44);
        shot("05-token-inspector");

        // disable the key in the console: the public API answers 401
        go("clients");
        click(By.cssSelector("tr[data-key-id='" + keyId + "'] button[data-action='disable']"));
        visible(By.id("client-state-changed"));
        visible(By.cssSelector("tr[data-key-id='" + keyId + "'] button[data-action='enable']"));
        assertThat(op.api.v2("/v2/token/generate", key, secret, "{\"email\":\"browser@example.com\"}").status()).isEqualTo(401);
        shot("06-client-disabled");

        // every change is in the audit log
        go("audit");
        WebElement audit = visible(By.id("audit-table"));
        wait.until(d -> audit.getText().contains("client.disable"));
        assertThat(audit.getText()).contains("site.create", "client.create", "client.disable", "token.reveal").doesNotContain(secret);
        shot("07-audit-log");

        // the other pages render
        go("keysets");
        visible(By.id("keysets-table"));
        shot("08-keysets");
        go("keypairs");
        visible(By.id("keypairs-table"));
        go("rotation");
        visible(By.id("keys-table"));
        click(By.id("rotate-keys"));
        visible(By.id("keys-rotated"));
        shot("09-rotation");
        go("optouts");
        visible(By.id("optout-count"));

        // the demo sandbox: generate server-side and client-side, refresh, and inspect
        go("sandbox");
        click(By.id("sandbox-generate"));
        wait.until(d -> d.findElements(By.cssSelector(".sandbox-exchange")).size() == 1);
        assertThat(driver.findElement(By.cssSelector(".sandbox-exchange h2")).getText()).contains("HTTP 200");
        click(By.id("sandbox-refresh"));
        wait.until(d -> d.findElements(By.cssSelector(".sandbox-exchange")).size() == 2);
        click(By.id("sandbox-cstg"));
        wait.until(d -> d.findElements(By.cssSelector(".sandbox-exchange")).size() == 3);
        assertThat(driver.findElement(By.cssSelector(".sandbox-exchange h2")).getText()).isEqualTo("Client-side generate → HTTP 200");
        shot("10-sandbox");
        click(By.id("sandbox-inspect"));
        click(By.id("inspect-submit"));
        assertThat(visible(By.id("inspect-client-side")).getText()).isEqualTo("yes");

        // sign out
        click(By.id("logout"));
        visible(By.id("login-token"));
    }

    private static void go(String view) {
        driver.get(console + "#/" + view);
        wait.until(d -> d.findElement(By.cssSelector("#nav a[data-view='" + view + "']")).getAttribute("class").contains("active"));
    }

    private static WebElement visible(By by) {
        try {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
        } catch (org.openqa.selenium.TimeoutException e) {
            try {
                shot("failure");
            } catch (Exception ignored) {
                // the timeout is what matters
            }
            throw e;
        }
    }

    private static void type(By by, String text) {
        WebElement e = visible(by);
        e.clear();
        e.sendKeys(text);
    }

    private static void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private static void shot(String name) throws Exception {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve(name + ".png"), png);
    }
}
