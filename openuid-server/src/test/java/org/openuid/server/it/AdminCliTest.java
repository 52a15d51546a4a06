package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openuid.core.model.Role;
import org.openuid.server.RunningNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@code openuid admin ...} as a client of the admin API: tables for people, JSON for scripts, errors from the API,
 * and the two direct-store exceptions' {@code token reset}.
 */
class AdminCliTest {
    static TestOperator op;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped();
        url = "http://127.0.0.1:" + op.node.adminPort();
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    @Test
    void clientLifecycleThroughTheCommandLine() throws Exception {
        JsonNode site = CliRun.run(AdminHttp.cli(op, "site", "create", "--name", "CLI site", "--domain", "cli-site.com")).json();
        int siteId = site.get("site_id").asInt();
        CliRun created = CliRun.run(AdminHttp.cli(op, "client", "create", "--site", "" + siteId, "--name", "CLI backend", "--role", "GENERATOR"));
        assertThat(created.exitCode()).as(created.err()).isZero();
        JsonNode c = created.json();
        String keyId = c.get("key_id").asText();
        assertThat(op.api.v2("/v2/token/generate", c.get("key").asText(), c.get("secret").asText(), "{\"email\":\"cli@example.com\"}").status())
                .isEqualTo(200);

        JsonNode list = CliRun.run(AdminHttp.cli(op, "client", "list", "--site", "" + siteId)).json();
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(1);
        assertThat(list.toString()).doesNotContain(c.get("secret").asText());

        assertThat(CliRun.run(AdminHttp.cli(op, "client", "disable", keyId)).json().get("disabled").asBoolean()).isTrue();
        assertThat(op.api.v2("/v2/token/generate", c.get("key").asText(), c.get("secret").asText(), "{\"email\":\"cli@example.com\"}").status())
                .isEqualTo(401);
        assertThat(CliRun.run(AdminHttp.cli(op, "client", "enable", keyId)).json().get("disabled").asBoolean()).isFalse();
        String newSecret = CliRun.run(AdminHttp.cli(op, "client", "rotate-secret", keyId)).json().get("secret").asText();
        assertThat(op.api.v2("/v2/token/generate", c.get("key").asText(), newSecret, "{\"email\":\"cli@example.com\"}").status())
                .isEqualTo(200);

        CliRun missing = CliRun.run(AdminHttp.cli(op, "client", "disable", "UID2-C-L-1-nope"));
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no client with key id").contains("404");
        CliRun badRole = CliRun.run(AdminHttp.cli(op, "client", "create", "--site", "" + siteId, "--name", "x", "--role", "ROOT"));
        assertThat(badRole.err()).contains("unknown role 'ROOT'");
    }

    @Test
    void peopleGetTablesAndScriptsGetJson() throws Exception {
        String token = AdminHttp.adminToken(op);
        CliRun table = CliRun.run("admin", "site", "list", "--admin-url", url, "--admin-token", token);
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines().findFirst().orElse("")).startsWith("SITE_ID").contains("NAME").contains("DOMAIN_NAMES");
        assertThat(table.out()).contains("Demo publisher");

        CliRun one = CliRun.run("admin", "site", "show", "100", "--admin-url", url, "--admin-token", token);
        assertThat(one.out()).contains("site_id:").contains("Demo publisher");

        CliRun created = CliRun.run("admin", "client", "create", "--site", "100", "--name", "people", "--role", "MAPPER",
                "--admin-url", url, "--admin-token", token);
        assertThat(created.out()).contains("secret:").contains("shown only this once");

        CliRun audit = CliRun.run("admin", "audit", "list", "--limit", "5", "--admin-url", url, "--admin-token", token);
        assertThat(audit.out()).startsWith("SEQUENCE").contains("client.create");
        assertThat(CliRun.run(AdminHttp.cli(op, "audit", "list", "--limit", "1")).json().get("entries")).hasSize(1);

