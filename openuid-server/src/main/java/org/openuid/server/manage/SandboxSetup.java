package org.openuid.server.manage;

import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Role;
import org.openuid.store.NewClientKey;
import org.openuid.store.Store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * Gives the sandbox the credentials it needs on a store that a node did not bootstrap (an imported store, or one
 * bootstrapped with another credentials file): a client key with the GENERATOR role and a CSTG keypair for one
 * site, created by {@link ClientService} and {@link KeypairService} (and audited alike), and written to the
 * credentials file where {@link SandboxCredentials#load} finds them ({@code site_id}, one more entry in
 * {@code clients}, {@code cstg}).
 */
public final class SandboxSetup {
    static final String CLIENT_NAME = "Sandbox generator";
    static final String KEYPAIR_NAME = "Sandbox CSTG keypair";

    private final Store store;
    private final AuditLog audit;
    private final Runnable afterChange;

    /** @param afterChange makes this node serve the new client and keypair at once */
    public SandboxSetup(Store store, AuditLog audit, Runnable afterChange) {
        this.store = store;
        this.audit = audit;
        this.afterChange = afterChange;
    }

    /** What was set up, and in which file. */
    public record Result(int siteId, String generatorKeyId, String subscriptionId, Path credentialsFile) {}

    /** Sets the sandbox up for {@code siteId}; CONFLICT when {@code file} holds a generator already or cannot be written. */
    public Result run(Path file, AdminPrincipal who, int siteId, long nowSec) {
        if (SandboxCredentials.load(file) != null)
            throw ServiceException.conflict("the sandbox is already set up: " + file + " holds a client key with the GENERATOR role");
        ClientService clients = new ClientService(store);
        KeypairService keypairs = new KeypairService(store);
        NewClientKey client = clients.create(siteId, CLIENT_NAME, EnumSet.of(Role.GENERATOR), nowSec);
        ClientSideKeypair kp = keypairs.create(siteId, KEYPAIR_NAME, "", nowSec);
        try {
            CredentialsFile.update(file, root -> {
                root.put("site_id", siteId);
                root.withArray("clients").addObject().put("name", CLIENT_NAME)
                        .put("key", client.apiKey()).put("secret", client.secretBase64())
                        .putArray("roles").add(Role.GENERATOR.name());
                root.putObject("cstg").put("subscription_id", kp.subscriptionId()).put("public_key", kp.publicKey());
            });
        } catch (IOException e) {
            clients.setDisabled(client.client().keyId(), true);
            keypairs.setDisabled(kp.subscriptionId(), true);
            afterChange.run();
            throw ServiceException.conflict("cannot write the credentials file " + file + " (" + e.getMessage()
                    + "): the sandbox was not set up");
        }
        afterChange.run();
        audit.record(who, "client.create", "client", client.client().keyId(), Jackson.object()
                .put("site_id", siteId).put("name", CLIENT_NAME).put("for", "sandbox"));
        audit.record(who, "keypair.create", "keypair", kp.subscriptionId(), Jackson.object()
                .put("site_id", siteId).put("name", KEYPAIR_NAME).put("for", "sandbox"));
        return new Result(siteId, client.client().keyId(), kp.subscriptionId(), file);
    }
}
