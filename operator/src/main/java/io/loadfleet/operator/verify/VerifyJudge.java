package io.loadfleet.operator.verify;

import io.loadfleet.api.control.StreamAcks;
import io.loadfleet.api.status.InjectedFaults;
import io.loadfleet.api.status.LatencyPercentiles;
import io.loadfleet.api.status.VerifyStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Judges what the verifiers consumed against what the producers acked: a record acked at least the
 * grace period ago and seen by no verifier is lost; one acked since and not seen yet is lag. Loss, lag,
 * duplicates, steps back and injected records are judged for the epochs from {@code fromEpoch} on (none before
 * it is known); records, foreign and undecodable ones and latency count everything consumed.
 */
final class VerifyJudge {
    private VerifyJudge() {}

    static VerifyStatus judge(
            String profile,
            ConsumedLedger.Merged consumed,
            Map<AckLedger.RunKey, AckLedger.Watermarks> acked,
            Long fromEpoch) {
        long lost = 0;
        long lag = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        InjectedFaults injected = InjectedFaults.NONE;
        if (fromEpoch != null) {
            for (var e : consumed.streams().entrySet()) {
                if (e.getKey().epoch() >= fromEpoch) {
                    duplicates += e.getValue().duplicates();
                    outOfOrder += e.getValue().outOfOrder();
                    injected = injected.plus(e.getValue().injected());
                }
            }
        }
        Map<StreamKey, RoaringBitmap> missingByStream = new TreeMap<>();
        for (var e : acked.entrySet()) {
            StreamKey stream = e.getKey().stream();
            ConsumedLedger.Stream found = consumed.streams().get(stream);
            RoaringBitmap seen = found == null ? new RoaringBitmap() : found.seen();
            RoaringBitmap unseenNow = unseen(e.getKey().first(), e.getValue().now(), seen);
            RoaringBitmap missing = e.getValue().settled() == null
                    ? new RoaringBitmap()
                    : unseen(e.getKey().first(), e.getValue().settled(), seen);
            lost += missing.getLongCardinality();
            lag += unseenNow.getLongCardinality() - missing.getLongCardinality();
            if (!missing.isEmpty()) {
                missingByStream
                        .computeIfAbsent(stream, k -> new RoaringBitmap())
                        .or(missing);
            }
        }
        List<VerifyStatus.MissingRecords> firstMissing = new ArrayList<>();
        missingByStream.forEach((stream, missing) -> {
            List<Long> first = new ArrayList<>();
            var it = missing.getIntIterator();
            while (it.hasNext() && first.size() < VerifyStatus.MissingRecords.MAX_LISTED) {
                first.add(Integer.toUnsignedLong(it.next()));
            }
            firstMissing.add(new VerifyStatus.MissingRecords(profile, stream.shard(), stream.epoch(), first));
        });
        return new VerifyStatus(
                consumed.records(),
                lost,
                duplicates,
                outOfOrder,
                consumed.foreign(),
                consumed.undecodable(),
                Math.max(0, lag),
                LatencyPercentiles.ofMicros(consumed.latency()),
                firstMissing,
                fromEpoch,
                injected.orNull());
    }

    /**
     * The sequences a run owes up to its watermark, less those seen (sequences past 2^31 are not
     * tracked: 12 hours at 50,000 msg/s per shard and epoch).
     */
    private static RoaringBitmap unseen(long first, StreamAcks acks, RoaringBitmap seen) {
        long end = Math.min(acks.through() + 1, Integer.MAX_VALUE);
        if (end <= first) {
            return new RoaringBitmap();
        }
        RoaringBitmap owed = RoaringBitmap.bitmapOfRange(first, end);
        acks.failed().forEach(f -> owed.remove(f.intValue()));
        owed.andNot(seen);
        return owed;
    }
}
