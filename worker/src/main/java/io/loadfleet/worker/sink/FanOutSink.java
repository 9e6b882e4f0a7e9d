package io.loadfleet.worker.sink;

import io.loadfleet.api.spec.Format;
import io.loadfleet.worker.encode.RecordEncoder;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;

/**
 * Delivers each record to several sinks (spec.sink naming more than one), each in its own encoding: the first
 * sink's value is made by the shard's encoder, and another sink that sends other bytes (a file's JSON lines beside
 * Avro on Kafka, a registry-framed value beside a plain one) encodes the same generated record again, on the shard's
 * thread. The run counts a record acked once every sink has acked it; each sink keeps its own counts
 * ({@link SinkLeg}).
 */
public final class FanOutSink implements RecordSink {
    private final SinkLeg[] legs;
    /** Per sink, its own encoder on each shard thread; null where it sends the first sink's value. */
    private final ThreadLocal<RecordEncoder>[] ownEncoders;

    private final LongSupplier nanoClock;

    /** @param nanoClock times each sink's publish latency, as the run's own clock does */
    @SuppressWarnings("unchecked")
    public FanOutSink(List<SinkLeg> legs, Format format, Schema schema, LongSupplier nanoClock) {
        if (legs.size() < 2) {
            throw new IllegalArgumentException("a fan-out needs two sinks or more, not " + legs.size());
        }
        this.legs = legs.toArray(SinkLeg[]::new);
        this.nanoClock = nanoClock;
        this.ownEncoders = new ThreadLocal[this.legs.length];
        boolean firstIsPlain = this.legs[0].sink().sendsPlainValues(format);
        for (int i = 1; i < this.legs.length; i++) {
            RecordSink sink = this.legs[i].sink();
            if (!(firstIsPlain && sink.sendsPlainValues(format))) {
                ownEncoders[i] = ThreadLocal.withInitial(() -> sink.encoder(format, schema));
            }
        }
    }

    @Override
    public RecordEncoder encoder(Format format, Schema schema) {
        return legs[0].sink().encoder(format, schema);
    }

    @Override
    public boolean sendsPlainValues(Format format) {
        return legs[0].sink().sendsPlainValues(format);
    }

    @Override
    public void send(OutgoingRecord record, SendListener listener) {
        RecordJoin join = new RecordJoin(listener, record.intendedNanos, record.sequence, legs.length);
        byte[] firstValue = record.value;
        try {
            for (int i = 0; i < legs.length; i++) {
                SinkLeg leg = legs[i];
                if (ownEncoders[i] != null) {
                    record.value = ownEncoders[i].get().encode(record.record);
                }
                leg.sent();
                SendListener outcome = leg.listener(join, nanoClock);
                try {
                    leg.sink().send(record, outcome);
                } catch (RuntimeException e) {
                    // this sink refused it (e.g. buffer full past max.block.ms): the others still get it
                    outcome.failed(record.intendedNanos, record.sequence, e);
                }
            }
        } finally {
            record.value = firstValue; // the shard's value again: an injected copy is sent from it
        }
    }

    /**
     * With a sink that writes before it acks (files), the records every sink has written: the slowest sink's count,
     * so the fleet's achieved rate is the slowest sink's; empty when every sink counts once acked.
     */
    @Override
    public OptionalLong written() {
        boolean anyWrites = false;
        long slowest = Long.MAX_VALUE;
        for (SinkLeg leg : legs) {
            anyWrites |= leg.sink().written().isPresent();
            slowest = Math.min(slowest, leg.writtenCount());
        }
        return anyWrites ? OptionalLong.of(slowest) : OptionalLong.empty();
    }

    @Override
    public List<SinkLeg> legs() {
        return List.of(legs);
    }

    @Override
    public void flush() {
        for (SinkLeg leg : legs) {
            leg.sink().flush();
        }
    }

    /** Closes every sink, even when one fails to; the first failure is thrown after. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (SinkLeg leg : legs) {
            try {
                leg.sink().close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
