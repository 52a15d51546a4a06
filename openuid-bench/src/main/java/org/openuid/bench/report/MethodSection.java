package org.openuid.bench.report;

/** How the figures are measured. */
final class MethodSection extends Section {
    MethodSection(Report report) {
        super(report);
    }

    @Override
    void write() {
        method();
    }

    private void method() {
        md.append("## How it is measured\n\n");
        md.append("* **Server**: `openuid serve` on an embedded store with 1,048,576 salt buckets, pinned to core 0 with ")
                .append("`taskset` (so it runs one event loop), key and salt rotation off, client-side generate rate limits ")
                .append("off. **Load driver** (`org.openuid.bench.load.LoadDriver`) pinned to core 1: raw `java.nio` ")
                .append("HTTP/1.1 keep-alive connections on one thread, one request in flight per connection, requests ")
                .append("built in advance (valid, distinct identities, envelope timestamps renewed every minute); the ")
                .append("driver's JVM runs a low-pause collector (`DRIVER_OPTS`, ZGC by default) so that its own pauses ")
                .append("stay out of the latency figures. The driver polls its connections without ever sleeping ")
                .append("(`--driver-wait spin`): over loopback the kernel delivers each answer into the driver's socket on ")
                .append("the server's CPU, and when the driver sleeps that delivery also wakes it, an interrupt to the other ")
                .append("core that this virtual machine makes expensive. A sleeping driver charged that wake-up to the server, ")
                .append("more in the slower scenarios (where the driver idles between answers) than in the bare exchange ")
                .append("(where it never does); a server answering remote clients through a network card pays nothing of ")
                .append("the kind ([notes](#what-was-made-faster) show the profile and both figures). The server of the load runs also logs its safepoints and GC ")
                .append("pauses (`-Xlog:safepoint,gc`) and records its JIT compilations (a flight recording of that one ")
                .append("event), for the tail analysis; both record only rare events (a line per safepoint, one event per ")
                .append("compilation), not one per request.\n");
        md.append("* **Bare HTTP exchange** (`http-floor`): `GET /ops/healthcheck` through the same server, router and ")
                .append("connections, no cryptography, no JSON. The token endpoints are measured against it: what a ")
                .append("request costs beyond it is what the operator's own code and cryptography cost.\n");
        md.append("* **Unit: server CPU time.** The driver reads the server's `utime + stime` from `/proc/<pid>/stat` ")
                .append("when a measurement window opens and closes, so throughput is counted per second of server CPU, ")
                .append("not per second of wall time. On a machine shared with other work the wall-time rate moves with ")
                .append("the neighbours; the rate per CPU-second moves much less, but not nothing (caches, the kernel). A ")
                .append("saturation run is therefore measured in three windows after its warm-up and reported by ")
                .append("the best one, as the ceiling is (best of five rounds); all windows are listed. A run with any ")
                .append("answer other than 200 is invalid and is marked as such.\n");
        md.append("* **Token endpoints in alternating windows** (`LoadDriver --paired-with http-floor`): generate and ")
                .append("refresh are also measured in windows that alternate with the bare exchange's, and their targets ")
                .append("are read on the median of those pairs' ratios ([the table](").append(PairedSection.ANCHOR)
                .append(")). The host's slow spells take whole windows down by up to a third; two runs made a minute ")
                .append("apart can fall on either side of one, two windows a few seconds apart share any spell longer ")
                .append("than the pair.\n");
        md.append("* **Warm-up until the JIT is done** (`LoadDriver --settle`, `JitQuiet`): every window's warm-up ")
                .append("goes on past its set length, by up to 30 s, until the server's JIT compiler threads have used ")
                .append("under 2 % of a core for a second. On its one core a fresh server compiled for 8–15 s of a token ")
                .append("scenario, taking about half of the core, and the CPU-time unit counts that as the server's: ")
                .append("before this, a window could read a third of the compiled server's rate, and differently from ")
                .append("one start to the next.\n");
        md.append("* **Crypto-only ceiling** (`CryptoCeiling`, `CeilingProbe`, `CryptoCeilingBenchmark`): the bare JCA ")
                .append("operations one request strictly needs, at the real sizes, with one `Cipher` per long-lived key, ")
                .append("counter IVs, no HTTP, JSON, Base64 or random numbers, measured per CPU-second of its thread on the ")
                .append("server's core and JDK, right before the load runs (best of five rounds, so the ratio is ")
                .append("conservative). generate = envelope GCM open + 2 SHA-256 (first-level hash, raw UID) + advertising ")
                .append("token (2 GCM seals) + refresh token GCM seal + wrapper GCM seal + response envelope GCM seal; ")
                .append("generate-email adds the SHA-256 of the email; refresh = wrapper GCM open + refresh token GCM open + ")
                .append("SHA-256 + the same four seals + the response GCM seal under the response key (whose AES key ")
                .append("schedule is computed each time); identity map = 2 SHA-256 per identity.\n");
        md.append("* **JMH** microbenchmarks run briefly (wall time, so noisy on a shared machine: read them for orders ")
                .append("of magnitude and for comparisons within one table).\n\n");
    }
}
