package org.openuid.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Role;
import org.openuid.server.http.Json;
import org.openuid.server.manage.KeypairManager;
import org.openuid.store.NewClientKey;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * Gives the sandbox the credentials it needs on a store that a node did not bootstrap (an imported store, or one
 * bootstrapped with another credentials file): a client key with the GENERATOR role and a CSTG keypair for one
 * site, created as the admin API creates them (and audited alike), and written to the credentials file where
 * {@link Sandbox#load} finds them ({@code site_id}, one more entry in {@code clients}, {@code cstg}).
 */
final class SandboxSetup {
    static final String CLIENT_NAME = "Sandbox generator";
    static final String KEYPAIR_NAME = "Sandbox CSTG keypair";

    private SandboxSetup() {}

    /** @return {@code {site_id, generator_key_id, cstg_subscription_id, credentials_file}} */
    static ObjectNode run(AdminContext ctx, AdminPrincipal who, int siteId) {
        Path file = ctx.op().config().credentialsPath();
        NewClientKey client = new ClientKeyAdmin(ctx.store()).create(siteId, CLIENT_NAME, EnumSet.of(Role.GENERATOR), ctx.nowSec());
        KeypairManager keypairs = new KeypairManager(ctx.store());
        ClientSideKeypair kp = keypairs.create(siteId, KEYPAIR_NAME, "", ctx.nowSec());
        try {
            CredentialsFile.update(file, root -> {
                root.put("site_id", siteId);
                root.withArray("clients").addObject().put("name", CLIENT_NAME)
                        .put("key", client.apiKey()).put("secret", client.secretBase64())
                        .putArray("roles").add(Role.GENERATOR.name());
                root.putObject("cstg").put("subscription_id", kp.subscriptionId()).put("public_key", kp.publicKey());
            });
        } catch (IOException e) {
            new ClientKeyAdmin(ctx.store()).setDisabled(client.client().keyId(), true);
            keypairs.setDisabled(kp.subscriptionId(), true);
            ctx.refresh();
            throw AdminException.conflict("cannot write the credentials file " + file + " (" + e.getMessage()
                    + "): the sandbox was not set up");
        }
        ctx.refresh();
        ctx.audit().record(who, "client.create", "client", client.client().keyId(), Json.mapper().createObjectNode()
                .put("site_id", siteId).put("name", CLIENT_NAME).put("for", "sandbox"));
        ctx.audit().record(who, "keypair.create", "keypair", kp.subscriptionId(), Json.mapper().createObjectNode()
                .put("site_id", siteId).put("name", KEYPAIR_NAME).put("for", "sandbox"));
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("site_id", siteId);
        out.put("generator_key_id", client.client().keyId());
        out.put("cstg_subscription_id", kp.subscriptionId());
        out.put("credentials_file", file.toString());
        return out;
    }
}
