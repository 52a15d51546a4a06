package org.openuid.server.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The admin console in headless Chromium ({@link Browser}): sign in with the admin token, create a site and a client
 * key, use the key against the public API, inspect a token, disable the key and see 401; confirmations before
 * changes that break integrations; every view laid out at 1280 and 390 CSS pixels. Screenshots go to
 * {@code target/screenshots/}.
 */
class AdminConsoleBrowserTest {
    static final List<String> VIEWS = List.of("dashboard", "sites", "clients", "keysets", "keypairs", "services", "rotation", "optouts",
            "audit", "inspector", "sandbox");
    static TestOperator op;
    static Browser browser;
    static String console;

    @BeforeAll
    static void start() throws Exception {
        // the console does not depend on the store: one run (on the embedded store) is enough
        assumeFalse(TestStores.postgres(), "the browser test runs with the embedded store only");
        op = TestOperator.bootstrapped(Map.of("demo_mode", "true"), System::currentTimeMillis);
        console = "http://127.0.0.1:" + op.node.adminPort() + "/console/";
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (op != null) op.close();
    }

    @Test
    void anOperatorManagesKeysInTheConsoleAndTheyTakeEffectOnThePublicApi() throws Exception {
        browser.viewport(Browser.DESKTOP);
        // a wrong token is refused on the sign-in page
        browser.driver.get(console);
        browser.js("sessionStorage.clear();");
        browser.driver.navigate().refresh();
        browser.type(By.id("login-token"), "OUID-A-wrongtok-" + "x".repeat(40));
        browser.click(By.id("login-submit"));
        assertThat(browser.visible(By.id("error")).getText()).contains("invalid admin token");
        browser.shot("01-login-refused");

        // sign in
        browser.type(By.id("login-token"), AdminHttp.adminToken(op));
        browser.click(By.id("login-submit"));
        browser.visible(By.id("card-requests"));
        assertThat(browser.driver.findElement(By.id("who")).getText()).contains("OUID-A-");
        browser.shot("02-dashboard");

        // create a site with the domain the form suggests
        go("sites");
        String suggested = browser.visible(By.id("site-domains")).getAttribute("placeholder");
        browser.type(By.id("site-name"), "Browser News");
        browser.type(By.id("site-domains"), suggested);
        browser.type(By.id("site-apps"), "com.browsernews.app");
        browser.click(By.id("site-create-submit"));
        String created = browser.visible(By.id("site-created")).getText();
        Matcher m = Pattern.compile("Created site (\\d+) .* default keyset (\\d+)").matcher(created);
        assertThat(m.find()).as(created).isTrue();
        int siteId = Integer.parseInt(m.group(1));
        int keysetId = Integer.parseInt(m.group(2));
        browser.visible(By.cssSelector("tr[data-site-id='" + siteId + "']"));
        assertThat(op.node.store().site(siteId).orElseThrow().domainNames()).isNotEmpty();
        browser.shot("03-sites");

        // disabling a site asks first: cancelling changes nothing
        By disableSite = By.cssSelector("tr[data-site-id='" + siteId + "'] button[data-action='disable']");
        browser.click(disableSite);
        assertThat(browser.confirm(false)).contains("Disable site " + siteId);
        assertThat(op.node.store().site(siteId).orElseThrow().enabled()).isTrue();
        browser.click(disableSite);
        browser.confirm(true);
        browser.visible(By.cssSelector("tr[data-site-id='" + siteId + "'] button[data-action='enable']"));
        assertThat(op.node.store().site(siteId).orElseThrow().enabled()).isFalse();
        browser.click(By.cssSelector("tr[data-site-id='" + siteId + "'] button[data-action='enable']"));
        browser.visible(disableSite);
        assertThat(op.node.store().site(siteId).orElseThrow().enabled()).isTrue();

        // create a client key with the GENERATOR role; key and secret are shown once, the role boxes are cleared
        go("clients");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#client-site option[value='" + siteId + "']")));
        new Select(browser.driver.findElement(By.id("client-site"))).selectByValue(Integer.toString(siteId));
        browser.type(By.id("client-name"), "Browser backend");
        browser.click(By.id("client-role-GENERATOR"));
        browser.click(By.id("client-create-submit"));
        String keyId = browser.visible(By.id("new-client-key-id")).getText();
        String key = browser.driver.findElement(By.id("new-client-key")).getText();
        String secret = browser.driver.findElement(By.id("new-client-secret")).getText();
        assertThat(key).startsWith("UID2-C-L-" + siteId + "-");
        for (WebElement box : browser.driver.findElements(By.cssSelector("input[id^='client-role-']")))
            assertThat(box.isSelected()).as(box.getAttribute("id")).isFalse();
        browser.shot("04-client-created");

        // the key works against the public API
        ApiClient.Reply generated = op.api.v2("/v2/token/generate", key, secret, "{\"email\":\"browser@example.com\"}");
        assertThat(generated.status()).isEqualTo(200);
        String advertisingToken = generated.json().get("body").get("advertising_token").asText();

        // disabling the key asks first; the one-time secret stays on screen through the other action
        By disableKey = By.cssSelector("tr[data-key-id='" + keyId + "'] button[data-action='disable']");
        browser.click(disableKey);
        assertThat(browser.confirm(false)).contains("Disable client key " + keyId);
        assertThat(op.api.v2("/v2/token/generate", key, secret, "{\"email\":\"browser@example.com\"}").status()).isEqualTo(200);
        browser.click(disableKey);
        browser.confirm(true);
        browser.visible(By.id("client-state-changed"));
        browser.visible(By.cssSelector("tr[data-key-id='" + keyId + "'] button[data-action='enable']"));
        assertThat(op.api.v2("/v2/token/generate", key, secret, "{\"email\":\"browser@example.com\"}").status()).isEqualTo(401);
        assertThat(browser.visible(By.id("new-client-secret")).getText()).isEqualTo(secret);
        browser.shot("05-client-disabled");
        // rotating the secret asks first too
        browser.click(By.cssSelector("tr[data-key-id='" + keyId + "'] button[data-action='rotate']"));
        assertThat(browser.confirm(false)).contains("new secret");
        assertThat(browser.driver.findElements(By.id("rotated-secret"))).isEmpty();

        // inspect the token in the console
        go("inspector");
        WebElement box = browser.visible(By.id("inspect-token"));
        browser.js("arguments[0].value = arguments[1];", box, advertisingToken);
        browser.click(By.id("inspect-reveal"));
        browser.click(By.id("inspect-submit"));
        assertThat(browser.visible(By.id("inspect-kind")).getText()).isEqualTo("advertising");
        assertThat(browser.driver.findElement(By.id("inspect-site")).getText()).startsWith(siteId + " – Browser News");
        assertThat(browser.driver.findElement(By.id("inspect-version")).getText()).isEqualTo("4");
        assertThat(browser.driver.findElement(By.id("inspect-client-side")).getText()).isEqualTo("no");
        assertThat(browser.driver.findElement(By.id("inspect-raw-uid")).getText()).hasSize(44);
        browser.shot("06-token-inspector");

        // every change is in the audit log
        go("audit");
        WebElement audit = browser.visible(By.id("audit-table"));
        browser.wait.until(d -> audit.getText().contains("client.disable"));
        assertThat(audit.getText()).contains("site.create", "site.update", "client.create", "client.disable", "token.reveal")
                .doesNotContain(secret);

        // a keypair made in the console carries the same prefix as the one made at bootstrap
        go("keypairs");
        new Select(browser.visible(By.id("keypair-site"))).selectByValue(Integer.toString(siteId));
        browser.type(By.id("keypair-name"), "Browser web");
        browser.click(By.id("keypair-create-submit"));
        String publicKey = browser.visible(By.id("new-public-key")).getText();
        String bootstrapKey = new ObjectMapper().readTree(op.node.operator().config().credentialsPath().toFile())
                .at("/cstg/public_key").asText();
        assertThat(publicKey.substring(0, 9)).isEqualTo(bootstrapKey.substring(0, 9)).isEqualTo("UID2-X-L-");
        String subscription = browser.driver.findElement(By.id("new-subscription-id")).getText();
        By disableKeypair = By.cssSelector("tr[data-subscription-id='" + subscription + "'] button[data-action='disable']");
        browser.click(disableKeypair);
        assertThat(browser.confirm(false)).contains("Disable keypair " + subscription);
        browser.click(disableKeypair);
        browser.confirm(true);
        browser.visible(By.cssSelector("tr[data-subscription-id='" + subscription + "'] button[data-action='enable']"));
        assertThat(browser.visible(By.id("new-public-key")).getText()).isEqualTo(publicKey);

        // a service acting for the site, and a link of it that is disabled after confirmation
        go("services");
        new Select(browser.visible(By.id("service-site"))).selectByValue(Integer.toString(siteId));
        browser.type(By.id("service-name"), "Browser partner");
        browser.click(By.id("service-role-MAPPER"));
        browser.click(By.id("service-create-submit"));
        assertThat(browser.visible(By.id("service-created")).getText()).contains("Browser partner");
        browser.type(By.id("link-id"), "browser-link-1");
        new Select(browser.visible(By.id("link-site"))).selectByValue(Integer.toString(siteId));
        browser.click(By.id("link-role-MAPPER"));
        browser.click(By.id("link-create-submit"));
        browser.visible(By.id("link-created"));
        By disableLink = By.cssSelector("tr[data-link$='/browser-link-1'] button[data-action='disable']");
        browser.click(disableLink);
        assertThat(browser.confirm(false)).contains("Disable link browser-link-1");
        browser.click(disableLink);
        browser.confirm(true);
        browser.visible(By.cssSelector("tr[data-link$='/browser-link-1'] button[data-action='enable']"));
        assertThat(AdminHttp.of(op).get("/admin/v1/service-links").text()).contains("browser-link-1");

        // disabling a keyset asks first
        go("keysets");
        browser.click(By.cssSelector("tr[data-keyset-id='" + keysetId + "'] button[data-action='disable']"));
        assertThat(browser.confirm(false)).contains("Disable keyset " + keysetId);
        assertThat(browser.driver.findElements(By.cssSelector("tr[data-keyset-id='" + keysetId + "'] button[data-action='enable']"))).isEmpty();

        // rotating keys now asks first
        go("rotation");
        browser.visible(By.id("keys-table"));
        browser.click(By.id("rotate-keys"));
        assertThat(browser.confirm(false)).contains("Rotate keys now");
        assertThat(browser.driver.findElements(By.id("keys-rotated"))).isEmpty();
        browser.click(By.id("rotate-keys"));
        browser.confirm(true);
        browser.visible(By.id("keys-rotated"));
        browser.click(By.id("force-rotate-keys"));
        assertThat(browser.confirm(false)).contains("Force a new key for every keyset");
        assertThat(browser.driver.findElements(By.id("keys-forced"))).isEmpty();
        browser.click(By.id("force-rotate-keys"));
        browser.confirm(true);
        assertThat(browser.visible(By.id("keys-forced")).getText()).doesNotContain(": 0 created");
        browser.click(By.id("rotate-salts"));
        assertThat(browser.confirm(false)).contains("Rotate salts now");
        assertThat(browser.driver.findElements(By.id("salts-rotated"))).isEmpty();

        // the demo sandbox: generate server-side and client-side, refresh, and inspect
        go("sandbox");
        browser.click(By.id("sandbox-generate"));
        browser.wait.until(d -> d.findElements(By.cssSelector(".sandbox-exchange")).size() == 1);
        assertThat(browser.driver.findElement(By.cssSelector(".sandbox-exchange h2")).getText()).contains("HTTP 200");
        browser.click(By.id("sandbox-refresh"));
        browser.wait.until(d -> d.findElements(By.cssSelector(".sandbox-exchange")).size() == 2);
        browser.click(By.id("sandbox-cstg"));
        browser.wait.until(d -> d.findElements(By.cssSelector(".sandbox-exchange")).size() == 3);
        assertThat(browser.driver.findElement(By.cssSelector(".sandbox-exchange h2")).getText()).isEqualTo("Client-side generate → HTTP 200");
        browser.shot("07-sandbox");
        browser.click(By.id("sandbox-inspect"));
        browser.click(By.id("inspect-submit"));
        assertThat(browser.visible(By.id("inspect-client-side")).getText()).isEqualTo("yes");

        // sign out: the sign-in page shows no navigation
        browser.click(By.id("logout"));
        browser.visible(By.id("login-token"));
        assertThat(browser.driver.findElement(By.id("nav")).isDisplayed()).isFalse();
    }

