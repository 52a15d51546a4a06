package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin command line for client-side token generation and sharing, against a running node's admin API: site
 * domains and apps, keypairs (create, disable, enable, list), keysets and allow-lists, key rotation.
 */
class CstgAdminCliTest {
    static TestOperator op;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped();
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    private static JsonNode ok(String... args) throws Exception {
        CliRun r = CliRun.run(AdminHttp.cli(op, args));
        assertThat(r.exitCode()).as(r.err()).isZero();
        op.node.state().poll();
        return r.json();
    }

    private static CliRun fails(String... args) throws Exception {
        CliRun r = CliRun.run(AdminHttp.cli(op, args));
        assertThat(r.exitCode()).as(r.out()).isNotZero();
        return r;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void siteDomainsAppsAndKeypairs() throws Exception {
        JsonNode site = ok("site", "create", "--name", "CLI publisher", "--domain", "www.pub.co.uk");
        int siteId = site.get("site_id").asInt();
        assertThat(texts(site.get("domain_names"))).containsExactly("pub.co.uk");
        JsonNode domains = ok("site", "set-domains", String.valueOf(siteId), "https://shop.pub.co.uk:8443", "localhost", "pub2.com");
        assertThat(texts(domains.get("domain_names"))).containsExactly("pub.co.uk", "localhost", "pub2.com");
        assertThat(fails("site", "set-domains", String.valueOf(siteId), "10.0.0.1").err()).contains("not a registrable domain");
        assertThat(texts(ok("site", "set-apps", String.valueOf(siteId), "com.pub.app", "123456").get("app_names")))
                .containsExactly("com.pub.app", "123456");
        assertThat(fails("site", "set-apps", "999999", "x").err()).contains("site 999999 does not exist");

        JsonNode kp = ok("keypair", "create", "--site", String.valueOf(siteId), "--name", "web", "--contact", "dev@pub.co.uk");
        String subscription = kp.get("subscription_id").asText();
        assertThat(subscription).hasSize(10);
        assertThat(kp.get("public_key").asText()).startsWith("UID2-X-");
        assertThat(kp.has("private_key")).isFalse();
        assertThat(kp.toString()).doesNotContain("UID2-Y-");

        CstgTestClient client = new CstgTestClient(op.baseUrl, subscription, kp.get("public_key").asText());
        String hash = ClientSideGenerateTest.sha256("user@example.com");
        assertThat(client.emailHash(hash, "https://news.pub.co.uk").status()).isEqualTo(200);
        assertThat(client.emailHash(hash, "https://example.com").status()).isEqualTo(403);

        assertThat(ok("keypair", "disable", subscription).get("disabled").asBoolean()).isTrue();
        assertThat(client.emailHash(hash, "https://news.pub.co.uk").status()).isEqualTo(401);
        ok("keypair", "enable", subscription);
        assertThat(client.emailHash(hash, "https://news.pub.co.uk").status()).isEqualTo(200);
        JsonNode list = ok("keypair", "list", "--site", String.valueOf(siteId));
        assertThat(list).hasSize(1);
        assertThat(list.toString()).doesNotContain("UID2-Y-");
        assertThat(fails("keypair", "disable", "nope").err()).contains("no client-side keypair");
        assertThat(fails("keypair", "create", "--site", "999999").err()).contains("does not exist");
    }

    @Test
    void keysetsAndAllowLists() throws Exception {
        int siteId = ok("site", "create", "--name", "Sharer").get("site_id").asInt();
        String[] s = new String[4];
        for (int i = 0; i < s.length; i++) s[i] = ok("site", "create", "--name", "Reader " + i).get("site_id").asText();
        JsonNode ks = ok("keyset", "create", "--site", String.valueOf(siteId), "--default", "--allowed-site", s[1], "--allowed-site", s[0]);
        String id = ks.get("keyset_id").asText();
        assertThat(ks.get("allowed_sites").toString()).isEqualTo("[" + s[0] + "," + s[1] + "]");
        assertThat(ks.get("default").asBoolean()).isTrue();
        assertThat(ks.get("key_id").asInt()).isPositive();
        // the site's earlier default keyset lost its flag
        JsonNode listed = ok("keyset", "list", "--site", String.valueOf(siteId));
        assertThat(listed).hasSize(2);
        int defaults = 0;
        for (JsonNode k : listed) if (k.get("default").asBoolean()) defaults++;
        assertThat(defaults).isEqualTo(1);

        assertThat(ok("keyset", "update", id, "--add-allowed-site", s[2], "--remove-allowed-site", s[1]).get("allowed_sites").toString())
                .isEqualTo("[" + s[0] + "," + s[2] + "]");
        assertThat(ok("keyset", "update", id, "--allowed-site", s[3]).get("allowed_sites").toString()).isEqualTo("[" + s[3] + "]");
        CliRun unknown = fails("keyset", "update", id, "--add-allowed-site", "987103");
        assertThat(unknown.err()).contains("site 987103 does not exist").contains("400");
        assertThat(fails("keyset", "create", "--site", String.valueOf(siteId), "--allowed-site", "987104").err())
                .contains("site 987104 does not exist");
        assertThat(ok("keyset", "update", id, "--allow-all-readers").get("allowed_sites").isNull()).isTrue();
        assertThat(ok("keyset", "update", id, "--allow-none").get("allowed_sites").toString()).isEqualTo("[]");
        JsonNode disabled = ok("keyset", "update", id, "--disable");
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        assertThat(ok("keyset", "update", id, "--enable").get("enabled").asBoolean()).isTrue();
        assertThat(ok("keyset", "create", "--site", String.valueOf(siteId), "--allow-all-readers").get("allowed_sites").isNull()).isTrue();

        assertThat(fails("keyset", "update", "-1", "--disable").err()).contains("managed by the operator");
        assertThat(fails("keyset", "update", "987654", "--enable").err()).contains("does not exist");
        assertThat(fails("keyset", "update", id, "--enable", "--disable").err()).contains("exclude each other");
        assertThat(fails("keyset", "update", id, "--allow-none", "--allowed-site", "3").err()).contains("only one of");
        assertThat(fails("keyset", "create", "--site", "987654").err()).contains("does not exist");
    }

    @Test
    void keysRotateOnImportedData() throws Exception {
        try (TestOperator imported = TestOperator.imported()) {
            CliRun dry = CliRun.run(AdminHttp.cli(imported, "keys", "rotate", "--dry-run"));
            assertThat(dry.exitCode()).as(dry.err()).isZero();
            assertThat(dry.json().get("would_create").size()).isGreaterThanOrEqualTo(3);
            assertThat(dry.json().get("would_delete").get(0).get("key_id").asInt()).isEqualTo(11);

            CliRun run = CliRun.run(AdminHttp.cli(imported, "keys", "rotate"));
            assertThat(run.exitCode()).as(run.err()).isZero();
            List<Integer> keysets = new ArrayList<>();
            run.json().get("created").forEach(k -> keysets.add(k.get("keyset_id").asInt()));
            // master, refresh, fallback and every enabled keyset; 503 is disabled
            assertThat(keysets).contains(-1, -2, 2, 501, 502, 601, 602, 701, 801, 901).doesNotContain(503);
            assertThat(run.json().get("deleted")).hasSize(1);
            assertThat(run.out()).doesNotContain("secret");

            CliRun again = CliRun.run(AdminHttp.cli(imported, "keys", "rotate"));
            assertThat(again.json().get("created")).isEmpty();
            assertThat(again.json().get("deleted")).isEmpty();
            CliRun master = CliRun.run(AdminHttp.cli(imported, "keys", "list", "--keyset", "-1"));
            assertThat(master.json()).hasSize(2);
        }
    }
}
