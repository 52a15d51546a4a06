package org.openuid.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openuid.core.identity.IdentityScope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The operator's static configuration, in one typed place. Sources, later ones winning: built-in defaults,
 * a JSON file (snake_case keys), environment variables {@code OPENUID_<KEY>} (upper case), command-line
 * flags. Every key is listed in docs/configuration.md.
 */
public record OperatorConfig(
        String store,
        String bindHost,
        int port,
        IdentityScope identityScope,
        boolean enablePhoneSupport,
        boolean clientSideTokenGenerate,
        boolean clientSideTokenGenerateDomainNameCheckEnabled,
        boolean keySharingEndpointProvideAppNames,
        boolean identityV3,
        int allowClockSkewSeconds,
        int optoutStatusMaxRequestSize,
        int saltBucketCount,
        int maxRequestBodyBytes,
        long snapshotPollMillis,
        String credentialsFile,
        boolean demoMode,
        boolean allowLegacyApi,
        int tcfVendorId,
        String opsBindHost,
        int opsPort,
        CstgRateLimits cstgRateLimits,
        KeyRotationSettings keyRotation,
        SaltRotationSettings saltRotation,
        boolean optoutStatusApiEnabled,
        StoreSyncSettings storeSync,
        StoreConnectionSettings storeConnection,
        boolean accessLog,
        AdminSettings admin,
        String secretsKey,
        String secretsKeyFile,
        List<String> otherSecretsKeys,
        boolean validateServiceLinks,
        long shutdownUnreadyMillis) {

    /** Every accepted key with its default value. */
    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("store", "./data"),
            Map.entry("bind_host", "0.0.0.0"),
            Map.entry("port", "8080"),
            Map.entry("identity_scope", "uid2"),
            Map.entry("enable_phone_support", "true"),
            Map.entry("client_side_token_generate", "true"),
            Map.entry("client_side_token_generate_domain_name_check_enabled", "true"),
            Map.entry("key_sharing_endpoint_provide_app_names", "true"),
            Map.entry("identity_v3", "false"),
            Map.entry("allow_clock_skew_seconds", "1800"),
            Map.entry("optout_status_max_request_size", "5000"),
            Map.entry("salt_bucket_count", "1048576"),
            Map.entry("max_request_body_bytes", "1048576"),
            Map.entry("snapshot_poll_millis", "1000"),
            Map.entry("credentials_file", ""),
            Map.entry("demo_mode", "false"),
            Map.entry("allow_legacy_api", ""),
            Map.entry("tcf_vendor_id", "21"),
            Map.entry("ops_bind_host", "0.0.0.0"),
            Map.entry("ops_port", "9080"),
            Map.entry("cstg_rate_limit_per_ip_per_second", "20"),
            Map.entry("cstg_rate_limit_per_ip_burst", "100"),
            Map.entry("cstg_rate_limit_per_site_per_second", "1000"),
            Map.entry("cstg_rate_limit_per_site_burst", "5000"),
            Map.entry("cstg_client_ip_header", ""),
            Map.entry("key_rotation_enabled", "true"),
            Map.entry("key_rotation_interval_minutes", "60"),
            Map.entry("key_lifetime_days", "30"),
            Map.entry("key_activation_lead_minutes", "1440"),
            Map.entry("salt_rotation_enabled", "true"),
            Map.entry("salt_rotation_fraction", "0.00274"),
            Map.entry("salt_rotation_min_age_days", "30"),
            Map.entry("salt_rotation_interval_hours", "24"),
            Map.entry("salt_rotation_refresh_delay_days", "30"),
            Map.entry("optout_status_api_enabled", "true"),
            Map.entry("store_notifications", "true"),
            Map.entry("store_max_staleness_seconds", "43200"),
            Map.entry("store_password_file", ""),
            Map.entry("store_pool_size", "8"),
            Map.entry("access_log", "false"),
            Map.entry("secrets_key", ""),
            Map.entry("secrets_key_file", ""),
            Map.entry("other_secrets_keys", ""),
            Map.entry("admin_bind_host", "127.0.0.1"),
            Map.entry("admin_port", "8081"),
            Map.entry("validate_service_links", "false"),
            Map.entry("shutdown_unready_millis", "5000"));

    public static OperatorConfig defaults() {
        return fromSettings(Map.of());
    }

    /** Builds and validates a configuration from key/value settings layered over the defaults. */
    public static OperatorConfig fromSettings(Map<String, String> settings) {
        for (String k : settings.keySet())
            if (!DEFAULTS.containsKey(k)) throw new IllegalArgumentException("unknown configuration key '" + k + "'");
        Map<String, String> s = new HashMap<>(DEFAULTS);
        s.putAll(settings);
        String creds = s.get("credentials_file");
        return new OperatorConfig(
                s.get("store"), s.get("bind_host"), integer(s, "port"),
                scope(s.get("identity_scope")),
                bool(s, "enable_phone_support"), bool(s, "client_side_token_generate"),
                bool(s, "client_side_token_generate_domain_name_check_enabled"),
                bool(s, "key_sharing_endpoint_provide_app_names"), bool(s, "identity_v3"),
                integer(s, "allow_clock_skew_seconds"), integer(s, "optout_status_max_request_size"),
                integer(s, "salt_bucket_count"), integer(s, "max_request_body_bytes"),
                integer(s, "snapshot_poll_millis"), creds == null || creds.isBlank() ? null : creds,
                bool(s, "demo_mode"),
                s.get("allow_legacy_api").isBlank() ? bool(s, "demo_mode") : bool(s, "allow_legacy_api"),
                integer(s, "tcf_vendor_id"),
                s.get("ops_bind_host"), integer(s, "ops_port"),
                CstgRateLimits.from(s), KeyRotationSettings.from(s),
                SaltRotationSettings.from(s), bool(s, "optout_status_api_enabled"), StoreSyncSettings.from(s),
                StoreConnectionSettings.from(s),
                bool(s, "access_log"), AdminSettings.from(s),
                s.get("secrets_key").strip(), s.get("secrets_key_file").strip(), ConfigValues.list(s, "other_secrets_keys"),
                bool(s, "validate_service_links"), integer(s, "shutdown_unready_millis")).validate();
    }

    /** Settings from a JSON file (may be null) and the environment, for {@link #fromSettings}. */
    public static Map<String, String> settings(Path file, Map<String, String> env) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (file != null) {
            JsonNode node = new ObjectMapper().readTree(Files.readAllBytes(file));
            if (node == null || !node.isObject())
                throw new IllegalArgumentException("configuration file " + file + " must hold a JSON object");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!DEFAULTS.containsKey(f.getKey()))
                    throw new IllegalArgumentException("unknown configuration key '" + f.getKey() + "' in " + file);
                out.put(f.getKey(), f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString());
            }
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!e.getKey().startsWith("OPENUID_")) continue;
            String key = e.getKey().substring("OPENUID_".length()).toLowerCase(Locale.ROOT);
            if (DEFAULTS.containsKey(key)) out.put(key, e.getValue());
        }
        return out;
    }

    /** Never prints the secrets key. */
    @Override
    public String toString() {
        return "OperatorConfig[store=" + store + ", port=" + port + ", identity_scope=" + identityScope
                + ", secrets_key=" + (secretsKey.isEmpty() ? "unset" : "set")
                + (otherSecretsKeys.isEmpty() ? "" : ", other_secrets_keys=" + otherSecretsKeys.size() + " set") + "]";
    }

    /** Credentials of the demo clients are written here on first start (default: inside the store directory). */
    public Path credentialsPath() {
        if (credentialsFile != null) return Path.of(credentialsFile);
        return isEmbeddedStore() ? Path.of(store).resolve("demo-credentials.json") : Path.of("demo-credentials.json");
    }

    public boolean isEmbeddedStore() {
        String s = store.toLowerCase(Locale.ROOT);
        return !(s.startsWith("postgres") || s.startsWith("jdbc:"));
    }

    private OperatorConfig validate() {
        check(port >= 0 && port <= 65535, "port must be between 0 and 65535, got " + port);
        check(opsPort >= -1 && opsPort <= 65535, "ops_port must be between 0 and 65535, or -1 to disable it, got " + opsPort);
        check(saltBucketCount >= 1, "salt_bucket_count must be at least 1, got " + saltBucketCount);
        check(optoutStatusMaxRequestSize >= 1, "optout_status_max_request_size must be at least 1");
        check(maxRequestBodyBytes >= 1024, "max_request_body_bytes must be at least 1024");
        check(snapshotPollMillis >= 10, "snapshot_poll_millis must be at least 10");
        check(allowClockSkewSeconds >= 0, "allow_clock_skew_seconds must not be negative");
        check(shutdownUnreadyMillis >= 0, "shutdown_unready_millis must not be negative, got " + shutdownUnreadyMillis);
        check(store != null && !store.isBlank(), "store must be set");
        return this;
    }

    private static void check(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    private static int integer(Map<String, String> s, String key) {
        try {
            return Integer.parseInt(s.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + s.get(key) + "'");
        }
    }

    private static boolean bool(Map<String, String> s, String key) {
        String v = s.get(key).trim();
        if (v.equalsIgnoreCase("true")) return true;
        if (v.equalsIgnoreCase("false")) return false;
        throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
    }

    private static IdentityScope scope(String v) {
        for (IdentityScope sc : IdentityScope.values()) if (sc.name().equalsIgnoreCase(v.trim())) return sc;
        throw new IllegalArgumentException("identity_scope must be uid2 or euid, got '" + v + "'");
    }

    static Set<String> keys() { return DEFAULTS.keySet(); }
}
