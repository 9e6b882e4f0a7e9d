package io.loadfleet.worker.verify;

import io.loadfleet.api.control.BitmapCodec;
import io.loadfleet.api.control.HistogramCodec;
import io.loadfleet.api.control.VerifierReport;
import io.loadfleet.api.status.InjectedFaults;
import io.loadfleet.api.status.LatencyPercentiles;
import io.loadfleet.api.status.VerifyStatus;
import io.loadfleet.worker.sink.OutgoingRecord;
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
 * back within a partition; with the end-to-end latency of every record. A record read again at a
 * position of its partition at or before the last one counted there (a reader that restarted, or took
 * the partition back) is a redelivery and counts nothing; a second copy at a new position is a
 * duplicate. Records marked as injected by spec.faults are counted apart ({@link InjectedFaults}): an injected
 * copy is kept out of the sequences seen (its original must arrive on its own) and is a duplicate only as a
 * second injected copy; a late record takes no step back, nor moves its partition's last sequence; and neither a
 * late nor an out-of-order record, whose event times are off on purpose, is in the latency histogram. Lost
 * records are judged against what the producers acknowledged ({@link #status}), or,
 * read back after the fact without their account, as the gaps below each stream's highest number
 * ({@link #summary}); a verifier pod exports the ledger as it is ({@link #ledgers}) for the operator to
 * judge. One consuming thread.
 */
public final class LiveAudit {
    private final Map<StreamId, Stream> streams = new HashMap<>();
    /** Per partition, the position of the last record counted: one read again at or before it counts nothing. */
    private final Map<Integer, RecordPosition> countedUpTo = new HashMap<>();

    private final Histogram latencyMicros = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
    private final Predicate<byte[]> decodes;
    private final LatencyListener latencyListener;
    private long records;
    private long duplicates;
    private long outOfOrder;
    private long foreign;
    private long undecodable;

    private static final class Stream {
        final RoaringBitmap seen = new RoaringBitmap();
        /** The sequences whose injected copy was counted: a second copy of one is a real duplicate. */
        final RoaringBitmap copied = new RoaringBitmap();

        final Map<Integer, Long> lastInPartition = new HashMap<>();
        long records;
        long duplicates;
        long outOfOrder;
        long injectedOutOfOrder;
        long injectedLate;

        InjectedFaults injected() {
            return new InjectedFaults(copied.getLongCardinality(), injectedOutOfOrder, injectedLate);
        }
    }

    /** Hears each counted record's end-to-end latency, on the consuming thread. */
    interface LatencyListener {
        void consumed(long consumeTimeMillis, long e2eMicros);
    }

    /** What it counted in all; {@code records} are loadfleet's, {@code foreign} the others. */
    record Totals(long records, long duplicates, long outOfOrder, long foreign, long undecodable) {
        static final Totals NONE = new Totals(0, 0, 0, 0, 0);
    }

    /** @param decodes whether a value is a well-formed record of the expected format */
    public LiveAudit(Predicate<byte[]> decodes) {
        this(decodes, (consumeTimeMillis, e2eMicros) -> {});
    }

    /**
     * @param decodes whether a value is a well-formed record of the expected format; what it throws (a
     *     schema registry that cannot be asked) leaves the record uncounted, to be handed again
     */
    LiveAudit(Predicate<byte[]> decodes, LatencyListener latencyListener) {
        this.decodes = decodes;
        this.latencyListener = latencyListener;
    }

    /** Counts a record, unless it is at or before the last one counted in its partition. */
    public void accept(ConsumedRecord r) {
        RecordPosition upTo = countedUpTo.get(r.partition());
        if (upTo != null && r.position().compareTo(upTo) <= 0) {
            return;
        }
        boolean wellFormed = r.profile() == null || decodes.test(r.value()); // first: it may throw
        countedUpTo.put(r.partition(), r.position());
        if (r.profile() == null) {
            foreign++;
            return;
        }
        records++;
        if (!wellFormed) {
            undecodable++;
        }
        Stream s = streams.computeIfAbsent(new StreamId(r.profile(), r.shard(), r.epoch()), k -> new Stream());
        s.records++;
        boolean copy = OutgoingRecord.INJECTED_DUPLICATE.equals(r.injected());
        boolean shifted = OutgoingRecord.INJECTED_OUT_OF_ORDER.equals(r.injected());
        boolean late = OutgoingRecord.INJECTED_LATE.equals(r.injected());
        // (a RoaringBitmap holds ints: sequences past 2^31, 12 h at 50,000 msg/s per shard, are not tracked)
        if (r.sequence() <= Integer.MAX_VALUE && !(copy ? s.copied : s.seen).checkedAdd((int) r.sequence())) {
            s.duplicates++;
            duplicates++;
        } else if (shifted) {
            s.injectedOutOfOrder++;
        } else if (late) {
            s.injectedLate++;
        }
        if (!late) { // a late record is behind its partition's last sequence on purpose
            Long last = s.lastInPartition.put(r.partition(), r.sequence());
            if (last != null && r.sequence() < last) {
                s.outOfOrder++;
                outOfOrder++;
            }
        }
        if (shifted || late) {
            return; // its event time is off on purpose: its latency would be the fault's
        }
        long micros = Math.min(
                TimeUnit.MILLISECONDS.toMicros(Math.max(0, r.consumeTimeMillis() - r.eventTimeMillis())),
                latencyMicros.getHighestTrackableValue());
        latencyMicros.recordValue(micros);
        latencyListener.consumed(r.consumeTimeMillis(), micros);
    }

    /**
     * A reader of {@code partition} starts right after {@code position}: what it reads at or before it
     * counts nothing, and the partition's position is at least that from now on.
     */
    void startAfter(int partition, RecordPosition position) {
        countedUpTo.merge(partition, position, (counted, start) -> counted.compareTo(start) >= 0 ? counted : start);
    }

    /** The position of the last record counted in {@code partition}, or where its reader started; null before either. */
    RecordPosition countedUpTo(int partition) {
        return countedUpTo.get(partition);
    }

    Totals totals() {
        return new Totals(records, duplicates, outOfOrder, foreign, undecodable);
    }

    /**
     * Turns every stream's full stretches into runs: a stream consumed without gaps then costs a few
     * bytes however long it is, instead of 8 KiB per 65,536 records, so a verifier that runs for days
     * keeps its ledger small (figures in BENCHMARKS.md). Done with each report.
     */
    public void compact() {
        streams.values().forEach(s -> {
            s.seen.runOptimize();
            s.copied.runOptimize();
        });
    }

    /** Every stream's ledger as a verifier reports it, by profile, epoch and shard; compacts it first. */
    List<VerifierReport.StreamLedger> ledgers() {
        compact();
        List<StreamId> ids = new ArrayList<>(streams.keySet());
        ids.sort(STREAM_ORDER);
        List<VerifierReport.StreamLedger> ledgers = new ArrayList<>(ids.size());
        for (StreamId id : ids) {
            Stream s = streams.get(id);
            ledgers.add(new VerifierReport.StreamLedger(
                    id.profile(),
                    id.shard(),
                    id.epoch(),
                    BitmapCodec.encode(s.seen),
                    s.records,
                    s.duplicates,
                    s.outOfOrder,
                    s.copied.getLongCardinality(),
                    s.injectedOutOfOrder,
                    s.injectedLate));
        }
        return ledgers;
    }

    /** Every counted record's end-to-end latency, µs, a {@link HistogramCodec} text; null before any. */
    String e2eLatency() {
        return latencyMicros.getTotalCount() == 0 ? null : HistogramCodec.encode(latencyMicros);
    }

    private static final Comparator<StreamId> STREAM_ORDER = Comparator.comparing(StreamId::profile)
            .thenComparingLong(StreamId::epoch)
            .thenComparingInt(StreamId::shard);

    /**
     * The findings against what the producers acknowledged.
     *
     * @param acked   per stream, the acknowledged sequences: every one from 0 below {@code sent}, less
     *                those whose send failed (not acknowledged, so not owed)
     * @param settled whether the grace period is over: unseen acknowledged records are then lost, else lag
     */
    public VerifyStatus status(Map<StreamId, AckedRecords> acked, boolean settled) {
        long lost = 0;
        List<VerifyStatus.MissingRecords> firstMissing = new ArrayList<>();
        List<StreamId> ids = new ArrayList<>(acked.keySet());
        ids.sort(STREAM_ORDER);
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
                null,
                injected().orNull());
    }

    /**
     * What a topic read back after the fact holds, without the producers' account: in each stream, a
     * number below the highest seen and never seen is lost (records lost after a stream's highest
     * number cannot be told from records never sent).
     */
    public VerifySummary summary(String topic) {
        List<VerifySummary.StreamSummary> out = new ArrayList<>();
        long lost = 0;
        List<StreamId> ids = new ArrayList<>(streams.keySet());
        ids.sort(STREAM_ORDER);
        for (StreamId id : ids) {
            Stream s = streams.get(id);
            long highest = s.seen.isEmpty() ? -1 : Integer.toUnsignedLong(s.seen.last());
            long missing = highest + 1 - s.seen.getLongCardinality();
            out.add(new VerifySummary.StreamSummary(
                    id.profile(),
                    id.shard(),
                    id.epoch(),
                    s.records,
                    highest,
                    missing,
                    s.duplicates,
                    s.outOfOrder,
                    s.injected().orNull()));
            lost += missing;
        }
        return new VerifySummary(
                topic,
                records,
                lost,
                duplicates,
                outOfOrder,
                foreign,
                undecodable,
                LatencyPercentiles.ofMicros(latencyMicros),
                injected().orNull(),
                out);
    }

    /** The injected records of every stream. */
    private InjectedFaults injected() {
        return streams.values().stream().map(Stream::injected).reduce(InjectedFaults.NONE, InjectedFaults::plus);
    }

    /**
     * What a stream's producer owes: the sequences 0 to {@code sent - 1}, of which {@code failed}
     * sends were refused (they are not lost if unseen, nor known individually).
     */
    public record AckedRecords(long sent, long failed) {}
}
