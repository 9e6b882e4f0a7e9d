package io.loadfleet.worker.engine;

import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.generate.DevicePicker;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.sink.OutgoingRecord;

/**
 * What one shard sends: records made by its generator for the devices its picker chooses, encoded, stamped
 * with the shard's identity and, when sampled, a trace context; some injected with a fault, when spec.faults
 * asks for them.
 *
 * @param devices which device of the shard's range each record belongs to; null for round robin
 * @param out     the shard's one outgoing message, carrying its identity (profile, shard, epoch)
 * @param tracing which records carry a trace context; null for none
 * @param faults  injects spec.faults; null for none
 */
record ShardRecords(
        RecordGenerator generator,
        DevicePicker devices,
        RecordEncoder encoder,
        OutgoingRecord out,
        TraceSampler tracing,
        FaultInjector faults) {}
