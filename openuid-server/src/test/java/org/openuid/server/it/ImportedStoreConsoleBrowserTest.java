package org.openuid.server.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The console of a demo-mode operator over the imported public test data, which has no demo credentials: the
 * Sandbox page explains why and sets the sandbox up for a chosen site, after which it generates tokens.
 */
class ImportedStoreConsoleBrowserTest {
    static TestOperator op;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        assumeFalse(TestStores.postgres(), "the browser test runs with the embedded store only");
        op = TestOperator.imported(Map.of("demo_mode", "true"), System::currentTimeMillis);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (op != null) op.close();
    }

    @Test
    void theSandboxPageSetsTheSandboxUp() throws Exception {
        String console = "http://127.0.0.1:" + op.node.adminPort() + "/console/";
        browser.driver.get(console);
        browser.js("sessionStorage.setItem('openuid.adminToken', arguments[0]);", AdminHttp.adminToken(op));
        browser.driver.get(console + "#/sandbox");
        browser.driver.navigate().refresh();
        assertThat(browser.visible(By.id("sandbox-setup")).getText()).contains("Set up the sandbox", "credentials file");
        assertThat(browser.driver.findElement(By.id("sandbox-setup-reason")).getText()).contains("POST /admin/v1/sandbox/setup");
        assertThat(browser.driver.findElements(By.id("error"))).isEmpty();
        browser.shot("imported-sandbox-setup");

        new Select(browser.visible(By.id("sandbox-setup-site"))).selectByValue("123");
        browser.click(By.id("sandbox-setup-submit"));
        browser.click(By.id("sandbox-generate"));
        browser.wait.until(d -> d.findElements(By.cssSelector(".sandbox-exchange")).size() == 1);
        assertThat(browser.driver.findElement(By.cssSelector(".sandbox-exchange h2")).getText()).isEqualTo("Generate → HTTP 200");
        browser.click(By.id("sandbox-cstg"));
        browser.wait.until(d -> d.findElements(By.cssSelector(".sandbox-exchange")).size() == 2);
        assertThat(browser.driver.findElement(By.cssSelector(".sandbox-exchange h2")).getText()).isEqualTo("Client-side generate → HTTP 200");
        browser.shot("imported-sandbox-ready");

        browser.driver.get(console + "#/dashboard");
        // the imported salts may carry rotation times ahead of this host's clock: shown as such, never as "ago"
        assertThat(browser.visible(By.id("card-salts")).getText()).doesNotContain("-")
                .matches("(?s).*(\\d+ \\w+ ago|in \\d+ \\w+.*in the future).*");
        browser.shot("imported-dashboard");
    }
}