        assertThat(CliRun.run(AdminHttp.cli(op, "salts", "show")).json().get("buckets").asInt()).isEqualTo(4096);
    }

    @Test
    void inspectDecodesATokenAndRevealsOnRequest() throws Exception {
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        String adv = op.api.v2("/v2/token/generate", gen.key(), gen.secret(), "{\"email\":\"cli-inspect@example.com\"}")
                .json().get("body").get("advertising_token").asText();
        JsonNode plain = CliRun.run(AdminHttp.cli(op, "inspect", adv)).json();
        assertThat(plain.get("kind").asText()).isEqualTo("advertising");
        assertThat(plain.has("raw_uid")).isFalse();
        assertThat(CliRun.run(AdminHttp.cli(op, "inspect", adv, "--reveal")).json().get("raw_uid").asText()).hasSize(44);
        CliRun bad = CliRun.run(AdminHttp.cli(op, "inspect", "AAAA"));
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("not a token");
    }

    @Test
    void missingTokenAndUnreachableApiAreClearErrors() throws Exception {
        CliRun noToken = CliRun.run("admin", "site", "list", "--admin-url", url, "--credentials-file", op.dir.resolve("none.json").toString());
        assertThat(noToken.exitCode()).isEqualTo(1);
        assertThat(noToken.err()).contains("no admin token").contains("openuid admin token reset");
        CliRun wrong = CliRun.run("admin", "site", "list", "--admin-url", url, "--admin-token", "OUID-A-xxxxxxxx-" + "y".repeat(40));
        assertThat(wrong.err()).contains("invalid admin token").contains("401");
        CliRun fromFile = CliRun.run("admin", "site", "list", "--json", "--admin-url", url,
                "--credentials-file", op.node.operator().config().credentialsPath().toString());
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        CliRun down = CliRun.run("admin", "site", "list", "--admin-url", "http://127.0.0.1:1", "--admin-token", "t");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).contains("cannot reach the admin API at http://127.0.0.1:1: connection refused")
                .contains("is --admin-url right?");
    }

    @Test
    void tokenResetReplacesEveryAdminTokenDirectlyInTheStore() throws Exception {
        try (TestOperator other = TestOperator.bootstrapped()) {
            String old = AdminHttp.adminToken(other);
            AdminHttp admin = AdminHttp.of(other);
            assertThat(admin.get("/admin/v1/whoami").status()).isEqualTo(200);
            CliRun reset = CliRun.run("admin", "token", "reset", "--store", other.store, "--json",
                    "--name", "after loss");
            assertThat(reset.exitCode()).as(reset.err()).isZero();
            String fresh = reset.json().get("token").asText();
            assertThat(fresh).startsWith("OUID-A-").isNotEqualTo(old);
            assertThat(admin.get("/admin/v1/whoami").status()).isEqualTo(401);
            JsonNode me = admin.withToken(fresh).get("/admin/v1/whoami").json();
            assertThat(me.get("token_name").asText()).isEqualTo("after loss");
            JsonNode audit = admin.withToken(fresh).get("/admin/v1/audit?limit=1").json().get("entries").get(0);
            assertThat(audit.get("operation").asText()).isEqualTo("admin_token.reset");
            assertThat(audit.get("actor_id").asText()).isEqualTo("local");
            assertThat(audit.toString()).doesNotContain(fresh);

            CliRun people = CliRun.run("admin", "token", "reset", "--store", other.store);
            assertThat(people.out()).contains("shown only this once");
        }
    }

    @Test
    void tokenResetGoesThroughTheRunningNodeOfAnEmbeddedStoreAndOnTheStoreOnceItStopped() throws Exception {
        assumeFalse(TestStores.postgres(), "the running-node mark is for the embedded store");
        TestOperator other = TestOperator.bootstrapped();
        try {
            Path mark = Path.of(other.store).resolve(RunningNode.FILE_NAME);
            assertThat(Files.getPosixFilePermissions(mark)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            JsonNode info = new ObjectMapper().readTree(mark.toFile());
            assertThat(info.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
            assertThat(info.get("admin_url").asText()).isEqualTo("http://127.0.0.1:" + other.node.adminPort());
            String local = info.get("local_token").asText();
            assertThat(local).startsWith("OUID-L-");

            // the local operator credential resets the admin token and does nothing else
            AdminHttp asLocal = AdminHttp.of(other).withToken(local);
            assertThat(asLocal.get("/admin/v1/whoami").status()).isEqualTo(403);
            assertThat(asLocal.get("/admin/v1/sites").message()).contains("only resets the admin token");
            // an admin token cannot call the reset route
            assertThat(AdminHttp.of(other).post("/admin/v1/admin-token/reset", "{}").status()).isEqualTo(403);

            CliRun reset = CliRun.run("admin", "token", "reset", "--store", other.store, "--json");
            assertThat(reset.exitCode()).as(reset.err()).isZero();
            String fresh = reset.json().get("token").asText();
            assertThat(AdminHttp.of(other).withToken(fresh).get("/admin/v1/whoami").status()).isEqualTo(200);
            assertThat(AdminHttp.adminToken(other)).as("credentials file updated").isEqualTo(fresh);

            String store = other.store;
            other = other.restartAfter(() -> {
                assertThat(mark).as("removed when the node stops").doesNotExist();
                CliRun stopped = CliRun.run("admin", "token", "reset", "--store", store, "--json");
                assertThat(stopped.exitCode()).as(stopped.err()).isZero();
                assertThat(stopped.json().get("token").asText()).startsWith("OUID-A-").isNotEqualTo(fresh);
            });
            String newLocal = new ObjectMapper().readTree(mark.toFile()).get("local_token").asText();
            assertThat(newLocal).as("a new credential at every start").isNotEqualTo(local);
            assertThat(AdminHttp.of(other).withToken(local).post("/admin/v1/admin-token/reset", "{}").status()).isEqualTo(401);
        } finally {
            other.close();
        }
    }
}
