package org.openuid.core.consent;

import java.util.Base64;

/**
 * The EUID consent rule on an IAB TCF v2 consent string (spec endpoints.md §3.2): for vendor {@code V}, the
 * purposes consented ("purposes consent" if V has vendor consent) plus the purposes under legitimate interest
 * ("purposes LI transparency" if V is in the vendor legitimate-interest section) must include purposes
 * 1, 2, 3, 4, 7 and 10. Only the core segment (before the first '.') is read.
 */
public final class TcfConsent {
    /** Purposes EUID needs: 1, 2, 3, 4, 7 and 10, as bits (bit p-1 for purpose p). */
    static final int REQUIRED_PURPOSES = bit(1) | bit(2) | bit(3) | bit(4) | bit(7) | bit(10);
    /** Bits of the core segment before the vendor consent section. */
    private static final int VENDOR_SECTION_OFFSET = 213;
    private static final int PURPOSES_CONSENT_OFFSET = 152;
    private static final int PURPOSES_LI_OFFSET = 176;

    public enum Result { SUFFICIENT, INSUFFICIENT, INVALID }

    private TcfConsent() {}

    private static int bit(int purpose) { return 1 << (purpose - 1); }

    public static Result evaluate(String consentString, int vendorId) {
        if (consentString == null || consentString.isEmpty()) return Result.INVALID;
        String core = consentString.split("\\.", 2)[0];
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(core);
        } catch (IllegalArgumentException e) {
            return Result.INVALID;
        }
        Bits bits = new Bits(bytes);
        try {
            if (bits.read(0, 6) != 2) return Result.INVALID;
            int purposesConsent = (int) bits.read(PURPOSES_CONSENT_OFFSET, 24);
            int purposesLi = (int) bits.read(PURPOSES_LI_OFFSET, 24);
            int[] pos = {VENDOR_SECTION_OFFSET};
            boolean consent = vendorSection(bits, pos, vendorId);
            boolean legitimateInterest = vendorSection(bits, pos, vendorId);
            int purposes = (consent ? toPurposeBits(purposesConsent) : 0) | (legitimateInterest ? toPurposeBits(purposesLi) : 0);
            return (purposes & REQUIRED_PURPOSES) == REQUIRED_PURPOSES ? Result.SUFFICIENT : Result.INSUFFICIENT;
        } catch (IndexOutOfBoundsException e) {
            return Result.INVALID;
        }
    }

    /** The 24-bit field lists purpose 1 first (most significant bit); returns bit p-1 set for purpose p. */
    private static int toPurposeBits(int field) {
        int out = 0;
        for (int p = 1; p <= 24; p++) if ((field >>> (24 - p) & 1) != 0) out |= 1 << (p - 1);
        return out;
    }

    /** Reads one vendor section (bit field or ranges) starting at pos[0], advances pos, and says whether it holds the vendor. */
    private static boolean vendorSection(Bits bits, int[] pos, int vendorId) {
        int p = pos[0];
        int maxVendorId = (int) bits.read(p, 16);
        boolean rangeEncoding = bits.read(p + 16, 1) == 1;
        p += 17;
        boolean found = false;
        if (!rangeEncoding) {
            if (vendorId >= 1 && vendorId <= maxVendorId) found = bits.read(p + vendorId - 1, 1) == 1;
            bits.read(p + maxVendorId - 1, maxVendorId == 0 ? 0 : 1); // the section must be complete
            p += maxVendorId;
        } else {
            int entries = (int) bits.read(p, 12);
            p += 12;
            for (int i = 0; i < entries; i++) {
                boolean isRange = bits.read(p, 1) == 1;
                int start = (int) bits.read(p + 1, 16);
                int end = start;
                p += 17;
                if (isRange) {
                    end = (int) bits.read(p, 16);
                    p += 16;
                }
                if (vendorId >= start && vendorId <= end) found = true;
            }
        }
        pos[0] = p;
        return found;
    }

    /** Big-endian bit reader. */
    private record Bits(byte[] data) {
        long read(int offset, int length) {
            if (length == 0) return 0;
            if (offset < 0 || offset + length > data.length * 8) throw new IndexOutOfBoundsException();
            long v = 0;
            for (int i = 0; i < length; i++) {
                int b = offset + i;
                v = (v << 1) | ((data[b >>> 3] >>> (7 - (b & 7))) & 1);
            }
            return v;
        }
    }
}
