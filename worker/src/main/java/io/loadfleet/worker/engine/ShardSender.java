package io.loadfleet.worker.engine;

import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.sink.RecordSink;
import io.loadfleet.worker.sink.SendListener;

/** Hands a shard's records to the sink, counting each in the shard's stats and settling it with its run. */
final class ShardSender {
    /** An injected copy's outcome: its record's own send is what the run owes and counts. */
    private static final SendListener COPY = new SendListener() {
        @Override
        public void acked(long intendedNanos, long sequence) {}

        @Override
        public void failed(long intendedNanos, long sequence, Exception error) {}
    };

    private final RecordSink sink;
    private final ShardStats stats;
    private final SendListener outcomes;

    /** @param outcomes hears how each send ended: {@code stats} itself, or a listener that also counts in it */
    ShardSender(RecordSink sink, ShardStats stats, SendListener outcomes) {
        this.sink = sink;
        this.stats = stats;
        this.outcomes = outcomes;
    }

    /** Sends record {@code r.sequence}, intended at {@code r.intendedNanos}: one of the run's records. */
    void send(OutgoingRecord r) {
        stats.sent(r.value.length);
        stats.sending(r.intendedNanos);
        try {
            sink.send(r, outcomes);
        } catch (RuntimeException e) {
            // The record is lost (e.g. buffer full past max.block.ms): count it, keep the schedule.
            outcomes.failed(r.intendedNanos, r.sequence, e);
        } finally {
            stats.sendReturned();
        }
    }

    /**
     * Sends an injected copy of a record already sent: not one of the run's records, so neither counted as sent nor
     * settled, and a copy the sink refuses is simply not there.
     */
    void sendCopy(OutgoingRecord r) {
        stats.sending(r.intendedNanos);
        try {
            sink.send(r, COPY);
        } catch (RuntimeException e) {
            // the copy is missing; the verifier counts the copies it sees
        } finally {
            stats.sendReturned();
        }
    }
}
