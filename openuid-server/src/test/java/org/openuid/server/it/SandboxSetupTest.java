package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox on an imported store, whose credentials file holds only the admin token: {@code GET /sandbox} answers
 * 409 saying how to set it up, {@code POST /sandbox/setup} creates a generator key and a CSTG keypair for a site and
 * writes them to the file, and the sandbox then works with them (docs/admin.md, "Sandbox").
 */
class SandboxSetupTest {
    static TestOperator op;
    static AdminHttp admin;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.imported(Map.of("demo_mode", "true"), System::currentTimeMillis);
        admin = AdminHttp.of(op);
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    @Test
    void anImportedStoreGetsItsSandboxCredentialsThroughSetup() throws Exception {
        Path file = op.node.operator().config().credentialsPath();
        AdminHttp.Answer before = admin.get("/admin/v1/sandbox");
        assertThat(before.status()).isEqualTo(409);
        assertThat(before.message()).contains(file.toString(), "no client key with the GENERATOR role",
                "POST /admin/v1/sandbox/setup {\"site_id\": <site id>}");

        AdminHttp.Answer unknownSite = admin.post("/admin/v1/sandbox/setup", "{\"site_id\":999999}");
        assertThat(unknownSite.status()).isEqualTo(400);
        assertThat(unknownSite.message()).contains("site 999999 does not exist");
        assertThat(admin.post("/admin/v1/sandbox/setup", "{}").message()).contains("site_id is required");
        assertThat(admin.get("/admin/v1/sandbox").status()).isEqualTo(409);

        AdminHttp.Answer setup = admin.post("/admin/v1/sandbox/setup", "{\"site_id\":123}");
        assertThat(setup.status()).as(setup.text()).isEqualTo(200);
        assertThat(setup.json().get("site_id").asInt()).isEqualTo(123);
        assertThat(setup.json().get("generator_key_id").asText()).startsWith("UID2-C-L-123-");
        assertThat(setup.text()).doesNotContain("secret");

        JsonNode saved = new ObjectMapper().readTree(file.toFile());
        assertThat(saved.get("admin_token").asText()).isEqualTo(AdminHttp.adminToken(op)).startsWith("OUID-A-");
        assertThat(saved.get("site_id").asInt()).isEqualTo(123);
        assertThat(saved.at("/clients/0/roles/0").asText()).isEqualTo("GENERATOR");
        assertThat(saved.at("/cstg/public_key").asText()).startsWith("UID2-X-L-");
        assertThat(saved.at("/cstg/subscription_id").asText()).isEqualTo(setup.json().get("cstg_subscription_id").asText());

        JsonNode info = admin.get("/admin/v1/sandbox").json();
        assertThat(info.get("site_id").asInt()).isEqualTo(123);
        assertThat(info.get("generator_key_id").asText()).isEqualTo(setup.json().get("generator_key_id").asText());
        JsonNode gen = admin.post("/admin/v1/sandbox/generate", "{\"email\":\"validate@example.com\"}").json();
        assertThat(gen.at("/response/status").asInt()).isEqualTo(200);
        JsonNode cstg = admin.post("/admin/v1/sandbox/client-generate", "{\"email\":\"validate@example.com\"}").json();
        assertThat(cstg.at("/response/status").asInt()).as(cstg.toString()).isEqualTo(200);

        AdminHttp.Answer again = admin.post("/admin/v1/sandbox/setup", "{\"site_id\":123}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.message()).contains("already set up");
        String audit = admin.get("/admin/v1/audit?limit=10").text();
        assertThat(audit).contains("client.create", "keypair.create", "sandbox");
    }

    @Test
    void setupIsOnlyInDemoMode() throws Exception {
        try (TestOperator plain = TestOperator.imported()) {
            AdminHttp.Answer a = AdminHttp.of(plain).post("/admin/v1/sandbox/setup", "{\"site_id\":123}");
            assertThat(a.status()).isEqualTo(404);
            assertThat(a.message()).contains("demo mode only");
        }
    }
}
