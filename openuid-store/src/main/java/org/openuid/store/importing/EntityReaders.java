package org.openuid.store.importing;

import com.fasterxml.jackson.databind.JsonNode;
import org.openuid.core.identity.IdentityEnvironment;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.model.Site;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.openuid.store.importing.JsonFields.base64;
import static org.openuid.store.importing.JsonFields.bool;
import static org.openuid.store.importing.JsonFields.intValue;
import static org.openuid.store.importing.JsonFields.longValue;
import static org.openuid.store.importing.JsonFields.optionalLong;
import static org.openuid.store.importing.JsonFields.requiredInt;
import static org.openuid.store.importing.JsonFields.requiredLong;
import static org.openuid.store.importing.JsonFields.requiredText;
import static org.openuid.store.importing.JsonFields.roles;
import static org.openuid.store.importing.JsonFields.strings;
import static org.openuid.store.importing.JsonFields.text;

/**
 * One reader per upstream JSON entry kind (spec keys-and-data.md §2-§8): sites, client keys, keysets, keyset keys,
 * client-side keypairs, and the runtime configuration (validated as the store would).
 */
final class EntityReaders {
    private EntityReaders() {}

    static Site site(JsonNode n, String ctx) {
        return new Site(requiredInt(n, "id", ctx), text(n, "name", ""), bool(n, "enabled", true),
                strings(n, "domain_names", ctx), strings(n, "app_names", ctx), longValue(n, "created", 0, ctx));
    }

    static ClientKey client(JsonNode n, String ctx) {
        String keyId = requiredText(n, "key_id", ctx);
        String c = ctx + " (" + keyId + ")";
        return new ClientKey(keyId, base64(n, "key_hash", c), base64(n, "key_salt", c), base64(n, "secret", c),
                text(n, "name", ""), text(n, "contact", ""), longValue(n, "created", 0, c), roles(n),
                requiredInt(n, "site_id", c), bool(n, "disabled", false), intValue(n, "service_id", 0, c));
    }

    static Keyset keyset(JsonNode n, String ctx) {
        List<Integer> allowed = null;
        JsonNode a = n.get("allowed_sites");
        if (a != null && !a.isNull()) {
            if (!a.isArray()) throw new ImportException(ctx + ": allowed_sites is not an array");
            allowed = new ArrayList<>();
            for (JsonNode s : a) {
                if (!s.canConvertToInt()) throw new ImportException(ctx + ": allowed_sites holds a non-integer");
                allowed.add(s.asInt());
            }
        }
        return new Keyset(requiredInt(n, "keyset_id", ctx), requiredInt(n, "site_id", ctx), text(n, "name", ""), allowed,
                longValue(n, "created", 0, ctx), bool(n, "enabled", true), bool(n, "default", false));
    }

    static KeysetKey key(JsonNode n, String ctx) {
        int id = requiredInt(n, "id", ctx);
        String c = ctx + " (key " + id + ")";
        return new KeysetKey(id, requiredInt(n, "keyset_id", c), longValue(n, "created", 0, c),
                requiredLong(n, "activates", c), requiredLong(n, "expires", c), base64(n, "secret", c));
    }

    static ClientSideKeypair keypair(JsonNode n, String ctx) {
        String id = requiredText(n, "subscription_id", ctx);
        String c = ctx + " (" + id + ")";
        return new ClientSideKeypair(id, requiredText(n, "public_key", c), requiredText(n, "private_key", c),
                requiredInt(n, "site_id", c), text(n, "contact", ""), text(n, "name", ""), longValue(n, "created", 0, c),
                bool(n, "disabled", false));
    }

    /** The runtime configuration of {@code runtime_config/metadata.json}, or null when the part is absent. */
    static RuntimeConfig runtimeConfig(Path root) {
        JsonNode meta = DataSetFiles.metadata(root, "runtime_config");
        if (meta == null) return null;
        String ctx = "runtime_config/metadata.json";
        JsonNode n = meta.get("runtime_config");
        if (n == null || !n.isObject()) throw new ImportException(ctx + " has no runtime_config object");
        IdentityEnvironment env;
        try {
            env = IdentityEnvironment.parse(requiredText(n, "identity_environment", ctx));
        } catch (IllegalArgumentException e) {
            throw new ImportException(ctx + ": unknown identity_environment");
        }
        RuntimeConfig config = new RuntimeConfig(requiredLong(n, "identity_token_expires_after_seconds", ctx),
                requiredLong(n, "refresh_token_expires_after_seconds", ctx),
                requiredLong(n, "refresh_identity_token_after_seconds", ctx),
                requiredLong(n, "sharing_token_expiry_seconds", ctx),
                optionalLong(n, "max_bidstream_lifetime_seconds", ctx), optionalLong(n, "max_sharing_lifetime_seconds", ctx),
                env);
        try {
            return config.validate();
        } catch (IllegalArgumentException e) {
            throw new ImportException(ctx + ": " + e.getMessage());
        }
    }
}
