package io.loadfleet.worker.verify;

import io.loadfleet.api.status.LatencyPercentiles;
import io.loadfleet.api.status.VerifyStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;
import org.roaringbitmap.RoaringBitmap;

/**
 * What a live verifier consumed, per stream: the sequences seen (a RoaringBitmap: a run of
 * consecutive numbers costs a few bytes, so millions of records fit in kilobytes), copies, and steps
 * back within a partition; with the end-to-end latency of every record. A record read again at an
 * offset of its partition already consumed (a consumer that restarted or took the partition over)
 * is a redelivery and counts nothing; a second copy at a new offset is a duplicate. Lost records are
 * judged against what the producers acknowledged ({@link #status}), or, read back after the fact
 * without their account, as the gaps below each stream's highest number ({@link #summary}). One
 * consuming thread.
 */
public final class LiveAudit {
    private final Map<StreamId, Stream> streams = new HashMap<>();
    /** Per partition, the highest offset consumed: anything at or below it was counted already. */
    private final Map<String, Long> consumedUpTo = new HashMap<>();

    private final Histogram latencyMicros = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
    /** The latencies of the records consumed in the current second, which {@link #perSecond} then gets. */
    private final Histogram secondMicros = new Histogram(TimeUnit.HOURS.toMicros(1), 3);

    private final List<LatencySecond> perSecond = new ArrayList<>();
    private long currentSecond = Long.MIN_VALUE;
    private final Predicate<byte[]> decodes;
    private long records;
    private long foreign;
    private long undecodable;

    private static final class Stream {
        final RoaringBitmap seen = new RoaringBitmap();
        final Map<String, Long> lastInPartition = new HashMap<>();
        long records;
        long duplicates;
        long outOfOrder;
    }

    /** @param decodes whether a value is a well-formed record of the expected format */
    public LiveAudit(Predicate<byte[]> decodes) {
        this.decodes = decodes;
    }

    public void accept(ConsumedRecord r) {
        if (r.position() != ConsumedRecord.NO_POSITION) {
            Long upTo = consumedUpTo.get(r.partition());
            if (upTo != null && r.position() <= upTo) {
                return;
            }
            consumedUpTo.put(r.partition(), r.position());
        }
        if (r.profile() == null) {
            foreign++;
            return;
        }
        records++;
        if (!decodes.test(r.value())) {
            undecodable++;
        }
        Stream s = streams.computeIfAbsent(new StreamId(r.profile(), r.shard(), r.epoch()), k -> new Stream());
        s.records++;
        // (a RoaringBitmap holds ints: sequences past 2^31, 12 h at 50,000 msg/s per shard, are not tracked)
        if (r.sequence() <= Integer.MAX_VALUE && !s.seen.checkedAdd((int) r.sequence())) {
            s.duplicates++;
        }
        Long last = s.lastInPartition.put(r.partition(), r.sequence());
        if (last != null && r.sequence() < last) {
            s.outOfOrder++;
        }
        long micros = Math.min(
                TimeUnit.MILLISECONDS.toMicros(Math.max(0, r.consumeTimeMillis() - r.eventTimeMillis())),
                latencyMicros.getHighestTrackableValue());
        latencyMicros.recordValue(micros);
        long second = r.consumeTimeMillis() / 1000;
        if (second != currentSecond) {
            closeSecond();
            currentSecond = second;
        }
        secondMicros.recordValue(micros);
    }

    /**
     * The latency of each second in which records were consumed, by the consume time's second
     * (epoch seconds), oldest first.
     */
    public List<LatencySecond> perSecond() {
        closeSecond();
        return List.copyOf(perSecond);
    }

    private void closeSecond() {
        if (secondMicros.getTotalCount() > 0) {
            perSecond.add(new LatencySecond(currentSecond, LatencyPercentiles.ofMicros(secondMicros)));
            secondMicros.reset();
        }
    }

    /** One second's end-to-end latency; {@code epochSecond} the consume time's second. */
    public record LatencySecond(long epochSecond, LatencyPercentiles latencyMs) {}

    /**
     * The findings against what the producers acknowledged.
     *
     * @param acked   per stream, the acknowledged sequences: every one from 0 below {@code sent}, less
     *                those whose send failed (not acknowledged, so not owed)
     * @param settled whether the grace period is over: unseen acknowledged records are then lost, else lag
     */
    public VerifyStatus status(Map<StreamId, AckedRecords> acked, boolean settled) {
        long lost = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        List<VerifyStatus.MissingRecords> firstMissing = new ArrayList<>();
        for (var e : streams.entrySet()) {
            duplicates += e.getValue().duplicates;
            outOfOrder += e.getValue().outOfOrder;
        }
        List<StreamId> ids = new ArrayList<>(acked.keySet());
        ids.sort(Comparator.comparing(StreamId::profile)
                .thenComparingLong(StreamId::epoch)
                .thenComparingInt(StreamId::shard));
        for (StreamId id : ids) {
            AckedRecords owed = acked.get(id);
            Stream s = streams.get(id);
            RoaringBitmap missing = RoaringBitmap.bitmapOf();
            missing.add(0L, owed.sent());
            if (s != null) {
                missing.andNot(s.seen);
            }
            long unseen = Math.max(0, missing.getLongCardinality() - owed.failed());
            lost += unseen;
            if (unseen > 0) {
                List<Long> first = new ArrayList<>();
                var seqs = missing.getIntIterator();
                while (seqs.hasNext() && first.size() < VerifyStatus.MissingRecords.MAX_LISTED) {
                    first.add((long) seqs.next());
                }
                firstMissing.add(new VerifyStatus.MissingRecords(id.profile(), id.shard(), id.epoch(), first));
            }
        }
        return new VerifyStatus(
                records,
                settled ? lost : 0,
                duplicates,
                outOfOrder,
                foreign,
                undecodable,
                settled ? 0 : lost,
                LatencyPercentiles.ofMicros(latencyMicros),
                settled ? firstMissing : List.of(),
                null);
    }

    /**
     * What a topic read back after the fact holds, without the producers' account: in each stream, a
     * number below the highest seen and never seen is lost (records lost after a stream's highest
     * number cannot be told from records never sent).
     */
    public VerifySummary summary(String topic) {
        List<VerifySummary.StreamSummary> out = new ArrayList<>();
        long lost = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        for (var e : streams.entrySet()) {
            Stream s = e.getValue();
            long highest = s.seen.isEmpty() ? -1 : Integer.toUnsignedLong(s.seen.last());
            long missing = highest + 1 - s.seen.getLongCardinality();
            out.add(new VerifySummary.StreamSummary(
                    e.getKey().profile(),
                    e.getKey().shard(),
                    e.getKey().epoch(),
                    s.records,
                    highest,
                    missing,
                    s.duplicates,
                    s.outOfOrder));
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

    /**
     * What a stream's producer owes: the sequences 0 to {@code sent - 1}, of which {@code failed}
     * sends were refused (they are not lost if unseen, nor known individually).
     */
    public record AckedRecords(long sent, long failed) {}
}
