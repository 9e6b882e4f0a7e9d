package io.loadfleet.worker.engine;

import io.loadfleet.api.plan.ShardPlan;
import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.generate.DevicePicker;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.pace.Pacer;
import io.loadfleet.worker.records.GeneratedRecord;
import io.loadfleet.worker.sink.OutgoingRecord;
import org.apache.avro.util.Utf8;

/**
 * The hot path of one shard: pace → generate → encode → send, on one thread, until the pacer
 * says the run is over or the shard's part of spec.count is sent. Devices take turns (round robin
 * over the shard's range), as meters reporting on a fixed interval do, unless the shard's picker
 * draws them. With spec.faults, the {@link FaultInjector} has a say before each record is generated
 * and sends it. Each shape costs the default path a null check.
 */
final class ShardRunner implements Runnable {
    private final ShardPlan shard;
    private final ShardRecords records;
    private final ShardSender sender;
    private final Pacer pacer;
    private final ShardTiming timing;
    private final ShardStats stats;
    private final RecordBudget budget;

    /** @param budget the records the shard may still send (spec.count), shared with its other runs; null for no limit */
    ShardRunner(
            ShardPlan shard,
            ShardRecords records,
            ShardSender sender,
            Pacer pacer,
            ShardTiming timing,
            ShardStats stats,
            RecordBudget budget) {
        this.shard = shard;
        this.records = records;
        this.sender = sender;
        this.pacer = pacer;
        this.timing = timing;
        this.stats = stats;
        this.budget = budget;
    }

    @Override
    public void run() {
        FaultInjector faults = records.faults();
        sendUntilDone(faults);
        if (faults != null) {
            faults.releaseAll(pacer.clock().nanoTime()); // the late records still held go now: none is lost
        }
    }

    private void sendUntilDone(FaultInjector faults) {
        RecordGenerator generator = records.generator();
        DevicePicker picker = records.devices();
        RecordEncoder encoder = records.encoder();
        OutgoingRecord out = records.out();
        TraceSampler tracing = records.tracing();
        boolean paced = timing.schedule() != null;
        GeneratedRecord record = new GeneratedRecord(generator.schema());
        out.record = record;
        long devices = shard.deviceCount();
        for (long n = 0; ; n++) {
            if (budget != null && budget.remaining() == 0) {
                return; // not waiting for a record that will not be sent: the count ends the run when it is spent
            }
            long due = pacer.awaitDue(n);
            // Taken once due, not before: a run ended at a hand-over must not hold a place its successor needs.
            if (due == Pacer.FINISHED || budget != null && !budget.take()) {
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
            long offset = picker == null ? seq % devices : picker.offset(seq);
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
