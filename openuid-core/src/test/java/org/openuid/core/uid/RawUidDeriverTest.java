package org.openuid.core.uid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openuid.core.identity.IdentityEnvironment;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.model.KeyMaterial;
import org.openuid.core.model.SaltBucket;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** tokens.md §2.4-§2.6. */
class RawUidDeriverTest {
    private static final long DAY = 86_400_000L;
    private static final String FL_USER = "sNucuuqRSevxEAlg4mdhE+VFd+d/XOb6N/kYA5QS/zE=";
    private static final String FL_TEST = "RNzyiMMy106hy8MpBOsHBe+ZZkQR8IbUAG/IC2OrNr4=";

    private final SaltTable table = TestSalts.load();

    private static byte[] b64(String s) {
        return Base64.getDecoder().decode(s);
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource({
            "sNucuuqRSevxEAlg4mdhE+VFd+d/XOb6N/kYA5QS/zE=, EMAIL, UID2, TEST,  ICALImfE94kkoCsBn79kNqDk485MeuvZ3bHUdsmPcKIf",
            "sNucuuqRSevxEAlg4mdhE+VFd+d/XOb6N/kYA5QS/zE=, EMAIL, UID2, INTEG, YCALIhb9sU8IvoN3T44eObgUt7pLfGl0RJk+cpiWtd2k",
            "sNucuuqRSevxEAlg4mdhE+VFd+d/XOb6N/kYA5QS/zE=, EMAIL, UID2, PROD,  oCALIk9Go8jllKhaHfSacXMIAz+c8DzvcFs4HM+OVjCa",
            "sNucuuqRSevxEAlg4mdhE+VFd+d/XOb6N/kYA5QS/zE=, EMAIL, EUID, PROD,  sCALIlENkFllJZ2tptBzbM1BcTudnjt1eoqwLyeqVyAr",
            "FNRbc+HsgQYwm/ayjooe5zLbFPRUCPm587ODCTck9is=, EMAIL, UID2, TEST,  IB6Eg1OCF+lh69mH6vlFu2tQ0lCF8KihEihbuo4zz7j7",
            "FNRbc+HsgQYwm/ayjooe5zLbFPRUCPm587ODCTck9is=, EMAIL, UID2, PROD,  oB6Eg4GrGKFQA/FOtbCGF6mSrAIs78NAmlkt31Z8/yNA",
            "urve3oGxLtO2WGhlQFKMzqhXOdYqSB53Rrgqpp9CFjY=, PHONE, UID2, TEST,  JCALIn2jvn98OvQPhijCPNLUHrq2SB09ftuzecdG7Vv7",
            "urve3oGxLtO2WGhlQFKMzqhXOdYqSB53Rrgqpp9CFjY=, PHONE, UID2, PROD,  pCALIojDITlt6AAbzoLTX92K/KubbK+em8JTRqoX4Ecw",
    })
    void v4Vectors(String firstLevelHash, IdentityType type, IdentityScope scope, IdentityEnvironment env, String expected) {
        byte[] fl = b64(firstLevelHash);
        int index = BucketIndex.of(fl, table.size());
        for (boolean v3 : new boolean[]{false, true}) {
            RawUidDeriver deriver = new RawUidDeriver(scope, env, v3);
            assertThat(b64(deriver.current(fl, type, table, index))).isEqualTo(expected);
        }
    }

    @Test
    void v4StepDetail() {
        byte[] fl = b64(FL_USER);
        RawUidDeriver deriver = new RawUidDeriver(IdentityScope.UID2, IdentityEnvironment.PROD, false);
        byte[] uid = deriver.current(fl, IdentityType.EMAIL, table, 2);
        assertThat(HexFormat.of().formatHex(uid)).isEqualTo(
                "a0200b22" + "4f46a3c8e594a85a1df49a71" + "7308033f9cf03cef705b381ccf8e5630" + "9a");
        assertThat(table.currentKey(2).id()).isEqualTo(2100002);
    }

    @Test
    void v4FirstCharacters() {
        byte[] fl = b64(FL_USER);
        String[][] expected = {
                {"I", "Y", "o"}, {"J", "Z", "p"}, {"M", "c", "s"}, {"N", "d", "t"}};
        IdentityScope[] scopes = {IdentityScope.UID2, IdentityScope.UID2, IdentityScope.EUID, IdentityScope.EUID};
        IdentityType[] types = {IdentityType.EMAIL, IdentityType.PHONE, IdentityType.EMAIL, IdentityType.PHONE};
        for (int row = 0; row < 4; row++) {
            for (IdentityEnvironment env : IdentityEnvironment.values()) {
                byte[] uid = new RawUidDeriver(scopes[row], env, false).current(fl, types[row], table, 2);
                assertThat(b64(uid)).startsWith(expected[row][env.value]);
                byte checksum = 0;
                for (int i = 0; i < 32; i++) checksum ^= uid[i];
                assertThat(uid[32]).isEqualTo(checksum);
            }
        }
    }

    @Test
    void saltBasedVectors() {
        byte[] fl = b64(FL_TEST);
        int index = BucketIndex.of(fl, table.size());
        assertThat(index).isZero();
        byte[] v2 = new RawUidDeriver(IdentityScope.UID2, IdentityEnvironment.PROD, false)
                .current(fl, IdentityType.EMAIL, table, index);
        assertThat(b64(v2)).isEqualTo("yCevINTMQ+BMfihNbXjrDLbm/FF+JvBan5YqmToByik=");
        byte[] v3 = new RawUidDeriver(IdentityScope.UID2, IdentityEnvironment.TEST, true)
                .current(fl, IdentityType.EMAIL, table, index);
        assertThat(b64(v3)).isEqualTo("AMgnryDUzEPgTH4oTW146wy25vxRfibwWp+WKpk6Acop");
        assertThat(RawUidDeriver.v2(fl, "vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnss=")).isEqualTo(v2);
    }

    @Test
    void saltsOfAnyLengthHashAsTheirText() {
        byte[] fl = b64(FL_TEST);
        RawUidDeriver v2 = new RawUidDeriver(IdentityScope.UID2, IdentityEnvironment.PROD, false);
        // short, unpacked (not canonical Base64), and longer than the scratch buffer first holds after the hash text
        for (String salt : List.of("s", "not base64 but a salt", "x".repeat(84), "y".repeat(85), "é".repeat(300))) {
            SaltTable t = SaltTable.of(List.of(new SaltBucket(1, 0, salt, 0, salt + "p", null, null)));
            assertThat(v2.current(fl, IdentityType.EMAIL, t, 0)).as(salt).isEqualTo(RawUidDeriver.v2(fl, salt));
            assertThat(v2.previous(fl, IdentityType.EMAIL, t, 0, 0)).as(salt).isEqualTo(RawUidDeriver.v2(fl, salt + "p"));
        }
    }

    @Test
    void v3FirstCharacters() {
        byte[] fl = b64(FL_TEST);
        assertThat(b64(new RawUidDeriver(IdentityScope.UID2, IdentityEnvironment.PROD, true).current(fl, IdentityType.EMAIL, table, 0))).startsWith("A");
        assertThat(b64(new RawUidDeriver(IdentityScope.UID2, IdentityEnvironment.PROD, true).current(fl, IdentityType.PHONE, table, 0))).startsWith("B");
        assertThat(b64(new RawUidDeriver(IdentityScope.EUID, IdentityEnvironment.PROD, true).current(fl, IdentityType.EMAIL, table, 0))).startsWith("E");
        assertThat(b64(new RawUidDeriver(IdentityScope.EUID, IdentityEnvironment.PROD, true).current(fl, IdentityType.PHONE, table, 0))).startsWith("F");
    }

    @Test
    void previousSaltWithinNinetyDays() {
        byte[] fl = b64(FL_TEST);
        long lastUpdated = table.lastUpdated(0);
        RawUidDeriver v2 = new RawUidDeriver(IdentityScope.UID2, IdentityEnvironment.PROD, false);
        byte[] expected = RawUidDeriver.v2(fl, "vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnsS=");
        assertThat(v2.previous(fl, IdentityType.EMAIL, table, 0, lastUpdated)).isEqualTo(expected);
        assertThat(v2.previous(fl, IdentityType.EMAIL, table, 0, lastUpdated + 90 * DAY - 1)).isEqualTo(expected);
        assertThat(v2.previous(fl, IdentityType.EMAIL, table, 0, lastUpdated + 90 * DAY)).isNull();
        // lastUpdated in the future also counts as "recent"
        assertThat(v2.previous(fl, IdentityType.EMAIL, table, 0, lastUpdated - 1000 * DAY)).isEqualTo(expected);

        RawUidDeriver v3 = new RawUidDeriver(IdentityScope.EUID, IdentityEnvironment.PROD, true);
        byte[] previousV3 = v3.previous(fl, IdentityType.PHONE, table, 0, lastUpdated);
        assertThat(previousV3).hasSize(33);
        assertThat(previousV3[0]).isEqualTo((byte) 0x14);
        assertThat(java.util.Arrays.copyOfRange(previousV3, 1, 33)).isEqualTo(expected);
    }

    @Test
    void previousKeyMaterial() {
        byte[] fl = b64(FL_USER);
        RawUidDeriver deriver = new RawUidDeriver(IdentityScope.UID2, IdentityEnvironment.PROD, false);
        long now = table.lastUpdated(2) + DAY;
        byte[] previous = deriver.previous(fl, IdentityType.EMAIL, table, 2, now);
        assertThat(previous).isEqualTo(deriver.v4(fl, IdentityType.EMAIL,
                new KeyMaterial(2000002, "key12345key12345key12345key12345", "salt1234salt1234salt1234salt1234")));
        assertThat(HexFormat.of().formatHex(previous, 0, 4)).isEqualTo("a01e8482");
        assertThat(previous).isNotEqualTo(deriver.current(fl, IdentityType.EMAIL, table, 2));
    }

    @Test
    void previousAbsent() {
        byte[] fl = b64(FL_USER);
        RawUidDeriver deriver = new RawUidDeriver(IdentityScope.UID2, IdentityEnvironment.PROD, false);
        assertThat(deriver.previous(fl, IdentityType.EMAIL, table, 1, table.lastUpdated(1))).isNull();
        assertThat(deriver.previous(fl, IdentityType.EMAIL, table, 3, table.lastUpdated(3))).isNull();
    }

    @Test
    void previousSaltWinsOverCurrentKeyMaterial() {
        byte[] fl = b64(FL_USER);
        RawUidDeriver deriver = new RawUidDeriver(IdentityScope.UID2, IdentityEnvironment.PROD, true);
        byte[] previous = deriver.previous(fl, IdentityType.EMAIL, table, 4, table.lastUpdated(4));
        assertThat(previous).hasSize(33);
        assertThat(previous[0]).isZero();
        assertThat(java.util.Arrays.copyOfRange(previous, 1, 33))
                .isEqualTo(RawUidDeriver.v2(fl, "vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnsw="));
    }

    @Test
    void previousKeyMaterialWithEmptyKeyOrSaltIsIgnored() {
        SaltTable t = SaltTable.of(List.of(
                new SaltBucket(1, 0, "", 0, "", new KeyMaterial(1, "key12345key12345key12345key12345", "s"), new KeyMaterial(2, "", "s")),
                new SaltBucket(2, 0, "", 0, "", new KeyMaterial(1, "key12345key12345key12345key12345", "s"), new KeyMaterial(3, "key12345key12345key12345key12345", ""))));
        RawUidDeriver deriver = new RawUidDeriver(IdentityScope.UID2, IdentityEnvironment.TEST, false);
        assertThat(deriver.previous(new byte[32], IdentityType.EMAIL, t, 0, 0)).isNull();
        assertThat(deriver.previous(new byte[32], IdentityType.EMAIL, t, 1, 0)).isNull();
    }

    @Test
    void bucketWithoutSaltOrKeyIsAnError() {
        SaltTable t = SaltTable.of(List.of(new SaltBucket(9, 0, "", 0, "", null, null)));
        RawUidDeriver deriver = new RawUidDeriver(IdentityScope.UID2, IdentityEnvironment.TEST, false);
        assertThatThrownBy(() -> deriver.current(new byte[32], IdentityType.EMAIL, t, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refreshFrom() {
        long rf = table.refreshFrom(0);
        assertThat(RawUidDeriver.refreshFrom(table, 0, rf)).isEqualTo(rf);
        assertThat(RawUidDeriver.refreshFrom(table, 0, rf - 1)).isEqualTo(rf);
        long now = Instant.parse("2030-05-06T13:14:15.123Z").toEpochMilli();
        assertThat(RawUidDeriver.refreshFrom(table, 0, now)).isEqualTo(Instant.parse("2030-05-07T00:00:00Z").toEpochMilli());
        long midnight = Instant.parse("2030-05-07T00:00:00Z").toEpochMilli();
        assertThat(RawUidDeriver.refreshFrom(table, 0, midnight)).isEqualTo(midnight + DAY);
    }

    @Test
    void randomBucketsAreStableAndDistinct() {
        java.util.Random random = new java.util.Random(7);
        RawUidDeriver deriver = new RawUidDeriver(IdentityScope.UID2, IdentityEnvironment.TEST, true);
        for (int i = 0; i < 200; i++) {
            byte[] fl = new byte[32];
            random.nextBytes(fl);
            int index = BucketIndex.of(fl, table.size());
            byte[] a = deriver.current(fl, IdentityType.EMAIL, table, index);
            byte[] b = deriver.current(fl.clone(), IdentityType.EMAIL, table, index);
            assertThat(a).isEqualTo(b).hasSize(33);
            assertThat(deriver.current(fl, IdentityType.PHONE, table, index)).isNotEqualTo(a);
        }
    }
}
