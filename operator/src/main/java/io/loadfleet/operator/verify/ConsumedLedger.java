package io.loadfleet.operator.verify;

import io.loadfleet.api.control.BitmapCodec;
import io.loadfleet.api.control.HistogramCodec;
import io.loadfleet.api.control.VerifierReport;
import io.loadfleet.api.status.InjectedFaults;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.roaringbitmap.RoaringBitmap;

/**
 * What the verifiers of one fleet consumed, merged exactly: per stream the union of the sequences
 * every verifier process saw, and the sum of their counts and latency histograms. A process that
 * ended (restarted, or its pod removed) is retired: its last report is folded in here for good, and
 * its successor goes on from that report's positions, so the two never count the same record. A
 * sequence two processes both saw is therefore a second copy in the topic: a duplicate.
 */
final class ConsumedLedger {
    private final String profile;
    private final Map<StreamKey, Part> retired = new HashMap<>();
    private final Totals retiredTotals = new Totals();

    ConsumedLedger(String profile) {
        this.profile = profile;
    }

    /** One stream's share of one or more processes: their union and the sum of their cardinalities. */
    private static final class Part {
        final RoaringBitmap seen = new RoaringBitmap();
        long seenSum;
        long duplicates;
        long outOfOrder;
        InjectedFaults injected = InjectedFaults.NONE;
    }

    private static final class Totals {
        long records;
        long foreign;
        long undecodable;
        final Histogram latency = new Histogram(3);

        void add(Totals o) {
            records += o.records;
            foreign += o.foreign;
            undecodable += o.undecodable;
            latency.add(o.latency);
        }
    }

    /** Folds the last report of a process that has ended into the ledger for good. */
    void retire(VerifierReport last) {
        retiredTotals.add(fold(last, retired));
    }

    /** The retired processes and the live ones' latest reports, merged. */
    Merged merge(Collection<VerifierReport> live) {
        Map<StreamKey, Part> streams = new HashMap<>();
        retired.forEach((key, part) -> {
            Part copy = new Part();
            copy.seen.or(part.seen);
            copy.seenSum = part.seenSum;
            copy.duplicates = part.duplicates;
            copy.outOfOrder = part.outOfOrder;
            copy.injected = part.injected;
            streams.put(key, copy);
        });
        Totals totals = new Totals();
        totals.add(retiredTotals);
        for (VerifierReport report : live) {
            totals.add(fold(report, streams));
        }
        Map<StreamKey, Stream> merged = new HashMap<>();
        streams.forEach((key, p) -> merged.put(
                key,
                new Stream(
                        p.seen, p.duplicates + (p.seenSum - p.seen.getLongCardinality()), p.outOfOrder, p.injected)));
        return new Merged(merged, totals.records, totals.foreign, totals.undecodable, totals.latency);
    }

    /** Adds a report's streams into {@code into}; returns its totals (another profile's records are foreign here). */
    private Totals fold(VerifierReport report, Map<StreamKey, Part> into) {
        Totals t = new Totals();
        t.foreign = report.foreign();
        t.undecodable = report.undecodable();
        long others = 0;
        for (VerifierReport.StreamLedger s : report.streams()) {
            if (!profile.equals(s.profile())) {
                others += s.records();
                continue;
            }
            Part p = into.computeIfAbsent(new StreamKey(s.shard(), s.epoch()), k -> new Part());
            RoaringBitmap seen = BitmapCodec.decode(s.seen());
            p.seen.or(seen);
            p.seenSum += seen.getLongCardinality();
            p.duplicates += s.duplicates();
            p.outOfOrder += s.outOfOrder();
            p.injected = p.injected.plus(
                    new InjectedFaults(s.injectedDuplicates(), s.injectedOutOfOrder(), s.injectedLate()));
        }
        t.records = report.records() - others;
        t.foreign += others;
        if (report.e2eLatency() != null) {
            t.latency.add(HistogramCodec.decode(report.e2eLatency()));
        }
        return t;
    }

    /**
     * One stream of this profile, merged.
     *
     * @param seen       every sequence some verifier consumed
     * @param duplicates second copies, within one process or across two
     * @param injected   the records marked as injected, as each process counted them: a copy injected once and
     *                   consumed by two processes (a real duplicate, which only its process can tell) counts twice
     */
    record Stream(RoaringBitmap seen, long duplicates, long outOfOrder, InjectedFaults injected) {}

    /**
     * Everything consumed, merged.
     *
     * @param streams this profile's streams
     * @param latency end-to-end latency, µs
     */
    record Merged(Map<StreamKey, Stream> streams, long records, long foreign, long undecodable, Histogram latency) {}
}
