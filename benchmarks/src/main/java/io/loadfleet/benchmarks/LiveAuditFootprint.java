package io.loadfleet.benchmarks;

import io.loadfleet.worker.verify.ConsumedRecord;
import io.loadfleet.worker.verify.KafkaOffset;
import io.loadfleet.worker.verify.LiveAudit;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Heap a live verifier's ledger holds per million tracked records: {@code SHARDS} streams whose
 * records arrive over 6 partitions, every record seen, or with 1 in 1,000 missing (gaps break the
 * bitmap's runs). Used heap after a full GC, before and after, so only what the ledger keeps counts.
 * With {@code reported}, the ledger is compacted every million records, as a verifier pod's reports do.
 * One case a JVM, so nothing of another case is on the heap.
 * Usage: java -cp ... io.loadfleet.benchmarks.LiveAuditFootprint RECORDS SHARDS none|gaps [reported]
 */
public final class LiveAuditFootprint {
    private LiveAuditFootprint() {}

    public static void main(String[] args) throws InterruptedException {
        long records = Long.parseLong(args[0]);
        int shards = Integer.parseInt(args[1]);
        boolean gaps = args[2].equals("gaps");
        boolean reported = args.length > 3 && args[3].equals("reported");
        warmUp(); // class statics (the bitmap's, the histogram's) are not the ledger's
        long before = usedAfterGc();
        LiveAudit audit = new LiveAudit(value -> true);
        SplittableRandom random = new SplittableRandom(1);
        long[] offsets = new long[6];
        byte[] value = new byte[1];
        for (long n = 0; n < records; n++) {
            if (reported && n % 1_000_000 == 0) {
                audit.compact();
            }
            if (gaps && random.nextInt(1000) == 0) {
                continue;
            }
            int partition = random.nextInt(6);
            audit.accept(new ConsumedRecord(
                    "footprint",
                    (int) (n % shards),
                    1,
                    n / shards,
                    partition,
                    new KafkaOffset(offsets[partition]++),
                    0,
                    0,
                    value,
                    null));
        }
        if (reported) {
            audit.compact();
        }
        long used = usedAfterGc() - before;
        System.out.printf(
                Locale.ROOT,
                "| %,d | %d | %s | %s | %.2f | %,.0f |%n",
                records,
                shards,
                gaps ? "1 in 1,000" : "none",
                reported ? "every million (as reports do)" : "never",
                used / 1048576.0,
                used * 1e6 / records);
        System.out.println(audit.summary("t").records() == 0 ? "(nothing tracked)" : ""); // the ledger stays reachable
    }

    private static void warmUp() {
        LiveAudit once = new LiveAudit(value -> true);
        once.accept(new ConsumedRecord("warm-up", 0, 1, 0, 0, new KafkaOffset(0), 0, 0, new byte[1], null));
        once.summary("t");
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
