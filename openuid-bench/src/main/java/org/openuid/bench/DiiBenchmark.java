package org.openuid.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.identity.EmailNormalizer;
import org.openuid.core.identity.UserIdentity;

import java.util.Random;

/**
 * DII input handling (spec normalization.md): email normalisation alone, and input text to identity hash for each
 * kind (normalise + SHA-256 for email and phone, Base64 decoding for hashes).
 */
public class DiiBenchmark extends NanoBenchmark {
    private static final int INPUTS = 1024;

    private String[] emails;
    private String[] phones;
    private String[] hashes;
    private int next;

    @Setup
    public void setUp() {
        BenchData data = new BenchData(1);
        Random random = new Random(3);
        emails = new String[INPUTS];
        phones = new String[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            String domain = switch (i % 4) {
                case 0 -> "gmail.com";
                case 1 -> "Example.COM";
                case 2 -> "yahoo.co.uk";
                default -> "mail.example.org";
            };
            emails[i] = (i % 3 == 0 ? " First.Last+news" : "user.name") + random.nextInt(1_000_000) + "@" + domain;
            phones[i] = "+1" + (2_000_000_000L + random.nextInt(1_000_000_000));
        }
        hashes = data.emailHashes(INPUTS);
    }

    private int nextIndex() {
        next = (next + 1) & (INPUTS - 1);
        return next;
    }

    @Benchmark
    public String normalizeEmail() {
        return EmailNormalizer.normalize(emails[nextIndex()]);
    }

    /** Normalise and SHA-256. */
    @Benchmark
    public UserIdentity parseEmail() {
        return DiiParser.parse(DiiKind.EMAIL, emails[nextIndex()]);
    }

    /** Validate and SHA-256. */
    @Benchmark
    public UserIdentity parsePhone() {
        return DiiParser.parse(DiiKind.PHONE, phones[nextIndex()]);
    }

    /** Base64 decoding only. */
    @Benchmark
    public UserIdentity parseEmailHash() {
        return DiiParser.parse(DiiKind.EMAIL_HASH, hashes[nextIndex()]);
    }
}
