package org.openuid.core.optout;

import org.junit.jupiter.api.Test;
import org.openuid.core.model.OptOutRecord;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The 72-byte opt-out record of spec keys-and-data.md §7.1, against the reference's own test record. */
class OptOutFileFormatTest {
    /** Record 2 of the reference opt-out service's optout-delta-000.dat (testdata/uid2-core-test/optout/README.md). */
    static final String FLH = "zCPHl+31DrjwOKh85rtyhcMmdycfR38RY0rblqkDKwo=";
    static final String ID = "/Khu5o9fAkpjqfO5uznHza8ljPQSiBjRAKCcLOiwK4A=";
    static final long TIME = 1702039207L;

    static byte[] referenceRecord() {
        byte[] r = new byte[72];
        System.arraycopy(Base64.getDecoder().decode(FLH), 0, r, 0, 32);
        System.arraycopy(Base64.getDecoder().decode(ID), 0, r, 32, 32);
        // 1702039207 = 0x6573_0EA7, little-endian over 7 bytes (as in the reference file at offset 136)
        byte[] time = {(byte) 0xA7, 0x0E, 0x73, 0x65, 0, 0, 0};
        System.arraycopy(time, 0, r, 64, 7);
        return r;
    }

    @Test
    void decodesAndEncodesARecordOfVersion0() {
        byte[] r = referenceRecord();
        assertThat(Long.toHexString(TIME)).isEqualTo("65730ea7");
        assertThat(OptOutFileFormat.problem(r, 0)).isNull();
        assertThat(OptOutFileFormat.isSentinel(r, 0)).isFalse();
        OptOutRecord rec = OptOutFileFormat.decode(r, 0);
        assertThat(Base64.getEncoder().encodeToString(rec.firstLevelHash())).isEqualTo(FLH);
        assertThat(Base64.getEncoder().encodeToString(rec.rawUid())).isEqualTo(ID);
        assertThat(rec.timestampSeconds()).isEqualTo(TIME);
        byte[] out = new byte[144];
        OptOutFileFormat.encode(rec, out, 72);
        assertThat(Arrays.copyOfRange(out, 72, 144)).isEqualTo(r);
    }

    @Test
    void version1CarriesA33ByteAdvertisingId() {
        byte[] id = new byte[33];
        id[0] = 0x2D;
        Arrays.fill(id, 1, 33, (byte) 0x11);
        OptOutRecord rec = new OptOutRecord(new byte[32], id, 5);
        rec.firstLevelHash()[3] = 9;
        byte[] out = new byte[72];
        OptOutFileFormat.encode(rec, out, 0);
        assertThat(out[71] & 0xFF).isEqualTo(0x40 | 0x2D);
        assertThat(OptOutFileFormat.version(out, 0)).isEqualTo(1);
        assertThat(OptOutFileFormat.decode(out, 0).rawUid()).isEqualTo(id);
    }

    @Test
    void sentinelsUnknownVersionsAndUnwritableRecordsAreRecognised() {
        byte[] zero = new byte[72];
        byte[] ones = new byte[72];
        Arrays.fill(ones, 0, 32, (byte) 0xFF);
        assertThat(OptOutFileFormat.isSentinel(zero, 0)).isTrue();
        assertThat(OptOutFileFormat.isSentinel(ones, 0)).isTrue();
        byte[] v2 = referenceRecord();
        v2[71] = (byte) 0x80;
        assertThat(OptOutFileFormat.problem(v2, 0)).isEqualTo("unknown record version 2");
        v2[71] = (byte) 0xC0;
        assertThat(OptOutFileFormat.problem(v2, 0)).isEqualTo("unknown record version 3");

        byte[] flh = Base64.getDecoder().decode(FLH);
        assertThat(OptOutFileFormat.encodable(new OptOutRecord(new byte[0], new byte[32], 1))).as("raw UID only").isFalse();
        assertThat(OptOutFileFormat.encodable(new OptOutRecord(new byte[32], new byte[32], 1))).as("sentinel").isFalse();
        byte[] v4 = new byte[33];
        v4[0] = (byte) 0x80;
        assertThat(OptOutFileFormat.encodable(new OptOutRecord(flh, v4, 1))).as("first byte beyond 6 bits").isFalse();
        assertThat(OptOutFileFormat.encodable(new OptOutRecord(flh, new byte[32], -1))).isFalse();
        assertThatThrownBy(() -> OptOutFileFormat.encode(new OptOutRecord(flh, v4, 1), new byte[72], 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fileNamesFollowTheUpstreamPattern() {
        assertThat(OptOutFileFormat.fileName(false, "000", Instant.parse("2024-04-01T00:00:00Z"), "418810dc"))
                .isEqualTo("optout-delta-000_2024-04-01T00.00.00Z_418810dc.dat");
        assertThat(OptOutFileFormat.isOptOutFile("optout-delta-000.dat")).isTrue();
        assertThat(OptOutFileFormat.isOptOutFile("optout-partition-001_x.dat")).isTrue();
        assertThat(OptOutFileFormat.isOptOutFile("optout-delta-000.dat.tmp")).isFalse();
        assertThat(OptOutFileFormat.isOptOutFile("salts.dat")).isFalse();
    }
}
