package org.openuid.store;

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

import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected content of the store after importing testdata/uid2-core-test (values from spec keys-and-data.md). */
final class CoreTestDataAssertions {

    /** key id → {plaintext key, key hash, secret, site id}. */
    static final String[][] CLIENTS = {
            {"UID2-C-L-999-fCXrM", "UID2-C-L-999-fCXrMM.fsR3mDqAXELtWWMS+xG1s7RdgRTMqdOH2qaAo=",
                    "FIUDeEqA+O2hW7PXdAJI/NAnJleHX+6QU46avhal5Wy4th0ZEKvG5eoFk8CFvqxGkMFlHwGG+DWTU+ZdwiHdQg==",
                    "DzBzbjTJcYL0swDtFs2krRNu+g1Eokm2tBU4dEuD0Wk=", "999"},
            {"LOCALbGlvb", "LOCALbGlvbnVuZGVybGluZXdpbmRzY2FyZWRzb2Z0ZGVzZXI=",
                    "LXybcNSAhhAc2ZGbhJYpQWNfcrKdSmlxDmGKaga3WNp7ReQepxv6zpRKN/o/rIl9BzGCtI+dkfDjjxDPBFuPYQ==",
                    "c3RlZXBzcGVuZHNsb3BlZnJlcXVlbnRseWRvd2lkZWM=", "999"},
            {"UID2-C-L-123-t32pC", "UID2-C-L-123-t32pCM.5NCX1E94UgOd2f8zhsKmxzCoyhXohHYSSWR8U=",
                    "e057FyhI7c9XrpV6f/CP76ngW3riDLy8EaYtNetGO6UZTDKqqkEFyvOY0F39UtsL5p+X1m9cub17nLJNUzrt3g==",
                    "FsD4bvtjMkeTonx6HvQp6u0EiI1ApGH4pIZzZ5P7UcQ=", "123"},
            {"UID2-C-L-124-H8Vwq", "UID2-C-L-124-H8VwqX.l2G4TCuUWYAqdqkeG/UqtFoPEoXirKn4kHWxc=",
                    "R3PX5OcLrpNBmbbp1ka6XWzv4lNDnw+/eAjKoTu6hjl8dI2quMZPdLBHubikFzcBR6tXUiLb6wqkg+EFxkAHFA==",
                    "NcMgi6Y8C80SlxvV7pYlfcvEIo+2b0508tYQ3pKK8HM=", "124"},
            {"UID2-C-L-125-E5w9L", "UID2-C-L-125-E5w9L8.T5og45yFqQeoj4ubh9IVqXcaSVwk7A5XyG958=",
                    "zdqcmDRSpaBEn23i+pA9h3qQfMHksYxWRtZ0PZNB487b63w4Q+Q/YsU8Uaf2QBuuq9NZbcUqfpMMYTVC3kh57w==",
                    "3YAgjckHGQyBgSFj64ZsLf8WlUnvrQhLKuG7rljp6W4=", "125"},
            {"UID2-C-L-126-GMP9t", "UID2-C-L-126-GMP9tD.jn2o3vmXzn7vmKRlTT6BEUrPUaPJuQmDBdq38=",
                    "KCAmaEYzy922XhhPJXVWQaym562E6qx2ZdTh7ZVUGBK4eV8IEowjDhK8X3bk5KTDp6ClrmwAMCw39a2xJ5CsXw==",
                    "1ydXM0rEj+ROUazVpZjNZOGu2T5+f/BIiBfnK8xGh/A=", "126"},
            {"UID2-C-L-127-aHVyd", "UID2-C-L-127-aHVydH.JlZnVzZWRmYXN0ZW5lbXliYWdpZGVudGl0eWU=",
                    "EsTnXmois+IXfkOVK6YPkFos5o3OO5O6cErZ0gab1SOA4gWK1a9XH1Ht2gCuQ+CxGYqsLszBLJZRVnl2b2eRAQ==",
                    "c3VpdG9wcG9zaXRlaW1hZ2Vsb29rc2ltcGxlc3RmaXI=", "127"},
            {"UID2-C-L-126-Tv40p", "UID2-C-L-126-Tv40pS./TtagASU9S0tIqDyBSh283pla4mDyHBZvw+OQ=",
                    "SFPiVsksiaBXcI52q4hkxMLj3L8sOJ/UhoreNvVmxWOmlVCb1g0XbuAqS6Jw8EyCpGOr0+M85rwjfNJFvpRI5Q==",
                    "qcWPpOZmlH2C0xRkdir+7Y+5hhgW1MicOhcqC8y2w8o=", "126"},
    };

