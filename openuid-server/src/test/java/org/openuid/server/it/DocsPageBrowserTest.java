package org.openuid.server.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openuid.server.docs.OpenApiDescription;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The {@code /docs} page (demo mode) in headless Chromium ({@link Browser}): its inline script runs under the page's
 * Content-Security-Policy (allowed by hash) and renders every operation and schema of {@code /openapi.json}, with
 * nothing loaded from anywhere else; on a phone the operation list goes above the text, which keeps the width. The
 * screenshots go to {@code target/screenshots/docs-1280.png} and {@code docs-390.png}.
 */
class DocsPageBrowserTest {
    static TestOperator op;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        assumeFalse(TestStores.postgres(), "the page does not depend on the store: the embedded pass covers it");
        op = TestOperator.bootstrapped(Map.of("demo_mode", "true"), System::currentTimeMillis);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (op != null) op.close();
    }

    @Test
    void thePageRendersEveryOperationAndSchema() throws Exception {
        OpenApiDescription description = OpenApiDescription.load();
        int operations = description.operations().size();
        int schemas = description.root.at("/components/schemas").size();
        browser.viewport(Browser.DESKTOP);
        browser.driver.get(op.baseUrl + "/docs");
        browser.wait.until(d -> d.findElements(By.cssSelector("section.op")).size() == operations + schemas);
        assertThat(browser.driver.findElement(By.id("title")).getText()).isEqualTo("OpenUID operator API " + description.root.at("/info/version").asText());
        assertThat(browser.driver.findElement(By.id("subtitle")).getAttribute("class")).isNotEqualTo("error");
        assertThat(browser.driver.findElements(By.cssSelector("nav a"))).hasSize(operations + schemas);
        assertThat(browser.driver.findElement(By.id("tokenGenerate")).getText())
                .contains("POST", "/v2/token/generate", "API key with role GENERATOR", "Invalid Identifier");
        assertThat(browser.sidewaysOverflow()).isZero();
        browser.shot("docs-1280");
    }

    @Test
    void onAPhoneTheTextKeepsTheWidthAndTheListGoesAbove() throws Exception {
        browser.viewport(Browser.PHONE);
        browser.driver.get(op.baseUrl + "/docs");
        browser.wait.until(d -> !d.findElements(By.cssSelector("section.op")).isEmpty());
        long content = ((Number) browser.js("return document.getElementById('content').getBoundingClientRect().width;")).longValue();
        assertThat(content).as("width of the text column").isGreaterThan(340);
        assertThat((Boolean) browser.js("return document.getElementById('nav').getBoundingClientRect().bottom"
                + " <= document.getElementById('content').getBoundingClientRect().top + 1;")).as("list above the text").isTrue();
        browser.shot("docs-390");
        assertThat(browser.elementsPastTheRightEdge()).isEmpty();
        assertThat(browser.sidewaysOverflow()).isZero();
        browser.viewport(Browser.DESKTOP);
    }

    @Test
    void theIconIsServedWithThePage() throws Exception {
        HttpResponse<byte[]> icon = op.api.send("GET", "/favicon.ico", null, null);
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/x-icon");
        assertThat(icon.body()).startsWith(0, 0, 1, 0);
        HttpResponse<byte[]> page = op.api.send("GET", "/docs", null, null);
        assertThat(new String(page.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("<link rel=\"icon\" href=\"/favicon.ico\">");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("img-src 'self'");
    }

    @Test
    void thePageIsServedOnlyInDemoMode() throws Exception {
        try (TestOperator plain = TestOperator.bootstrapped(Map.of(), System::currentTimeMillis)) {
            assertThat(plain.api.send("GET", "/docs", null, null).statusCode()).isEqualTo(404);
            assertThat(plain.api.send("GET", "/favicon.ico", null, null).statusCode()).isEqualTo(404);
            assertThat(plain.api.send("GET", "/openapi.json", null, null).statusCode()).isEqualTo(200);
        }
    }
}
