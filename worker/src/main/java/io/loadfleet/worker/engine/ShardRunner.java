package io.loadfleet.worker.engine;

import io.loadfleet.api.plan.ShardPlan;
import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.generate.GeneratedRecord;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.pace.Pacer;
import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.sink.RecordSink;
import org.apache.avro.util.Utf8;

/**
 * The hot path of one shard: pace → generate → encode → send, on one thread, until the pacer
 * says the run is over. Devices take turns (round robin over the shard's range), as meters
 * reporting on a fixed interval do.
 */
public final class ShardRunner implements Runnable {
    private final ShardPlan shard;
    private final RecordGenerator generator;
    private final RecordEncoder encoder;
    private final RecordSink sink;
    private final Pacer pacer;
    private final ShardStats stats;
    private final OutgoingRecord out;
    private final long wallStartMillis;
    private final boolean paced;
    private final long firstSequence;
    private final TraceSampler tracing;

    /**
     * @param firstSequence the sequence number of the pacer's message 0: 0 for a shard that starts with its epoch, or
     *                      the messages its schedule had due before a replacement pod joined it, so each (epoch, shard)
     *                      numbers a record once and the device rotation goes on where it was
     * @param tracing       which records carry a trace context; null for none
     */
    public ShardRunner(ShardPlan shard, RecordGenerator generator, RecordEncoder encoder, RecordSink sink, Pacer pacer,
            ShardStats stats, OutgoingRecord out, long wallStartMillis, boolean paced, long firstSequence,
            TraceSampler tracing) {
        this.shard = shard;
        this.generator = generator;
        this.encoder = encoder;
        this.sink = sink;
        this.pacer = pacer;
        this.stats = stats;
        this.out = out;
        this.wallStartMillis = wallStartMillis;
        this.paced = paced;
        this.firstSequence = firstSequence;
        this.tracing = tracing;
    }

    @Override
    public void run() {
        GeneratedRecord record = new GeneratedRecord(generator.schema());
        out.record = record;
        long devices = shard.deviceCount();
        for (long n = 0; ; n++) {
            long due = pacer.awaitDue(n);
            if (due == Pacer.FINISHED) {
                return;
            }
            if (paced) {
                stats.scheduleDelay(pacer.clock().nanoTime() - due);
            }
            // Event time is the scheduled send time, so downstream windows see the planned rate.
            long eventTime = wallStartMillis + (due - pacer.startNanos()) / 1_000_000;
            long seq = firstSequence + n;
            long offset = seq % devices;
            long device = shard.deviceStart() + offset;
            generator.fill(device, seq, eventTime, record);
            Utf8 key = generator.key(device);
            out.key = key == null ? null : key.getBytes(); // exactly the key's bytes: ids are built once per device
            out.value = encoder.encode(record);
            out.eventTimeMillis = eventTime;
            out.sequence = seq;
            out.intendedNanos = due;
            out.traceparent = tracing == null ? null : tracing.traceparent(seq);
            stats.sent(out.value.length);
            stats.sending(due);
            try {
                sink.send(out, stats);
            } catch (RuntimeException e) {
                // The record is lost (e.g. buffer full past max.block.ms): count it, keep the schedule.
                stats.failed(due, e);
            } finally {
                stats.sendReturned();
            }
        }
    }
}
