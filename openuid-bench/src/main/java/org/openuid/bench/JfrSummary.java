package org.openuid.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Summarises the CPU samples ({@code jdk.ExecutionSample}) of a flight recording: the methods that were running
 * (self time) and the methods that were on the stack (total time), as shares of all samples, plus a breakdown into
 * areas of the request path (crypto, randomness, JSON, HTTP and so on) by the innermost frame of a known area.
 *
 * <p>{@code java -cp benchmarks.jar org.openuid.bench.JfrSummary recording.jfr [top [method]] [--load FILE --scenario S]};
 * prints Markdown tables, and with a method name (a substring of {@code Class.method}) the innermost frames of its
 * samples. With the driver's results of the recorded run ({@code --load}, the last line of that scenario), it adds the
 * bytes allocated per request: {@link AllocationRate} (the JVM's exact per-thread counters) divided by the requests
 * answered per second. The weights of the allocation samples ({@code jdk.ObjectAllocationSample}) were used before and
 * are no measure of it: a few samples carry most of the weight (one sample of a connection's registration carried
 * 49 % of a recording's), and two recordings of generate read 6.1 KB per request on JDK 17 and 20.7 KB on JDK 25
 * where the counters, the event loop's {@code allocated} in {@code jcmd Thread.print -e} and the young collections'
 * rhythm all read 10 to 15 KB on both.
 */
public final class JfrSummary {
    private JfrSummary() {}

    /** Areas by frame prefix, checked innermost frame first; the first frame that matches decides. */
    private static final List<String[]> AREAS = List.of(
            new String[]{"sun.security.provider.NativePRNG", "randomness (IVs, keys)"},
            new String[]{"sun.security.provider.SecureRandom", "randomness (IVs, keys)"},
            new String[]{"sun.security.provider.DRBG", "randomness (IVs, keys)"},
            new String[]{"sun.security.provider.AbstractDrbg", "randomness (IVs, keys)"},
            new String[]{"java.security.SecureRandom", "randomness (IVs, keys)"},
            new String[]{"org.openuid.core.crypto.SecureIvSource", "randomness (IVs, keys)"},
            new String[]{"com.sun.crypto.provider.GaloisCounterMode", "AES-GCM"},
            new String[]{"com.sun.crypto.provider.GHASH", "AES-GCM"},
            new String[]{"com.sun.crypto.provider.GCTR", "AES-GCM"},
            new String[]{"com.sun.crypto.provider.AESCrypt", "AES-GCM"},
            new String[]{"com.sun.crypto.provider.CounterMode", "AES-GCM"},
            new String[]{"javax.crypto.Cipher", "AES-GCM"},
            new String[]{"sun.security.provider.SHA", "SHA-256"},
            new String[]{"sun.security.provider.DigestBase", "SHA-256"},
            new String[]{"java.security.MessageDigest", "SHA-256"},
            new String[]{"sun.security.ec", "ECDH (client-side generate)"},
            new String[]{"java.util.Base64", "Base64"},
            new String[]{"com.fasterxml.jackson", "JSON"},
            new String[]{"io.micrometer", "metrics"},
            new String[]{"io.vertx.ext.web", "Vert.x Web router"},
            new String[]{"io.vertx", "Vert.x / Netty HTTP"},
            new String[]{"io.netty", "Vert.x / Netty HTTP"},
            new String[]{"sun.nio", "socket I/O"},
            new String[]{"org.openuid", "operator code"});

    public static void main(String[] allArgs) throws IOException {
        List<String> positional = new ArrayList<>();
        Path load = null;
        String scenario = null;
        for (int i = 0; i < allArgs.length; i++) {
            if (allArgs[i].equals("--load")) load = Path.of(allArgs[++i]);
            else if (allArgs[i].equals("--scenario")) scenario = allArgs[++i];
            else positional.add(allArgs[i]);
        }
        String[] args = positional.toArray(String[]::new);
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        AllocationRate allocation = new AllocationRate();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> areas = new HashMap<>();
        String focus = args.length > 2 ? args[2] : null;
        Map<String, Integer> focusStacks = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            allocation.accept(e);
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) continue;
            samples++;
            List<RecordedFrame> frames = st.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (seen.add(n)) total.merge(n, 1, Integer::sum);
            }
            areas.merge(area(frames), 1, Integer::sum);
            if (focus != null && name(frames.get(0)).contains(focus)) {
                StringBuilder chain = new StringBuilder();
                for (int i = 0; i < Math.min(6, frames.size()); i++) chain.append(i == 0 ? "" : " <- ").append(name(frames.get(i)));
                focusStacks.merge(chain.toString(), 1, Integer::sum);
            }
        }
        System.out.println("CPU samples: " + samples + "\n");
        double bytesPerSecond = allocation.bytesPerSecond();
        if (load != null && bytesPerSecond > 0) {
            JsonNode run = lastLoad(load, scenario);
            if (run != null && run.path("requests_per_second").asDouble() > 0) {
                double perRequest = bytesPerSecond / run.path("requests_per_second").asDouble();
                int ids = run.path("identities_per_request").asInt(1);
                System.out.printf("Allocated per request: %,.0f bytes%s (%,.0f MB per second, the JVM's per-thread "
                        + "allocation counters)%n%n", perRequest,
                        ids > 1 ? String.format(", %,.0f per identity", perRequest / ids) : "", bytesPerSecond / 1e6);
            }
        }
        table("Area (innermost known frame)", areas, samples, 20);
        table("Self (running method)", self, samples, top);
        table("Total (on the stack)", total, samples, top);
        if (focus != null) table("Stacks of " + focus, focusStacks, samples, top);
    }

    private static JsonNode lastLoad(Path load, String scenario) throws IOException {
        JsonNode found = null;
        if (!Files.exists(load)) return null;
        for (String line : Files.readAllLines(load, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            JsonNode n = new ObjectMapper().readTree(line);
            if (scenario == null || n.path("scenario").asText().equals(scenario)) found = n;
        }
        return found;
    }

    private static String area(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            for (String[] a : AREAS) if (type.startsWith(a[0])) return a[1];
        }
        return "other (JDK, GC, ...)";
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void table(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.println("| " + title + " | share |\n| --- | ---: |");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(top)
                .forEach(en -> System.out.printf("| `%s` | %.1f %% |%n", en.getKey(), 100.0 * en.getValue() / samples));
        System.out.println();
    }
}
