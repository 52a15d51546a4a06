package org.openuid.store.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openuid.core.identity.IdentityEnvironment;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.KeyMaterial;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.Role;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.model.SaltBucket;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.model.Site;
import org.openuid.core.uid.SaltTable;
import org.openuid.store.Store;
import org.openuid.store.StoreData;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Function;

/**
 * Imports a data set in the upstream "core" file formats (spec keys-and-data.md §1-§10) into a {@link Store}.
 *
 * <p>Each part is described by {@code <root>/<part>/metadata.json}; content {@code location}s are resolved against
 * the data set root after stripping the upstream resource prefix {@code /com.uid2.core/test/}. Parts whose
 * metadata file is absent are skipped. Unknown role names are dropped. The salt snapshot in force at the given time is selected as in §6.1.
 *
 * <p>The whole data set is parsed and checked before anything is written. Writing is an upsert that compares with
 * the store's current content and only writes what differs, so importing the same data twice leaves the store
 * (including its change version) untouched. Keyset keys are immutable: a key id that exists with a different
 * content is rejected. Salt buckets are written before the salt metadata, so a store never looks bootstrapped
 * without its buckets.
 */
public final class CoreDataImporter {

    /** Upstream resource prefix stripped from {@code location} values. */
    public static final String RESOURCE_PREFIX = "/com.uid2.core/test/";

    private static final long DEFAULT_SNAPSHOT_LIFETIME_MS = 365L * 24 * 3600 * 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record DataSet(List<Site> sites, List<ClientKey> clients, List<Keyset> keysets, List<KeysetKey> keys,
                           List<ClientSideKeypair> keypairs, RuntimeConfig runtimeConfig, SaltMetadata saltMetadata,
                           SaltTable salts, String saltFile, ServiceData services) {}

    private record Snapshot(long effective, long expires, String location, int size) {}

    private CoreDataImporter() {}

    /**
     * Imports the data set at {@code root} into {@code store}, choosing the salt snapshot in force at {@code nowMs}.
     *
     * @throws ImportException when the data set cannot be read or is invalid (nothing is written then)
     */
    public static ImportResult importDirectory(Path root, Store store, long nowMs) {
        DataSet data = read(root.toAbsolutePath().normalize(), nowMs);
        int writes = write(data, store);
        return new ImportResult(data.sites().size(), data.clients().size(), data.keysets().size(), data.keys().size(),
                data.keypairs().size(), data.salts() == null ? 0 : data.salts().size(), data.saltFile(), writes);
    }

    // ------------------------------------------------------------------ reading

    private static DataSet read(Path root, long nowMs) {
        if (!Files.isDirectory(root)) throw new ImportException("data set folder not found: " + root);
        List<Site> sites = readArray(root, "sites", "sites", CoreDataImporter::site);
        List<ClientKey> clients = readArray(root, "clients", "client_keys", CoreDataImporter::client);
        List<Keyset> keysets = readArray(root, "keysets", "keysets", CoreDataImporter::keyset);
        List<KeysetKey> keys = readArray(root, "keyset_keys", "keyset_keys", CoreDataImporter::key);
        List<ClientSideKeypair> keypairs = readArray(root, "client_side_keypairs", "client_side_keypairs",
                CoreDataImporter::keypair);
        RuntimeConfig config = readRuntimeConfig(root);

        SaltMetadata saltMetadata = null;
        SaltTable salts = null;
        String saltFile = null;
        JsonNode saltMeta = metadata(root, "salts");
        if (saltMeta != null) {
            String ctx = "salts/metadata.json";
            saltMetadata = new SaltMetadata(requiredText(saltMeta, "first_level", ctx), requiredText(saltMeta, "id_prefix", ctx),
                    requiredText(saltMeta, "id_secret", ctx));
            Snapshot snapshot = selectSnapshot(saltMeta, nowMs);
            Path file = resolve(root, snapshot.location());
            saltFile = root.relativize(file).toString();
            salts = readSalts(file, saltFile, snapshot.size());
        }
        return new DataSet(sites, clients, keysets, keys, keypairs, config, saltMetadata, salts, saltFile,
                ServiceData.read(root));
    }

    private static JsonNode metadata(Path root, String part) {
        Path file = root.resolve(part).resolve("metadata.json");
        if (!Files.isRegularFile(file)) return null;
        return parseJson(file, part + "/metadata.json");
    }