    @Test
    void theSignInPageShowsNoNavigation() throws Exception {
        for (int width : new int[] {Browser.DESKTOP, Browser.PHONE}) {
            browser.viewport(width);
            browser.driver.get(console);
            browser.js("sessionStorage.clear();");
            browser.driver.navigate().refresh();
            browser.visible(By.id("login-token"));
            assertThat(browser.driver.findElement(By.id("nav")).isDisplayed()).isFalse();
            assertThat(browser.driver.findElements(By.cssSelector("#nav a")).stream().filter(WebElement::isDisplayed)).isEmpty();
            assertThat(browser.sidewaysOverflow()).isZero();
            assertThat(browser.elementsPastTheRightEdge()).isEmpty();
            browser.shot("login-" + width);
        }
    }

    @Test
    void aViewThatCannotLoadShowsOnlyItsHeadingAndTheError() throws Exception {
        browser.viewport(Browser.DESKTOP);
        signIn();
        go("sites");
        browser.visible(By.id("sites-table"));
        // from now on the keysets API fails as an unreachable store would
        browser.js("""
                const real = window.fetch;
                window.fetch = (url, init) => String(url).includes('/keysets')
                  ? Promise.resolve(new Response(JSON.stringify({status: 'error', message: 'the store is unavailable'}),
                      {status: 503, headers: {'Content-Type': 'application/json'}}))
                  : real(url, init);""");
        browser.js("location.hash = '#/keysets';");
        assertThat(browser.visible(By.id("error")).getText()).contains("the store is unavailable");
        assertThat(browser.driver.findElement(By.cssSelector("#app h1")).getText()).isEqualTo("Keysets");
        assertThat(browser.driver.findElements(By.id("sites-table"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("site-create"))).isEmpty();
        browser.shot("view-failed");

        // a token refused while a view loads leads to the sign-in page, with no error page over it
        browser.js("""
                const before = window.fetch;
                window.fetch = (url, init) => String(url).includes('/clients')
                  ? Promise.resolve(new Response(JSON.stringify({status: 'unauthorized', message: 'invalid admin token'}),
                      {status: 401, headers: {'Content-Type': 'application/json'}}))
                  : before(url, init);""");
        browser.js("location.hash = '#/clients';");
        browser.visible(By.id("login-token"));
        assertThat(browser.driver.findElement(By.id("app")).getText()).contains("log in again").doesNotContain("could not be loaded");
        assertThat(browser.driver.findElement(By.id("nav")).isDisplayed()).isFalse();
    }

    @Test
    void timesInTheFutureAreNotShownAsPast() throws Exception {
        browser.viewport(Browser.DESKTOP);
        signIn();
        assertThat(browser.js("return [ago(-174 * 86400), ago(5 * 3600), ago(30), fromNow(3 * 86400), fromNow(-90), ago(null), ago(-1461 * 86400)];"))
                .isEqualTo(List.of("in 174 d", "5 h ago", "30 s ago", "in 3 d", "90 s ago", "–", "in 4 y"));
        go("dashboard");
        assertThat(browser.visible(By.id("card-master")).getText()).contains("expires in ").doesNotContain("expires in -");
    }

    @Test
    void everyViewFitsADesktopAndAPhone() throws Exception {
        // entries with details for the audit log
        AdminHttp admin = AdminHttp.of(op);
        String site = admin.post("/admin/v1/sites", "{\"name\":\"Layout news\",\"domain_names\":[\"layout-news.com\"]}").json()
                .get("site_id").asText();
        admin.post("/admin/v1/clients", "{\"site_id\":" + site + ",\"name\":\"Layout backend\",\"roles\":[\"GENERATOR\",\"MAPPER\",\"ID_READER\"]}");
        admin.post("/admin/v1/keypairs", "{\"site_id\":" + site + ",\"name\":\"Layout web\"}");
        signIn();
        for (int width : new int[] {Browser.DESKTOP, Browser.PHONE}) {
            browser.viewport(width);
            for (String view : VIEWS) {
                go(view);
                browser.wait.until(d -> d.findElements(By.id("loading")).isEmpty());
                browser.shot("view-" + view + "-" + width);
                assertThat(browser.elementsPastTheRightEdge()).as(view + " at " + width + " px").isEmpty();
                assertThat(browser.sidewaysOverflow()).as(view + " at " + width + " px").isZero();
                assertThat(browser.driver.findElements(By.id("error"))).as(view).isEmpty();
                if (width == Browser.DESKTOP) {
                    // the navigation is one row: every link at the same height
                    assertThat(browser.js("return new Set([...document.querySelectorAll('#nav a')].filter(a => !a.hidden)"
                            + ".map(a => a.getBoundingClientRect().top)).size;")).as("nav rows at " + view).isEqualTo(1L);
                }
            }
            go("audit");
            browser.wait.until(d -> d.findElement(By.id("audit-table")).getText().contains("keypair.create"));
            assertThat(browser.brokenWords("#audit-table th, #audit-table td:not(.details)")).as("audit at " + width + " px").isEmpty();
            if (width == Browser.DESKTOP) assertThat(browser.brokenWords("#audit-table td.details")).isEmpty();
        }
        browser.viewport(Browser.DESKTOP);
    }

    @Test
    void theIconIsServed() throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + op.node.adminPort() + "/favicon.ico")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/x-icon");
        assertThat(r.body()).startsWith(0, 0, 1, 0).hasSizeLessThan(1024);
        assertThat(AdminHttp.of(op).get("/console/index.html").text()).contains("<link rel=\"icon\" href=\"/favicon.ico\">");
    }

    /** Signs in through the session storage, as the sign-in form leaves it. */
    private static void signIn() throws Exception {
        browser.driver.get(console);
        browser.js("sessionStorage.setItem('openuid.adminToken', arguments[0]);", AdminHttp.adminToken(op));
        browser.driver.navigate().refresh();
        browser.visible(By.id("nav"));
    }

    private static void go(String view) {
        browser.driver.get(console + "#/" + view);
        browser.wait.until(d -> d.findElement(By.cssSelector("#nav a[data-view='" + view + "']")).getAttribute("class").contains("active"));
    }
}
