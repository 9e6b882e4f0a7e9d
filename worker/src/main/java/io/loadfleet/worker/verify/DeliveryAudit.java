package io.loadfleet.worker.verify;

import io.loadfleet.api.status.LatencyPercentiles;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * Proves delivery from the identity every record carries. Each (profile, shard, epoch) is one
 * stream numbered 0, 1, 2, ...: a number seen twice is a duplicate, a number below the highest
 * seen and never seen is lost, and within one partition numbers must rise: each step down is
 * one out-of-order record (a shard's records spread over partitions by key, so order across
 * partitions means nothing). Records lost after
 * a stream's highest number cannot be told from records never sent.
 */
public final class DeliveryAudit {
    private final Map<StreamKey, Stream> streams = new HashMap<>();
    private final Histogram latencyMicros = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
    private final Predicate<byte[]> decodes;
    private long foreign;
    private long undecodable;

    private record StreamKey(String profile, int shard, long epoch) {}

    private static final class Stream {
        final BitSet seen = new BitSet();
        final Map<String, Long> lastInPartition = new HashMap<>();
        long records;
        long duplicates;
        long outOfOrder;
    }

    /** @param decodes whether a value is a well-formed record of the expected format */
    public DeliveryAudit(Predicate<byte[]> decodes) {
        this.decodes = decodes;
    }

    public void accept(ConsumedRecord r) {
        if (r.profile() == null) {
            foreign++;
            return;
        }
        if (!decodes.test(r.value())) {
            undecodable++;
        }
        Stream s = streams.computeIfAbsent(new StreamKey(r.profile(), r.shard(), r.epoch()), k -> new Stream());
        s.records++;
        // (a BitSet indexes by int: streams past 2^31 records, 12 h at 50,000 msg/s, are not audited beyond)
        if (r.sequence() <= Integer.MAX_VALUE) {
            if (s.seen.get((int) r.sequence())) {
                s.duplicates++;
            } else {
                s.seen.set((int) r.sequence());
            }
        }
        Long last = s.lastInPartition.put(r.partition(), r.sequence());
        if (last != null && r.sequence() < last) {
            s.outOfOrder++;
        }
        long micros = TimeUnit.MILLISECONDS.toMicros(Math.max(0, r.consumeTimeMillis() - r.eventTimeMillis()));
        latencyMicros.recordValue(Math.min(micros, latencyMicros.getHighestTrackableValue()));
    }

    public VerifySummary summary(String topic) {
        List<VerifySummary.StreamSummary> out = new ArrayList<>();
        long records = 0;
        long lost = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        for (var e : streams.entrySet()) {
            Stream s = e.getValue();
            long highest = s.seen.length() - 1;
            long missing = s.seen.length() - s.seen.cardinality();
            out.add(new VerifySummary.StreamSummary(
                    e.getKey().profile(),
                    e.getKey().shard(),
                    e.getKey().epoch(),
                    s.records,
                    highest,
                    missing,
                    s.duplicates,
                    s.outOfOrder));
            records += s.records;
            lost += missing;
            duplicates += s.duplicates;
            outOfOrder += s.outOfOrder;
        }
        out.sort(Comparator.comparing(VerifySummary.StreamSummary::profile)
                .thenComparingLong(VerifySummary.StreamSummary::epoch)
                .thenComparingInt(VerifySummary.StreamSummary::shard));
        return new VerifySummary(
                topic,
                records,
                lost,
                duplicates,
                outOfOrder,
                foreign,
                undecodable,
                LatencyPercentiles.ofMicros(latencyMicros),
                out);
    }
}
