package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Domains stored in another form than given (their registrable domain) are named in the answer and the CLI output. */
class SiteDomainChangesTest {
    static TestOperator op;
    static AdminHttp admin;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped();
        admin = AdminHttp.of(op);
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    @Test
    void theApiListsEachDomainStoredInAnotherForm() throws Exception {
        AdminHttp.Answer created = admin.post("/admin/v1/sites",
                "{\"name\":\"News\",\"domain_names\":[\"www.example-news.co.uk\",\"example.com\"]}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("domain_names").toString()).isEqualTo("[\"example-news.co.uk\",\"example.com\"]");
        assertThat(created.json().get("domain_name_changes").toString())
                .isEqualTo("[{\"given\":\"www.example-news.co.uk\",\"stored\":\"example-news.co.uk\"}]");
        int id = created.json().get("site_id").asInt();

        JsonNode updated = admin.patch("/admin/v1/sites/" + id, "{\"domain_names\":[\"https://Shop.Example.org:8443\",\"localhost\"]}").json();
        assertThat(updated.get("domain_name_changes").toString())
                .isEqualTo("[{\"given\":\"https://Shop.Example.org:8443\",\"stored\":\"example.org\"}]");
        assertThat(admin.patch("/admin/v1/sites/" + id, "{\"domain_names\":[\"example.org\"]}").json().get("domain_name_changes")).isEmpty();
        assertThat(admin.patch("/admin/v1/sites/" + id, "{\"name\":\"Renamed\"}").json().has("domain_name_changes")).isFalse();
    }

    @Test
    void theCommandLinePrintsALinePerChangedDomain() throws Exception {
        String url = "http://127.0.0.1:" + op.node.adminPort();
        String token = AdminHttp.adminToken(op);
        CliRun set = CliRun.run("admin", "site", "set-domains", "100", "www.example-news.co.uk", "localhost",
                "--admin-url", url, "--admin-token", token);
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("www.example-news.co.uk stored as example-news.co.uk (registrable domain)")
                .doesNotContain("localhost stored as").doesNotContain("domain_name_changes");
        CliRun json = CliRun.run(AdminHttp.cli(op, "site", "set-domains", "100", "www.example-news.co.uk"));
        assertThat(json.json().get("domain_name_changes").get(0).get("stored").asText()).isEqualTo("example-news.co.uk");
        CliRun create = CliRun.run("admin", "site", "create", "--name", "Shop", "--domain", "www.shop.co.uk",
                "--admin-url", url, "--admin-token", token);
        assertThat(create.out()).contains("www.shop.co.uk stored as shop.co.uk (registrable domain)");
    }
}
