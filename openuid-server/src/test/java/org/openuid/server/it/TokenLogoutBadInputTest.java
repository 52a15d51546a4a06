package org.openuid.server.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.Role;
import org.openuid.server.api.v2.TokenLogoutHandler;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad-input path of POST /v2/token/logout (spec endpoints.md §13): 401 for a missing or wrong key, the
 * envelope's 400s, and 400 {@code invalid_token} "Invalid Token presented (reason)" for the identity input, whose
 * reason never echoes the input. Nothing is recorded for a rejected request, and nothing personal is logged.
 */
class TokenLogoutBadInputTest {
    static final String EXACTLY_ONE = "Invalid Token presented (exactly one of [email, email_hash, phone, phone_hash] must be specified)";
    static TestOperator op;
    static TestOperator.Credentials optout;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped();
        optout = op.demo(Role.OPTOUT);
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    private static ApiClient.Reply logout(String json) throws Exception {
        return op.api.v2("/v2/token/logout", optout.key(), optout.secret(), json);
    }

    private static void assertInvalid(ApiClient.Reply r, String message) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.plainJson().get("status").asText()).isEqualTo("invalid_token");
        assertThat(r.plainJson().get("message").asText()).isEqualTo(message);
    }

    private static int rows() {
        return op.node.store().optOutsAfter(0, 1_000_000).size();
    }

    @Test
    void onlyKeysWithTheOptOutRoleMayCall() throws Exception {
        for (Role other : new Role[]{Role.GENERATOR, Role.MAPPER, Role.ID_READER, Role.SHARER}) {
            TestOperator.Credentials c = op.demo(other);
            ApiClient.Reply r = op.api.v2("/v2/token/logout", c.key(), c.secret(), "{\"email\":\"a@example.com\"}");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.text()).isEqualTo("{\"status\":\"unauthorized\"}");
        }
        assertThat(op.api.raw("/v2/token/logout", null, "text/plain", "x".getBytes()).status()).isEqualTo(401);
        TestOperator.Credentials disabled = op.createClient(op.demoSiteId(), true, Role.OPTOUT);
        assertThat(op.api.v2("/v2/token/logout", disabled.key(), disabled.secret(), "{\"email\":\"a@example.com\"}").status()).isEqualTo(401);
    }

    @Test
    void brokenEnvelopesAreClientErrors() throws Exception {
        ApiClient.Reply r = op.api.raw("/v2/token/logout", optout.key(), "text/plain", "not base64 !".getBytes());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.plainJson().get("status").asText()).isEqualTo("client_error");
        ApiClient.Reply old = op.api.v2("/v2/token/logout", optout.key(), optout.secret(), "{\"email\":\"a@example.com\"}",
                System.currentTimeMillis() - 600_000, false);
        assertThat(old.status()).isEqualTo(400);
        assertThat(old.plainJson().get("status").asText()).isEqualTo("client_error");
    }

    @Test
    void missingOrRepeatedIdentityFields() throws Exception {
        int before = rows();
        assertInvalid(logout(null), EXACTLY_ONE);
        assertInvalid(logout("{}"), EXACTLY_ONE);
        // a payload that is not a JSON object is an envelope error (endpoints.md §1.3)
        for (String notAnObject : new String[]{"[\"a@example.com\"]", "\"a@example.com\"", "{\"email\":"}) {
            ApiClient.Reply r = logout(notAnObject);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.plainJson().get("status").asText()).isEqualTo("client_error");
            assertThat(r.text()).doesNotContain("a@example.com");
        }
        assertInvalid(logout("{\"email\":null,\"phone_hash\":null}"), EXACTLY_ONE);
        assertInvalid(logout("{\"clientIp\":\"10.0.0.1\"}"), EXACTLY_ONE);
        String moreThanOne = "Invalid Token presented (more than one of [email, email_hash, phone, phone_hash] given: exactly one must be specified)";
        assertInvalid(logout("{\"email\":\"a@example.com\",\"phone\":\"+15550001111\"}"), moreThanOne);
        // the raw email next to its hash is two identity fields, as in the reference
        assertInvalid(logout("{\"email_hash\":\"" + OptOutChecks.Who.email("a@example.com").hash()
                + "\",\"email\":\"a@example.com\"}"), moreThanOne);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void invalidValuesNameTheFieldButNeverItsValue() throws Exception {
        int before = rows();
        assertInvalid(logout("{\"email\":\"no-at-sign.example.com\"}"), "Invalid Token presented (invalid email)");
        assertInvalid(logout("{\"email\":\"\"}"), "Invalid Token presented (invalid email)");
        assertInvalid(logout("{\"email\":{\"a\":1}}"), "Invalid Token presented (invalid email)");
        assertInvalid(logout("{\"email\":[\"a@example.com\"]}"), "Invalid Token presented (invalid email)");
        assertInvalid(logout("{\"email_hash\":\"c2hvcnQ=\"}"), "Invalid Token presented (invalid email_hash)");
        assertInvalid(logout("{\"phone\":\"5550001111\"}"), "Invalid Token presented (invalid phone)");
        assertInvalid(logout("{\"phone\":\"+1\"}"), "Invalid Token presented (invalid phone)");
        assertInvalid(logout("{\"phone_hash\":12345}"), "Invalid Token presented (invalid phone_hash)");
        assertInvalid(logout("{\"phone_hash\":true}"), "Invalid Token presented (invalid phone_hash)");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void auditFieldsAreAcceptedAndNothingPersonalIsLogged() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        ch.qos.logback.classic.Level level = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try {
            ApiClient.Reply ok = op.api.v2("/v2/token/logout", optout.key(), optout.secret(),
                    "{\"email\":\"audit.person@example.com\",\"clientIp\":\"203.0.113.77\",\"phone\":null}");
            assertThat(ok.status()).as(ok.text()).isEqualTo(200);
            assertThat(ok.json().get("body").get("optout").asText()).isEqualTo("OK");
            assertInvalid(logout("{\"email\":\"broken.audit.person@@example.com\",\"clientIp\":\"203.0.113.78\"}"),
                    "Invalid Token presented (invalid email)");
            ApiClient.Reply traced = op.api.v2("/v2/token/logout", optout.key(), optout.secret(), "{\"phone\":\"+15550007777\"}");
            assertThat(traced.status()).isEqualTo(200);
        } finally {
            root.setLevel(level);
            root.detachAppender(captured);
        }
        assertThat(captured.list).anyMatch(e -> e.getFormattedMessage().contains("opt-out recorded (email)"));
        for (ILoggingEvent e : captured.list) {
            assertThat(e.getFormattedMessage()).doesNotContain("audit.person", "203.0.113", "5550007777", optout.key(), optout.secret());
        }
    }

    @Test
    void phoneFieldsAreIgnoredWithoutPhoneSupport() throws Exception {
        try (TestOperator emailOnly = TestOperator.bootstrapped(Map.of("enable_phone_support", "false"), System::currentTimeMillis)) {
            TestOperator.Credentials c = emailOnly.demo(Role.OPTOUT);
            ApiClient.Reply r = emailOnly.api.v2("/v2/token/logout", c.key(), c.secret(), "{\"phone\":\"+15550001111\"}");
            assertInvalid(r, "Invalid Token presented (exactly one of [email, email_hash] must be specified)");
            ApiClient.Reply both = emailOnly.api.v2("/v2/token/logout", c.key(), c.secret(),
                    "{\"phone\":\"+15550001111\",\"email\":\"still.fine@example.com\"}");
            assertThat(both.status()).isEqualTo(200);
        }
    }

    @Test
    void aStoreFailureIsA503RetryAndNotAnAcknowledgement() throws Exception {
        try (TestOperator broken = TestOperator.bootstrapped()) {
            TestOperator.Credentials c = broken.demo(Role.OPTOUT);
            broken.node.store().close();
            ApiClient.Reply r = broken.api.v2("/v2/token/logout", c.key(), c.secret(), "{\"email\":\"lost@example.com\"}");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.plainJson().get("status").asText()).isEqualTo("unknown");
            assertThat(r.plainJson().get("message").asText()).isEqualTo(TokenLogoutHandler.NOT_RECORDED);
        }
    }
}