    private CoreTestDataAssertions() {}

    static void assertImported(StoreData d) {
        assertThat(d.sites()).extracting(Site::id).containsExactly(123, 124, 125, 126, 127);
        Site s123 = d.sites().get(0);
        assertThat(s123.name()).isEqualTo("MegaTest Site");
        assertThat(s123.enabled()).isTrue();
        assertThat(s123.domainNames()).containsExactly("localhost", "uidapi.com");
        assertThat(s123.appNames()).containsExactly("com.123.Game.App.android", "123456789", "com.123.Game.App.ios",
                "com.uid2.devapp");
        assertThat(d.sites().get(1).domainNames()).isEmpty();
        Site s127 = d.sites().get(4);
        assertThat(s127.domainNames()).containsExactly("example.com", "unifiedid.com");
        assertThat(s127.appNames()).containsExactly("com.UID2.operator.TEST", "13456789");

        assertThat(d.clients()).hasSize(8);
        Map<String, ClientKey> clients = index(d.clients(), ClientKey::keyId);
        Base64.Decoder b64 = Base64.getDecoder();
        for (String[] c : CLIENTS) {
            ClientKey k = clients.get(c[0]);
            assertThat(k).as(c[0]).isNotNull();
            assertThat(k.keyHash()).as("hash of %s", c[0]).isEqualTo(b64.decode(c[2]));
            assertThat(k.secret()).isEqualTo(b64.decode(c[3]));
            assertThat(k.siteId()).isEqualTo(Integer.parseInt(c[4]));
            assertThat(ApiKeys.matches(k, c[1])).as("key of %s authenticates", c[0]).isTrue();
            assertThat(k.disabled()).isFalse();
        }
        ClientKey special = clients.get("UID2-C-L-999-fCXrM");
        assertThat(special.roles()).isEqualTo(EnumSet.of(Role.MAPPER, Role.GENERATOR, Role.ID_READER, Role.SHARER, Role.OPTOUT));
        assertThat(special.name()).isEqualTo("Special");
        assertThat(special.contact()).isEqualTo("Special");
        assertThat(special.created()).isEqualTo(1609459200L);
        assertThat(special.serviceId()).isZero();
        assertThat(clients.get("UID2-C-L-125-E5w9L").roles()).isEqualTo(EnumSet.of(Role.MAPPER, Role.SHARER));
        ClientKey venice = clients.get("UID2-C-L-126-Tv40p");
        assertThat(venice.serviceId()).isEqualTo(2);
        assertThat(venice.created()).isEqualTo(1698695162L);
        assertThat(venice.roles()).containsExactly(Role.MAPPER);

        assertThat(d.keysets()).extracting(Keyset::keysetId)
                .containsExactly(-2, -1, 2, 501, 502, 503, 601, 602, 701, 801, 901);
        Map<Integer, Keyset> keysets = index(d.keysets(), Keyset::keysetId);
        assertThat(keysets.get(-1).allowedSites()).isNull();
        assertThat(keysets.get(-1).siteId()).isEqualTo(-1);
        assertThat(keysets.get(2).allowedSites()).containsExactly(-1, -2, 2, 3, 4, 5, 6, 7, 8);
        assertThat(keysets.get(501)).isEqualTo(new Keyset(501, 123, "My keyset #123-1", List.of(2, 3, 4), 1617149276L, true, true));
        assertThat(keysets.get(502).isDefault()).isFalse();
        assertThat(keysets.get(503).enabled()).isFalse();
        assertThat(keysets.get(503).siteId()).isEqualTo(5);
        assertThat(keysets.get(901)).isEqualTo(new Keyset(901, 127, "App Name Test Site Key Set 1", List.of(123), 1713225363L,
                true, true));

        assertThat(d.keys()).extracting(KeysetKey::id).containsExactly(5, 6, 7, 8, 9, 10, 11, 101, 102, 103, 104);
        Map<Integer, KeysetKey> keys = index(d.keys(), KeysetKey::id);
        assertThat(keys.get(101).keysetId()).isEqualTo(-1);
        assertThat(keys.get(101).secret()).isEqualTo(b64.decode("vPdQIoN1nTwXIQoH4/GcHOAct7ymyrGUKXNQhgmq+E8="));
        assertThat(keys.get(102).secret()).isEqualTo(b64.decode("RgyxkP4yP1gYhCINq7O9PxM6jX+etPqSQluZxjB1aG8="));
        assertThat(keys.get(103).secret()).isEqualTo(b64.decode("c2yMYeezHfDvZ6haknCFaj0t+eAEJp/C/uh+fUAm1fo="));
        assertThat(keys.get(104).secret()).isEqualTo(b64.decode("bVZZOwCuO0fUf2P6CrwaY23erMErVQiMkGgpy2OMSxc="));
        assertThat(keys.get(104).activates()).isEqualTo(1634077566L);
        assertThat(keys.get(104).expires()).isEqualTo(4088629662L);
        assertThat(keys.get(101).created()).isEqualTo(1622691044L);
        KeysetKey k11 = keys.get(11);
        assertThat(k11.keysetId()).isEqualTo(901);
        assertThat(k11.created()).isEqualTo(1713225363L);
        assertThat(k11.activates()).isEqualTo(1713250563L);
        assertThat(k11.expires()).isEqualTo(1715756163L);

        assertThat(d.keypairs()).hasSize(1);
        ClientSideKeypair kp = d.keypairs().get(0);
        assertThat(kp.subscriptionId()).isEqualTo("4WvryDGbR5");
        assertThat(kp.siteId()).isEqualTo(123);
        assertThat(kp.publicKey()).isEqualTo("UID2-X-L-MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEtXJdTSZAYHvoRDWiehMHoWF1BNPuqLs5w2ZHiAZ1IJc7O4/z0ojPTB0V+KYX/wxQK0hxx6kxCvHj335eI/ZQsQ==");
        assertThat(kp.privateKey()).isEqualTo("UID2-Y-L-MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCC5kOSRVD+qhAZqf0L4LGbmAhdy5HpIptwXE72jxhwo6w==");
        assertThat(kp.contact()).isEqualTo("test@email.com");
        assertThat(kp.created()).isEqualTo(1692034991L);
        assertThat(kp.disabled()).isFalse();

        assertThat(d.runtimeConfig()).isEqualTo(new RuntimeConfig(3600, 86400, 900, 2592000, null, null, IdentityEnvironment.TEST));
        assertThat(d.saltMetadata()).isEqualTo(new SaltMetadata("fOGY/aRE44peL23i+cE9MkJrzmEeNZZziNZBfq7qqk8=", "b",
                "HF6Qz42HBbVHINxhh191dB09BCuTWyBkNtrNicO4ZCw="));

        SaltTable salts = d.salts();
        assertThat(salts.size()).isEqualTo(5);
        for (int i = 0; i < 5; i++) assertThat(salts.bucketId(i)).isEqualTo(1_000_000 + i);
        assertThat(salts.bucket(0)).isEqualTo(new SaltBucket(1000000, 1806364800001L,
                "vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnss=", 1814140800000L,
                "vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnsS=", null, null));
        assertThat(salts.bucket(1)).isEqualTo(new SaltBucket(1000001, 1786924800001L,
                "vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnst=", 1812844800000L, "", null, null));
        assertThat(salts.bucket(2)).isEqualTo(new SaltBucket(1000002, 1798588800001L, "", 1806364800000L, "",
                new KeyMaterial(2100002, "key12345key12345key12345key12340", "salt1234salt1234salt1234salt1230"),
                new KeyMaterial(2000002, "key12345key12345key12345key12345", "salt1234salt1234salt1234salt1234")));
        assertThat(salts.bucket(3)).isEqualTo(new SaltBucket(1000003, 1795996800001L, "", 1803772800000L, "",
                new KeyMaterial(2000003, "key12345key12345key12345key12346", "salt1234salt1234salt1234salt1235"), null));
        assertThat(salts.bucket(4)).isEqualTo(new SaltBucket(1000004, 1811548800001L, "", 1819324800000L,
                "vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnsw=",
                new KeyMaterial(2000004, "key12345key12345key12345key12347", "salt1234salt1234salt1234salt1236"), null));
    }

    private static <K, T> Map<K, T> index(List<T> items, Function<T, K> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}
