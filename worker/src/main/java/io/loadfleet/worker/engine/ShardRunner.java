package io.loadfleet.worker.engine;

import io.loadfleet.api.plan.ShardPlan;
import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.pace.Pacer;
import io.loadfleet.worker.records.GeneratedRecord;
import io.loadfleet.worker.sink.OutgoingRecord;
import org.apache.avro.util.Utf8;

/**
 * The hot path of one shard: pace → generate → encode → send, on one thread, until the pacer
 * says the run is over. Devices take turns (round robin over the shard's range), as meters
 * reporting on a fixed interval do. With spec.faults, the {@link FaultInjector} has a say before each
 * record is generated and sends it; without, it costs a null check.
 */
final class ShardRunner implements Runnable {
    private final ShardPlan shard;
    private final ShardRecords records;
    private final ShardSender sender;
    private final Pacer pacer;
    private final ShardTiming timing;
    private final ShardStats stats;

    ShardRunner(
            ShardPlan shard,
            ShardRecords records,
            ShardSender sender,
            Pacer pacer,
            ShardTiming timing,
            ShardStats stats) {
        this.shard = shard;
        this.records = records;
        this.sender = sender;
        this.pacer = pacer;
        this.timing = timing;
        this.stats = stats;
    }

    @Override
    public void run() {
        RecordGenerator generator = records.generator();
        RecordEncoder encoder = records.encoder();
        OutgoingRecord out = records.out();
        TraceSampler tracing = records.tracing();
        FaultInjector faults = records.faults();
        boolean paced = timing.schedule() != null;
        GeneratedRecord record = new GeneratedRecord(generator.schema());
        out.record = record;
        long devices = shard.deviceCount();
        for (long n = 0; ; n++) {
            long due = pacer.awaitDue(n);
            if (due == Pacer.FINISHED) {
                if (faults != null) {
                    faults.releaseAll(pacer.clock().nanoTime());
                }
                return;
            }
            if (paced) {
                stats.scheduleDelay(pacer.clock().nanoTime() - due);
            }
            // Event time is the scheduled send time, so downstream windows see the planned rate.
            long eventTime = timing.startWallMillis() + (due - pacer.startNanos()) / 1_000_000;
            long seq = timing.firstSequence() + n;
            if (faults != null) {
                eventTime = faults.next(due, seq, eventTime);
            }
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
            if (faults == null) {
                sender.send(out);
            } else {
                faults.send(out);
            }
        }
    }
}
