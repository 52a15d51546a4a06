package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.Role;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service links (spec keys-and-data.md §9, endpoints.md §7 rule 5) with {@code validate_service_links} on: services,
 * links and service keys made with the admin command line, then {@code link_id} checked on {@code /v2/identity/map};
 * v3 rejects {@code link_id} as a request-format error, as the reference does.
 */
class ServiceLinkTest {
    static TestOperator op;
    static AdminHttp admin;
    static int siteId;
    static int serviceId;
    static TestOperator.Credentials serviceKey;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped(Map.of("validate_service_links", "true"), System::currentTimeMillis);
        admin = AdminHttp.of(op);
        siteId = op.demoSiteId();
        CliRun service = CliRun.run(AdminHttp.cli(op, "service", "create", "--site", "" + siteId, "--name", "Data partner",
                "--role", "MAPPER"));
        assertThat(service.exitCode()).as(service.err()).isZero();
        serviceId = service.json().get("service_id").asInt();
        CliRun client = CliRun.run(AdminHttp.cli(op, "client", "create", "--site", "" + siteId, "--name", "Partner key",
                "--role", "MAPPER", "--service", "" + serviceId));
        assertThat(client.exitCode()).as(client.err()).isZero();
        assertThat(client.json().get("service_id").asInt()).isEqualTo(serviceId);
        serviceKey = new TestOperator.Credentials(client.json().get("key").asText(), client.json().get("secret").asText(), siteId);
        CliRun link = CliRun.run(AdminHttp.cli(op, "service", "link-create", "--service", "" + serviceId, "--link-id",
                "advertiser-7", "--site", "" + siteId, "--name", "Advertiser 7", "--role", "MAPPER"));
        assertThat(link.exitCode()).as(link.err()).isZero();
        CliRun noMapper = CliRun.run(AdminHttp.cli(op, "service", "link-create", "--service", "" + serviceId, "--link-id",
                "generator-only", "--site", "" + siteId, "--role", "GENERATOR"));
        assertThat(noMapper.exitCode()).as(noMapper.err()).isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    private static ApiClient.Reply map(TestOperator.Credentials who, String extra) throws Exception {
        return op.api.v2("/v2/identity/map", who.key(), who.secret(), "{\"email\":[\"user@example.com\"]" + extra + "}");
    }

    private static void assertInvalidLink(ApiClient.Reply r) {
        assertThat(r.status()).isEqualTo(401);
        assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":\"unauthorized\",\"message\":\"Invalid link_id\"}");
    }

    @Test
    void aServiceKeyMapsThroughAnEnabledLinkWithRoleMapperOnly() throws Exception {
        assertThat(map(serviceKey, ",\"link_id\":\"advertiser-7\"").status()).isEqualTo(200);
        assertThat(map(serviceKey, "").status()).as("no link_id passes").isEqualTo(200);
        assertThat(map(serviceKey, ",\"link_id\":null").status()).as("null counts as absent").isEqualTo(200);
        assertInvalidLink(map(serviceKey, ",\"link_id\":\"nobody\""));
        assertInvalidLink(map(serviceKey, ",\"link_id\":\"generator-only\""));
        assertInvalidLink(map(serviceKey, ",\"link_id\":7"));
        ApiClient.Reply empty = op.api.v2("/v2/identity/map", serviceKey.key(), serviceKey.secret(),
                "{\"email\":[],\"link_id\":\"nobody\"}");
        assertThat(empty.status()).as("empty arrays answer before the link check").isEqualTo(200);
        TestOperator.Credentials plainMapper = op.demo(Role.MAPPER);
        assertThat(map(plainMapper, ",\"link_id\":\"nobody\"").status()).as("keys without a service pass").isEqualTo(200);
        ApiClient.Reply v3 = op.api.v2("/v3/identity/map", serviceKey.key(), serviceKey.secret(),
                "{\"email\":[\"user@example.com\"],\"link_id\":\"advertiser-7\"}");
        assertThat(v3.status()).isEqualTo(400);
        assertThat(new String(v3.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("Incorrect request format");
    }

    @Test
    void aDisabledLinkAnswers401UntilEnabledAgain() throws Exception {
        CliRun created = CliRun.run(AdminHttp.cli(op, "service", "link-create", "--service", "" + serviceId, "--link-id",
                "advertiser-8", "--site", "" + siteId, "--role", "MAPPER"));
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(map(serviceKey, ",\"link_id\":\"advertiser-8\"").status()).isEqualTo(200);
        JsonNode disabled = CliRun.run(AdminHttp.cli(op, "service", "link-disable", "" + serviceId, "advertiser-8")).json();
        assertThat(disabled.get("disabled").asBoolean()).isTrue();
        assertInvalidLink(map(serviceKey, ",\"link_id\":\"advertiser-8\""));
        CliRun.run(AdminHttp.cli(op, "service", "link-enable", "" + serviceId, "advertiser-8"));
        assertThat(map(serviceKey, ",\"link_id\":\"advertiser-8\"").status()).isEqualTo(200);
        JsonNode links = CliRun.run(AdminHttp.cli(op, "service", "links", "--service", "" + serviceId)).json();
        assertThat(links.toString()).contains("\"link_id\":\"advertiser-8\"", "\"roles\":[\"MAPPER\"]");
        JsonNode audit = admin.get("/admin/v1/audit").json();
        assertThat(audit.toString()).contains("service_link.disable", "service.create");
    }

    @Test
    void adminApiRejectsBadServicesAndLinks() throws Exception {
        assertThat(admin.post("/admin/v1/services", "{\"site_id\":999999,\"roles\":[\"MAPPER\"]}").status()).isEqualTo(400);
        assertThat(admin.post("/admin/v1/services", "{\"site_id\":" + siteId + ",\"roles\":[\"ROOT\"]}").status()).isEqualTo(400);
        AdminHttp.Answer unknownService = admin.post("/admin/v1/service-links",
                "{\"service_id\":4242,\"link_id\":\"x\",\"site_id\":" + siteId + ",\"roles\":[\"MAPPER\"]}");
        assertThat(unknownService.status()).isEqualTo(400);
        assertThat(unknownService.message()).isEqualTo("service 4242 does not exist");
        AdminHttp.Answer twice = admin.post("/admin/v1/service-links",
                "{\"service_id\":" + serviceId + ",\"link_id\":\"advertiser-7\",\"site_id\":" + siteId + ",\"roles\":[\"MAPPER\"]}");
        assertThat(twice.status()).isEqualTo(409);
        AdminHttp.Answer badId = admin.post("/admin/v1/service-links",
                "{\"service_id\":" + serviceId + ",\"link_id\":\"a b/c\",\"site_id\":" + siteId + ",\"roles\":[\"MAPPER\"]}");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(admin.post("/admin/v1/service-links/" + serviceId + "/nobody/disable", null).status()).isEqualTo(404);
        assertThat(admin.post("/admin/v1/clients", "{\"site_id\":" + siteId + ",\"name\":\"x\",\"roles\":[\"MAPPER\"],"
                + "\"service_id\":4242}").status()).isEqualTo(400);
        JsonNode services = admin.get("/admin/v1/services").json();
        assertThat(services.get("services").get(0).get("roles").toString()).isEqualTo("[\"MAPPER\"]");
    }
}
