package io.loadfleet.worker.engine;

import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.sink.OutgoingRecord;

/**
 * What one shard sends: records made by its generator, encoded, stamped with the shard's identity
 * and, when sampled, a trace context; some injected with a fault, when spec.faults asks for them.
 *
 * @param out     the shard's one outgoing message, carrying its identity (profile, shard, epoch)
 * @param tracing which records carry a trace context; null for none
 * @param faults  injects spec.faults; null for none
 */
record ShardRecords(
        RecordGenerator generator,
        RecordEncoder encoder,
        OutgoingRecord out,
        TraceSampler tracing,
        FaultInjector faults) {}
