package org.openuid.bench.load;

import org.openuid.core.model.OptOutRecord;
import org.openuid.store.JdbcStore;
import org.openuid.store.Stores;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fills a store with random opt-outs (distinct users: random first-level hashes and 32-byte raw UIDs) for the heap
 * and start-up measurements with a production-sized opt-out index:
 * {@code OptOutLoader --store DIR --count 10000000 [--batch 50000]}. Adds only what is missing up to the count.
 */
public final class OptOutLoader {
    private OptOutLoader() {}

    public static void main(String[] args) {
        LoadDriver.Options o = LoadDriver.Options.parse(args);
        long target = Long.parseLong(o.get("count", "10000000"));
        int batch = Integer.parseInt(o.get("batch", "50000"));
        try (JdbcStore store = Stores.open(o.require("store"))) {
            long have = 0;
            for (long after = 0; ; ) {
                var page = store.optOutsAfter(after, 100_000);
                if (page.isEmpty()) break;
                have += page.size();
                after = page.get(page.size() - 1).sequence();
            }
            SplittableRandom random = new SplittableRandom(have + 17);
            long seconds = System.currentTimeMillis() / 1000;
            long started = System.nanoTime();
            long added = 0;
            while (have + added < target) {
                int n = (int) Math.min(batch, target - have - added);
                List<OptOutRecord> records = new ArrayList<>(n);
                for (int i = 0; i < n; i++) records.add(new OptOutRecord(bytes(random), bytes(random), seconds - random.nextInt(86_400 * 365)));
                added += store.addOptOuts(records);
                double s = (System.nanoTime() - started) / 1e9;
                System.out.printf("\ropt-outs: %,d of %,d (%,.0f per second)   ", have + added, target, added / s);
            }
            System.out.printf("%nthe store holds %,d opt-outs%n", have + added);
        }
    }

    private static byte[] bytes(SplittableRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return b;
    }
}
