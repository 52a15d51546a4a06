package org.openuid.core.service;

import org.junit.jupiter.api.Test;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.IdentityEnvironment;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.model.KeyMaterial;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.uid.RawUidDeriver;
import org.openuid.core.uid.SaltTable;
import org.openuid.core.uid.TestSalts;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Identity mapping over the reference test data (tokens.md §2.5-2.6, endpoints.md §7-§9). */
class IdentityMapServiceTest {
    static final long DAY = 86_400_000L;
    /** 2026-01-01T00:00:00Z: before every bucket's lastUpdated and refreshFrom in the test data. */
    static final long NOW = 1767225600000L;
    static final String USER_HASH = "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ=";

    static Snapshot snapshot(SaltTable salts) {
        return new Snapshot(1, RuntimeConfig.testDefaults(),
                new SaltMetadata(TestSalts.FIRST_LEVEL_SALT, "b", "HF6Qz42HBbVHINxhh191dB09BCuTWyBkNtrNicO4ZCw="),
                salts, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    final Snapshot snapshot = snapshot(TestSalts.load());
    final TokenService tokens = new TokenService(IdentityScope.UID2, false, IvSource.secure());
    final IdentityMapService service = new IdentityMapService(tokens);

    private IdentityMapping.Mapped mapped(IdentityMapService.Mapper m, DiiKind kind, String value, boolean v3) {
        IdentityMapping r = m.map(kind, value, v3);
        assertThat(r).as(value).isInstanceOf(IdentityMapping.Mapped.class);
        return (IdentityMapping.Mapped) r;
    }

    private static String b64(byte[] b) {
        return b == null ? null : Base64.getEncoder().encodeToString(b);
    }

    @Test
    void rawUidsAndBucketIdsEqualTheVerifiedVectors() {
        IdentityMapService.Mapper m = service.mapper(snapshot, OptOutLookup.NONE, NOW);
        for (String[] v : new String[][]{
                {"EMAIL", "user@example.com", "ICALImfE94kkoCsBn79kNqDk485MeuvZ3bHUdsmPcKIf", "bv3WM92zaA"},
                {"EMAIL", "USER@EXAMPLE.COM", "ICALImfE94kkoCsBn79kNqDk485MeuvZ3bHUdsmPcKIf", "bv3WM92zaA"},
                {"EMAIL_HASH", USER_HASH, "ICALImfE94kkoCsBn79kNqDk485MeuvZ3bHUdsmPcKIf", "bv3WM92zaA"},
                {"EMAIL_HASH", "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514", "ICALImfE94kkoCsBn79kNqDk485MeuvZ3bHUdsmPcKIf", "bv3WM92zaA"},
                {"EMAIL", "validate@example.com", "IB6Eg1OCF+lh69mH6vlFu2tQ0lCF8KihEihbuo4zz7j7", "bl5yy6kr58"},
                {"PHONE", "+12345678901", "JCALIn2jvn98OvQPhijCPNLUHrq2SB09ftuzecdG7Vv7", "bv3WM92zaA"},
                {"PHONE_HASH", "EObwtHBUqDNZR33LNSMdtt5cafsYFuGmuY4ZLenlue4=", "JCALIn2jvn98OvQPhijCPNLUHrq2SB09ftuzecdG7Vv7", "bv3WM92zaA"},
                {"EMAIL", "test@example.com", "yCevINTMQ+BMfihNbXjrDLbm/FF+JvBan5YqmToByik=", "bKaoveQoPR"},
        }) {
            IdentityMapping.Mapped r = mapped(m, DiiKind.valueOf(v[0]), v[1], false);
            assertThat(b64(r.rawUid())).as(v[1]).isEqualTo(v[2]);
            assertThat(m.bucketId(r)).as(v[1]).isEqualTo(v[3]);
            assertThat(r.previousRawUid()).isNull();
        }
    }

    @Test
    void v3PreviousRawUidFromPreviousKeyMaterialOrSalt() {
        SaltTable t = snapshot.salts();
        // user@example.com: row 2, v4 key 2100002, previous key 2000002, lastUpdated 1798588800001
        long lastUpdated = t.lastUpdated(2);
        IdentityMapService.Mapper soon = service.mapper(snapshot, OptOutLookup.NONE, lastUpdated + DAY);
        IdentityMapping.Mapped r = mapped(soon, DiiKind.EMAIL, "user@example.com", true);
        byte[] flh = snapshot.firstLevelHasher().firstLevelHash(Base64.getDecoder().decode(USER_HASH));
        RawUidDeriver d = new RawUidDeriver(IdentityScope.UID2, IdentityEnvironment.TEST, false);
        byte[] expectedPrevious = d.v4(flh, IdentityType.EMAIL,
                new KeyMaterial(2000002, "key12345key12345key12345key12345", "salt1234salt1234salt1234salt1234"));
        assertThat(b64(r.rawUid())).isEqualTo("ICALImfE94kkoCsBn79kNqDk485MeuvZ3bHUdsmPcKIf");
        assertThat(r.previousRawUid()).isEqualTo(expectedPrevious);
        assertThat(r.refreshFromMs()).isEqualTo(1806364800000L);

        // 90 days after the rotation the previous raw UID is gone and refresh-from (now past) is the next UTC midnight
        IdentityMapService.Mapper late = service.mapper(snapshot, OptOutLookup.NONE, lastUpdated + 90 * DAY);
        IdentityMapping.Mapped old = mapped(late, DiiKind.EMAIL, "user@example.com", true);
        assertThat(old.previousRawUid()).isNull();
        assertThat(old.refreshFromMs()).isEqualTo(1806451200000L);
        IdentityMapping.Mapped justBefore = mapped(service.mapper(snapshot, OptOutLookup.NONE, lastUpdated + 90 * DAY - 1),
                DiiKind.EMAIL, "user@example.com", true);
        assertThat(justBefore.previousRawUid()).isEqualTo(expectedPrevious);

        // test@example.com: row 0, salt bucket with a previous salt
        IdentityMapping.Mapped salt = mapped(service.mapper(snapshot, OptOutLookup.NONE, NOW), DiiKind.EMAIL, "test@example.com", true);
        byte[] flhTest = snapshot.firstLevelHasher().firstLevelHash(sha256("test@example.com"));
        assertThat(salt.previousRawUid()).isEqualTo(RawUidDeriver.v2(flhTest, "vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnsS="));
        assertThat(salt.refreshFromMs()).isEqualTo(1814140800000L);

        // validate@example.com: row 3 has no previous salt or key
        assertThat(mapped(service.mapper(snapshot, OptOutLookup.NONE, NOW), DiiKind.EMAIL, "validate@example.com", true)
                .previousRawUid()).isNull();
    }

    @Test
    void v2MappingSkipsThePreviousRawUid() {
        IdentityMapService.Mapper m = service.mapper(snapshot, OptOutLookup.NONE, NOW);
        IdentityMapping.Mapped r = mapped(m, DiiKind.EMAIL, "test@example.com", false);
        assertThat(r.previousRawUid()).isNull();
        assertThat(r.refreshFromMs()).isZero();
        assertThat(r.bucketIndex()).isZero();
        assertThat(m.bucketNumber(r)).isEqualTo(1000000);
    }

    @Test
    void testIdentitiesAndOptOutRecords() {
        OptOutLookup everyone = new OptOutLookup() {
            @Override public long optedOutSince(byte[] firstLevelHash) { return 1; }
            @Override public long optedOutSinceByRawUid(String rawUidBase64) { return 1; }
        };
        IdentityMapService.Mapper none = service.mapper(snapshot, OptOutLookup.NONE, NOW);
        IdentityMapService.Mapper all = service.mapper(snapshot, everyone, NOW);
        assertThat(none.map(DiiKind.EMAIL, "optout@example.com", false)).isSameAs(IdentityMapping.OPTED_OUT);
        assertThat(none.map(DiiKind.EMAIL_HASH, "DYsnJ8r5+cjRDHue98gIGDKvLIMuqAm/RRLODrjqK50=", true)).isSameAs(IdentityMapping.OPTED_OUT);
        assertThat(none.map(DiiKind.PHONE, "+00000000000", false)).isSameAs(IdentityMapping.OPTED_OUT);
        assertThat(none.map(DiiKind.EMAIL, "refresh-optout@example.com", false)).isInstanceOf(IdentityMapping.Mapped.class);
        assertThat(none.map(DiiKind.PHONE, "+00000000002", false)).isInstanceOf(IdentityMapping.Mapped.class);
        // a store record opts out anybody but the test identities that generate always succeeds for (§9)
        assertThat(all.map(DiiKind.EMAIL, "user@example.com", false)).isSameAs(IdentityMapping.OPTED_OUT);
        assertThat(all.map(DiiKind.EMAIL, "refresh-optout@example.com", false)).isInstanceOf(IdentityMapping.Mapped.class);
        assertThat(all.map(DiiKind.EMAIL, "validate@example.com", true)).isInstanceOf(IdentityMapping.Mapped.class);
        assertThat(all.map(DiiKind.PHONE, "+12345678901", true)).isInstanceOf(IdentityMapping.Mapped.class);
    }

    @Test
    void invalidInputs() {
        IdentityMapService.Mapper m = service.mapper(snapshot, OptOutLookup.NONE, NOW);
        assertThat(m.map(DiiKind.EMAIL, null, false)).isSameAs(IdentityMapping.INVALID_IDENTIFIER);
        for (String bad : new String[]{"", "user@@example.com", "no-at-sign", "@example.com"})
            assertThat(m.map(DiiKind.EMAIL, bad, true)).as(bad).isSameAs(IdentityMapping.INVALID_IDENTIFIER);
        for (String bad : new String[]{"", "12345678901", "+123", "+1 2345678901", "123"})
            assertThat(m.map(DiiKind.PHONE, bad, false)).as(bad).isSameAs(IdentityMapping.INVALID_IDENTIFIER);
        for (String bad : new String[]{"abc", "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf_F5HVRQ=", "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ"})
            assertThat(m.map(DiiKind.EMAIL_HASH, bad, false)).as(bad).isSameAs(IdentityMapping.INVALID_IDENTIFIER);
        assertThat(IdentityMapping.INVALID_IDENTIFIER.reason()).isEqualTo("invalid identifier");
        assertThat(IdentityMapping.OPTED_OUT.reason()).isEqualTo("optout");
    }

    @Test
    void rawUidEqualsTheOneTokenServiceDerives() {
        IdentityMapping.Mapped r = mapped(service.mapper(snapshot, OptOutLookup.NONE, NOW), DiiKind.PHONE, "+12345678901", false);
        byte[] flh = snapshot.firstLevelHasher().firstLevelHash(sha256("+12345678901"));
        assertThat(r.rawUid()).isEqualTo(tokens.rawUid(snapshot, flh, IdentityType.PHONE));
    }

    private static byte[] sha256(String s) {
        return org.openuid.core.crypto.Sha256.hash(s.getBytes(StandardCharsets.UTF_8));
    }
    /**
     * The inputs as the server hands them over: the request's bytes, with the first-level hash of a canonical Base64
     * hash taken of its text. Inputs whose last character carries extra bits are not canonical and are parsed.
     */
    private static IdentityMapService.Inputs textInputs(String[] inputs) {
        StringBuilder all = new StringBuilder();
        int[] at = new int[inputs.length + 1];
        for (int i = 0; i < inputs.length; i++) {
            at[i] = all.length();
            if (inputs[i] != null) all.append(inputs[i]);
        }
        at[inputs.length] = all.length();
        byte[] text = all.toString().getBytes(StandardCharsets.ISO_8859_1);
        return new IdentityMapService.Inputs() {
            @Override public org.openuid.core.identity.UserIdentity identity(int i) {
                return inputs[i] == null ? null : org.openuid.core.identity.DiiParser.parse(DiiKind.EMAIL_HASH, text, at[i], at[i + 1]);
            }
            @Override public int canonicalHashAt(int i) {
                return inputs[i] != null && org.openuid.core.identity.DiiParser.isCanonicalBase64Hash(text, at[i], at[i + 1]) ? at[i] : -1;
            }
            @Override public byte[] text() { return text; }
            @Override public org.openuid.core.identity.IdentityType hashType() { return DiiKind.EMAIL_HASH.type; }
        };
    }

    @Test
    void mapAllEqualsMappingOneByOne() {
        SaltTable t = snapshot.salts();
        java.util.Random random = new java.util.Random(3);
        String[] inputs = new String[53];
        for (int i = 0; i < inputs.length; i++) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            inputs[i] = switch (i % 7) {
                case 0 -> "not a hash";
                case 1 -> null;
                case 2 -> USER_HASH;
                case 3 -> b64(hash).substring(0, 42) + "B="; // extra bits in the last character: parsed, not hashed as text
                default -> b64(hash);
            };
        }
        // opted out: every first-level hash whose first byte is even
        OptOutLookup half = new OptOutLookup() {
            @Override public long optedOutSince(byte[] firstLevelHash) { return (firstLevelHash[0] & 1) == 0 ? 1 : -1; }
            @Override public long optedOutSinceByRawUid(String rawUidBase64) { return -1; }
        };
        for (OptOutLookup optOuts : List.of(OptOutLookup.NONE, half)) {
            for (long now : new long[]{NOW, t.lastUpdated(2) + DAY}) {
                IdentityMapService.Mapper m = service.mapper(snapshot, optOuts, now);
                for (boolean v3 : new boolean[]{false, true}) {
                    for (int count : new int[]{0, 1, 15, 16, 17, 53}) {
                        IdentityMapping[] parsed = new IdentityMapping[count];
                        m.mapAll(i -> org.openuid.core.identity.DiiParser.parse(DiiKind.EMAIL_HASH, inputs[i]), count, v3,
                                org.openuid.core.uid.HashScratch.current(), parsed);
                        IdentityMapping[] asText = new IdentityMapping[count];
                        m.mapAll(textInputs(inputs), count, v3, org.openuid.core.uid.HashScratch.current(), asText);
                        for (IdentityMapping[] out : List.of(parsed, asText))
                        for (int i = 0; i < count; i++) {
                            IdentityMapping one = m.map(DiiKind.EMAIL_HASH, inputs[i], v3);
                            if (one instanceof IdentityMapping.Mapped a) {
                                assertThat(out[i]).isInstanceOf(IdentityMapping.Mapped.class);
                                IdentityMapping.Mapped b = (IdentityMapping.Mapped) out[i];
                                assertThat(b.bucketIndex()).isEqualTo(a.bucketIndex());
                                assertThat(b.rawUid()).isEqualTo(a.rawUid());
                                assertThat(b.previousRawUid()).isEqualTo(a.previousRawUid());
                                assertThat(b.refreshFromMs()).isEqualTo(a.refreshFromMs());
                            } else {
                                assertThat(out[i]).isEqualTo(one);
                            }
                        }
                    }
                }
            }
        }
    }
}

