package io.loadfleet.worker.testing;

import io.loadfleet.api.spec.Format;
import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.sink.RecordSink;
import io.loadfleet.worker.sink.SendListener;
import io.loadfleet.worker.sink.SinkLeg;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * A sink that misbehaves on purpose, to prove a verifier counts exactly: of one shard's records, it
 * drops the chosen sequences while reporting them acknowledged (a broker that lost acked records),
 * sends others twice (a copy the producer did not mean), and reports others failed without sending
 * them (a broker that refused them).
 */
public final class FaultySink implements RecordSink {
    private static final SendListener IGNORED = new SendListener() {
        @Override
        public void acked(long intendedNanos, long sequence) {}

        @Override
        public void failed(long intendedNanos, long sequence, Exception error) {}
    };

    private final RecordSink inner;
    private final int shard;
    private final Set<Long> dropped;
    private final Set<Long> doubled;
    private final Set<Long> refused;

    public FaultySink(RecordSink inner, int shard, Set<Long> dropped, Set<Long> doubled) {
        this(inner, shard, dropped, doubled, Set.of());
    }

    public FaultySink(RecordSink inner, int shard, Set<Long> dropped, Set<Long> doubled, Set<Long> refused) {
        this.inner = inner;
        this.shard = shard;
        this.dropped = Set.copyOf(dropped);
        this.doubled = Set.copyOf(doubled);
        this.refused = Set.copyOf(refused);
    }

    @Override
    public RecordEncoder encoder(Format format, Schema schema) {
        return inner.encoder(format, schema);
    }

    @Override
    public void send(OutgoingRecord record, SendListener listener) {
        boolean ours = record.shard() == shard;
        if (ours && dropped.contains(record.sequence)) {
            listener.acked(record.intendedNanos, record.sequence);
            return;
        }
        if (ours && refused.contains(record.sequence)) {
            listener.failed(record.intendedNanos, record.sequence, new IllegalStateException("refused on purpose"));
            return;
        }
        inner.send(record, listener);
        if (ours && doubled.contains(record.sequence)) {
            inner.send(record, IGNORED);
        }
    }

    @Override
    public List<SinkLeg> legs() {
        return inner.legs();
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }
}