    private static JsonNode parseJson(Path file, String name) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ImportException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    static <T> List<T> readArray(Path root, String part, String contentKey, EntryParser<T> parser) {
        JsonNode meta = metadata(root, part);
        if (meta == null) return List.of();
        JsonNode pointer = meta.get(contentKey);
        if (pointer == null || !pointer.hasNonNull("location"))
            throw new ImportException(part + "/metadata.json has no " + contentKey + ".location");
        Path file = resolve(root, pointer.get("location").asText());
        String name = root.relativize(file).toString();
        JsonNode array = parseJson(file, name);
        if (!array.isArray()) throw new ImportException(name + " is not a JSON array");
        List<T> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) out.add(parser.parse(array.get(i), name + " entry " + i));
        return out;
    }

    @FunctionalInterface
    interface EntryParser<T> {
        T parse(JsonNode node, String ctx);
    }

    /** Maps an upstream {@code location} to a file inside the data set. */
    static Path resolve(Path root, String location) {
        String relative = location.startsWith(RESOURCE_PREFIX)
                ? location.substring(RESOURCE_PREFIX.length()) : location.replaceFirst("^/+", "");
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root)) throw new ImportException("location points outside the data set: " + location);
        if (!Files.isRegularFile(file)) throw new ImportException("file not found: " + root.relativize(file));
        return file;
    }

    private static Site site(JsonNode n, String ctx) {
        return new Site(requiredInt(n, "id", ctx), text(n, "name", ""), bool(n, "enabled", true),
                strings(n, "domain_names", ctx), strings(n, "app_names", ctx), longValue(n, "created", 0, ctx));
    }

    private static ClientKey client(JsonNode n, String ctx) {
        String keyId = requiredText(n, "key_id", ctx);
        String c = ctx + " (" + keyId + ")";
        Set<Role> roles = roles(n);
        return new ClientKey(keyId, base64(n, "key_hash", c), base64(n, "key_salt", c), base64(n, "secret", c),
                text(n, "name", ""), text(n, "contact", ""), longValue(n, "created", 0, c), roles,
                requiredInt(n, "site_id", c), bool(n, "disabled", false), intValue(n, "service_id", 0, c));
    }

    /** The known roles of a {@code roles} array (unknown names dropped; absent = none). */
    static Set<Role> roles(JsonNode n) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        JsonNode roleNodes = n.get("roles");
        if (roleNodes != null && roleNodes.isArray()) {
            for (JsonNode r : roleNodes) {
                Role role = Role.parse(r.asText());
                if (role != Role.UNKNOWN) roles.add(role);
            }
        }
        return roles;
    }

    private static Keyset keyset(JsonNode n, String ctx) {
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

    private static KeysetKey key(JsonNode n, String ctx) {
        int id = requiredInt(n, "id", ctx);
        String c = ctx + " (key " + id + ")";
        return new KeysetKey(id, requiredInt(n, "keyset_id", c), longValue(n, "created", 0, c),
                requiredLong(n, "activates", c), requiredLong(n, "expires", c), base64(n, "secret", c));
    }

    private static ClientSideKeypair keypair(JsonNode n, String ctx) {
        String id = requiredText(n, "subscription_id", ctx);
        String c = ctx + " (" + id + ")";
        return new ClientSideKeypair(id, requiredText(n, "public_key", c), requiredText(n, "private_key", c),
                requiredInt(n, "site_id", c), text(n, "contact", ""), text(n, "name", ""), longValue(n, "created", 0, c),
                bool(n, "disabled", false));
    }

    private static RuntimeConfig readRuntimeConfig(Path root) {
        JsonNode meta = metadata(root, "runtime_config");
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

    /** Spec §6.1: the last snapshot (by effective time) with effective ≤ now < expires, else the last one. */
    private static Snapshot selectSnapshot(JsonNode meta, long nowMs) {
        String ctx = "salts/metadata.json";
        JsonNode list = meta.get("salts");
        if (list == null || !list.isArray() || list.isEmpty()) throw new ImportException(ctx + " lists no salt snapshots");
        List<Snapshot> snapshots = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String c = ctx + " salts[" + i + "]";
            snapshots.add(new Snapshot(requiredLong(s, "effective", c),
                    longValue(s, "expires", nowMs + DEFAULT_SNAPSHOT_LIFETIME_MS, c), requiredText(s, "location", c),
                    intValue(s, "size", 0, c)));
        }
        snapshots.sort(Comparator.comparingLong(Snapshot::effective));
        Snapshot selected = null;
        for (Snapshot s : snapshots) {
            if (s.effective() <= nowMs && nowMs < s.expires()) selected = s;
        }
        return selected != null ? selected : snapshots.get(snapshots.size() - 1);
    }

    /** Streams a salt file (spec §6.2) into a compact table, in file order. */
    private static SaltTable readSalts(Path file, String name, int sizeHint) {
        SaltTable.Builder builder = SaltTable.builder(Math.max(sizeHint, 16));
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                SaltBucket b = parseSaltLine(line, name + " line " + lineNo);
                builder.add(b.id(), b.lastUpdated(), b.currentSalt(), b.refreshFrom(), b.previousSalt(), b.currentKey(),
                        b.previousKey());
            }
        } catch (IOException e) {
            throw new ImportException("cannot read " + name + ": " + e.getMessage(), e);
        }
        return builder.build();
    }

    /** {@code id,lastUpdated,currentSalt,refreshFrom,previousSalt,curKeyId,curKey,curKeySalt,prevKeyId,prevKey,prevKeySalt}. */
    static SaltBucket parseSaltLine(String line, String ctx) {
        String[] f = line.split(",", -1);
        if (f.length < 4) throw new ImportException(ctx + ": expected at least 4 fields, found " + f.length);
        try {
            int id = Integer.parseInt(f[0].trim());
            if (id < 0) throw new ImportException(ctx + ": bucket id must not be negative (public bucket ids encode non-negative numbers)");
            return new SaltBucket(id, Long.parseLong(f[1].trim()), field(f, 2),
                    Long.parseLong(f[3].trim()), field(f, 4), keyMaterial(f, 5), keyMaterial(f, 8));
        } catch (NumberFormatException e) {
            throw new ImportException(ctx + ": invalid number");
        }
    }

    private static KeyMaterial keyMaterial(String[] f, int start) {
        String id = field(f, start);
        String key = field(f, start + 1);
        if (id.isEmpty() || key.isEmpty()) return null;
        return new KeyMaterial(Integer.parseInt(id), key, field(f, start + 2));
    }

    private static String field(String[] f, int i) {
        return i < f.length ? f[i].trim() : "";
    }

    // ------------------------------------------------------------------ JSON field helpers

    static String text(JsonNode n, String field, String fallback) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    static String requiredText(JsonNode n, String field, String ctx) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isEmpty())
            throw new ImportException(ctx + ": missing " + field);
        return v.asText();
    }

    static boolean bool(JsonNode n, String field, boolean fallback) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? fallback : v.asBoolean(fallback);
    }

    static int requiredInt(JsonNode n, String field, String ctx) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) throw new ImportException(ctx + ": missing or invalid " + field);
        return v.asInt();
    }

    private static int intValue(JsonNode n, String field, int fallback, String ctx) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? fallback : requiredInt(n, field, ctx);
    }

    private static long requiredLong(JsonNode n, String field, String ctx) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) throw new ImportException(ctx + ": missing or invalid " + field);
        return v.asLong();
    }

    private static long longValue(JsonNode n, String field, long fallback, String ctx) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? fallback : requiredLong(n, field, ctx);
    }

    private static Long optionalLong(JsonNode n, String field, String ctx) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : requiredLong(n, field, ctx);
    }

    private static List<String> strings(JsonNode n, String field, String ctx) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return List.of();
        if (!v.isArray()) throw new ImportException(ctx + ": " + field + " is not an array");
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode s : v) out.add(s.asText());
        return out;
    }

    /** Decodes a Base64 field; the message never contains the value. */
    private static byte[] base64(JsonNode n, String field, String ctx) {
        String text = requiredText(n, field, ctx);
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ImportException(ctx + ": " + field + " is not valid Base64");
        }
    }

    // ------------------------------------------------------------------ writing

    private static int write(DataSet data, Store store) {
        StoreData existing = store.loadAll();
        Map<Integer, KeysetKey> existingKeys = byId(existing.keys(), KeysetKey::id);
        Map<Integer, KeysetKey> newKeys = new LinkedHashMap<>();
        for (KeysetKey k : data.keys()) {
            KeysetKey earlier = newKeys.putIfAbsent(k.id(), k);
            if (earlier != null && !sameKey(earlier, k)) throw new ImportException("key " + k.id() + " is listed twice");
            KeysetKey stored = existingKeys.get(k.id());
            if (stored != null && !sameKey(stored, k))
                throw new ImportException("key " + k.id() + " already exists in the store with a different content");
        }

        int writes = 0;
        if (data.runtimeConfig() != null && !data.runtimeConfig().equals(existing.runtimeConfig())) {
            store.setRuntimeConfig(data.runtimeConfig());
            writes++;
        }
        Map<Integer, Site> sites = byId(existing.sites(), Site::id);
        for (Site s : lastById(data.sites(), Site::id)) {
            if (!s.equals(sites.get(s.id()))) {
                store.upsertSite(s);
                writes++;
            }
        }
        Map<Integer, Keyset> keysets = byId(existing.keysets(), Keyset::keysetId);
        for (Keyset k : lastById(data.keysets(), Keyset::keysetId)) {
            if (!k.equals(keysets.get(k.keysetId()))) {
                store.upsertKeyset(k);
                writes++;
            }
        }
        for (KeysetKey k : newKeys.values()) {
            if (!existingKeys.containsKey(k.id())) {
                store.insertKey(k);
                writes++;
            }
        }
        Map<String, ClientKey> clients = byId(existing.clients(), ClientKey::keyId);
        for (ClientKey c : lastById(data.clients(), ClientKey::keyId)) {
            ClientKey stored = clients.get(c.keyId());
            if (stored == null || !sameClient(stored, c)) {
                store.upsertClient(c);
                writes++;
            }
        }
        Map<String, ClientSideKeypair> keypairs = byId(existing.keypairs(), ClientSideKeypair::subscriptionId);
        for (ClientSideKeypair k : lastById(data.keypairs(), ClientSideKeypair::subscriptionId)) {
            if (!k.equals(keypairs.get(k.subscriptionId()))) {
                store.upsertKeypair(k);
                writes++;
            }
        }
        writes += data.services().write(existing, store);
        if (data.salts() != null && !sameSalts(data.salts(), existing.salts())) {
            store.replaceSaltBuckets(asList(data.salts()));
            writes++;
        }
        if (data.saltMetadata() != null && !data.saltMetadata().equals(existing.saltMetadata())) {
            store.setSaltMetadata(data.saltMetadata());
            writes++;
        }
        return writes;
    }

    private static <K, T> Map<K, T> byId(List<T> items, Function<T, K> id) {
        Map<K, T> map = new LinkedHashMap<>();
        for (T t : items) map.put(id.apply(t), t);
        return map;
    }

    /** Items with unique ids, a later entry replacing an earlier one. */
    private static <K, T> List<T> lastById(List<T> items, Function<T, K> id) {
        return new ArrayList<>(byId(items, id).values());
    }

    public static boolean sameKey(KeysetKey a, KeysetKey b) {
        return a.id() == b.id() && a.keysetId() == b.keysetId() && a.created() == b.created()
                && a.activates() == b.activates() && a.expires() == b.expires() && Arrays.equals(a.secret(), b.secret());
    }

    public static boolean sameClient(ClientKey a, ClientKey b) {
        return a.keyId().equals(b.keyId()) && Arrays.equals(a.keyHash(), b.keyHash())
                && Arrays.equals(a.keySalt(), b.keySalt()) && Arrays.equals(a.secret(), b.secret())
                && Objects.equals(a.name(), b.name()) && Objects.equals(a.contact(), b.contact())
                && a.created() == b.created() && a.roles().equals(b.roles()) && a.siteId() == b.siteId()
                && a.disabled() == b.disabled() && a.serviceId() == b.serviceId();
    }

    public static boolean sameSalts(SaltTable a, SaltTable b) {
        if (b == null || a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (!a.bucket(i).equals(b.bucket(i))) return false;
        }
        return true;
    }

    /** A read-only list view of a salt table, materialising one bucket per {@code get}. */
    public static List<SaltBucket> asList(SaltTable table) {
        return new SaltTableList(table);
    }

    private static final class SaltTableList extends AbstractList<SaltBucket> implements RandomAccess {
        private final SaltTable table;

        SaltTableList(SaltTable table) { this.table = table; }

        @Override
        public SaltBucket get(int index) { return table.bucket(index); }

        @Override
        public int size() { return table.size(); }
    }
}
