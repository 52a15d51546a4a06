package org.openuid.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.openuid.server.http.Json;
import org.openuid.server.manage.SandboxCredentials;
import org.openuid.server.manage.SandboxSetup;

import java.util.ArrayList;
import java.util.List;

import static org.openuid.server.admin.AdminRoutes.route;

/**
 * {@code /admin/v1/sandbox}: the integrator sandbox, served in demo mode only (elsewhere 404). See {@link Sandbox} for
 * the exchanges and {@link SandboxSetup} for giving an imported store the credentials they need.
 */
final class SandboxRoutes {
    static final String[] DII_FIELDS = {"email", "email_hash", "phone", "phone_hash"};
    /** The operator's test identities (spec endpoints.md §9). */
    static final String[][] TEST_IDENTITIES = {
            {"email", "validate@example.com", "always gets tokens"},
            {"email", "optout@example.com", "always opted out"},
            {"email", "refresh-optout@example.com", "gets tokens whose refresh answers optout"},
            {"phone", "+12345678901", "always gets tokens"},
            {"phone", "+00000000000", "always opted out"},
            {"phone", "+00000000002", "gets tokens whose refresh answers optout"}};

    private SandboxRoutes() {}

    static void register(Router router, AdminContext ctx) {
        Sandbox sandbox = new Sandbox(ctx.publicBaseUrl());
        route(router, HttpMethod.GET, "/admin/v1/sandbox", r -> {
            SandboxCredentials c = credentials(ctx);
            ObjectNode out = Json.mapper().createObjectNode();
            out.put("public_url", ctx.publicBaseUrl());
            out.put("site_id", c.siteId());
            out.put("generator_key_id", Sandbox.keyId(c.apiKey()));
            if (c.subscriptionId() == null) out.putNull("cstg_subscription_id");
            else out.put("cstg_subscription_id", c.subscriptionId());
            ArrayNode ids = out.putArray("test_identities");
            for (String[] t : TEST_IDENTITIES) ids.addObject().put("type", t[0]).put("value", t[1]).put("behaviour", t[2]);
            return out;
        });
        route(router, HttpMethod.POST, "/admin/v1/sandbox/setup", r -> {
            r.allowOnly("site_id");
            int siteId = r.requiredInt("site_id");
            requireDemoMode(ctx);
            SandboxSetup.Result setUp = new SandboxSetup(ctx.store(), ctx.audit(), ctx::refresh)
                    .run(ctx.op().config().credentialsPath(), r.principal(), siteId, ctx.nowSec());
            ObjectNode out = Json.mapper().createObjectNode();
            out.put("site_id", setUp.siteId());
            out.put("generator_key_id", setUp.generatorKeyId());
            out.put("cstg_subscription_id", setUp.subscriptionId());
            out.put("credentials_file", setUp.credentialsFile().toString());
            return out;
        });
        route(router, HttpMethod.POST, "/admin/v1/sandbox/generate", r -> {
            r.allowOnly(DII_FIELDS);
            String field = oneDii(r);
            return sandbox.generate(credentials(ctx), field, r.requiredString(field));
        });
        route(router, HttpMethod.POST, "/admin/v1/sandbox/refresh", r -> {
            r.allowOnly("refresh_token", "refresh_response_key");
            credentials(ctx);
            return sandbox.refresh(r.requiredString("refresh_token"), r.requiredString("refresh_response_key"));
        });
        route(router, HttpMethod.POST, "/admin/v1/sandbox/client-generate", r -> {
            List<String> allowed = new ArrayList<>(List.of(DII_FIELDS));
            allowed.add("origin");
            r.allowOnly(allowed.toArray(String[]::new));
            String field = oneDii(r);
            String origin = r.optionalString("origin");
            return sandbox.clientGenerate(credentials(ctx), field, r.requiredString(field),
                    origin == null ? "http://localhost" : origin);
        });
    }

    private static String oneDii(AdminRequest r) {
        List<String> given = new ArrayList<>();
        for (String f : DII_FIELDS) if (r.has(f)) given.add(f);
        if (given.size() != 1) throw AdminException.badRequest("send exactly one of " + String.join(", ", DII_FIELDS));
        return given.get(0);
    }

    private static void requireDemoMode(AdminContext ctx) {
        if (!ctx.op().config().demoMode()) throw AdminException.notFound("the sandbox is available in demo mode only (openuid serve --demo)");
    }

    private static SandboxCredentials credentials(AdminContext ctx) {
        requireDemoMode(ctx);
        SandboxCredentials c = SandboxCredentials.load(ctx.op().config().credentialsPath());
        if (c == null) throw AdminException.conflict(notSetUp(ctx.op().config().credentialsPath().toString()));
        return c;
    }

    /** What to do when the credentials file holds no demo generator (the store was imported, or bootstrapped elsewhere). */
    static String notSetUp(String file) {
        return "the sandbox is not set up: " + file + " holds no client key with the GENERATOR role (a node writes the demo"
                + " credentials there only when it bootstraps an empty store). Set it up for one of your sites with"
                + " POST /admin/v1/sandbox/setup {\"site_id\": <site id>} (the console's Sandbox page has a button):"
                + " it creates a GENERATOR client key and a CSTG keypair for that site and adds them to " + file;
    }
}
