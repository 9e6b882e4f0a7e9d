package io.loadfleet.worker.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.encode.Encoders;
import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.generate.GeneratorSettings;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.records.GeneratedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How one record reaches several sinks: the run hears of it once, when every sink has answered; each sink counts its
 * own; a sink that sends other bytes gets its own encoding of the same record.
 */
class FanOutSinkTest {
    static final Schema SCHEMA = Generators.schema(GeneratorType.SMART_METER);

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final List<String> heard = new ArrayList<>();
    final SendListener run = new SendListener() {
        @Override
        public void acked(long intendedNanos, long sequence) {
            heard.add("acked " + sequence + " at " + now.get());
        }

        @Override
        public void failed(long intendedNanos, long sequence, Exception error) {
            heard.add("failed " + sequence + ": " + error.getMessage());
        }
    };
    OutgoingRecord out;

    @BeforeEach
    void record() {
        RecordGenerator generator = Generators.create(GeneratorType.SMART_METER, new GeneratorSettings(1, 0, 0, 10));
        GeneratedRecord record = new GeneratedRecord(SCHEMA);
        generator.fill(3, 7, 1_700_000_000_000L, record);
        out = new OutgoingRecord("p", 0, 1);
        out.record = record;
        out.sequence = 7;
        out.intendedNanos = now.get();
    }

    @Test
    void theRunHearsOfARecordOnceEverySinkHasItAndEachSinkCountsItsOwn() {
        HeldSink kafka = new HeldSink(true, null);
        HeldSink pulsar = new HeldSink(true, null);
        FanOutSink sink = fanOut(Format.AVRO, kafka, pulsar);
        out.value = sink.encoder(Format.AVRO, SCHEMA).encode(out.record);

        sink.send(out, run);
        now.addAndGet(2_000_000);
        kafka.answer(0, null);
        assertEquals(List.of(), heard, "pulsar has not answered");
        now.addAndGet(3_000_000);
        pulsar.answer(0, null);

        assertEquals(List.of("acked 7 at 1005000000"), heard, "once, when the slowest sink acked");
        assertSame(kafka.values.get(0), pulsar.values.get(0), "plain values are encoded once and shared");
        assertEquals(1, sink.legs().get(0).counters().counters().acked());
        assertEquals(2.0, sink.legs().get(0).latency().getMaxValue() / 1000.0, 0.01, "kafka's own latency, ms");
        assertEquals(5.0, sink.legs().get(1).latency().getMaxValue() / 1000.0, 0.01, "pulsar's own latency, ms");
    }

    @Test
    void aRecordOneSinkFailsFailsTheRunNamingThatSinkWhileTheOthersCountItAcked() {
        HeldSink kafka = new HeldSink(true, null);
        HeldSink file = new HeldSink(false, Format.JSON);
        FanOutSink sink = fanOut(Format.AVRO, kafka, file);
        out.value = sink.encoder(Format.AVRO, SCHEMA).encode(out.record);

        sink.send(out, run);
        kafka.answer(0, new IllegalStateException("refused"));
        file.answer(0, null);

        assertEquals(List.of("failed 7: sink.kafka: IllegalStateException: refused"), heard);
        assertEquals(1, sink.legs().get(0).counters().counters().errors());
        assertEquals(
                "IllegalStateException: refused",
                sink.legs().get(0).counters().counters().lastError());
        assertEquals(1, sink.legs().get(1).counters().counters().acked());
    }

    @Test
    void aSinkThatThrowsFailsItsShareAndTheOthersStillGetTheRecord() {
        HeldSink kafka = new HeldSink(true, null);
        kafka.refuse = true;
        HeldSink pulsar = new HeldSink(true, null);
        FanOutSink sink = fanOut(Format.JSON, kafka, pulsar);
        out.value = sink.encoder(Format.JSON, SCHEMA).encode(out.record);

        sink.send(out, run);
        assertEquals(1, pulsar.values.size());
        pulsar.answer(0, null);

        assertEquals(List.of("failed 7: sink.kafka: IllegalStateException: buffer full"), heard);
        assertEquals(1, sink.legs().get(0).counters().counters().sent());
        assertEquals(1, sink.legs().get(0).counters().counters().errors());
    }

    @Test
    void aSinkOfOtherBytesGetsItsOwnEncodingAndTheShardsValueIsKept() {
        HeldSink kafka = new HeldSink(true, null);
        HeldSink lines = new HeldSink(false, Format.JSON);
        FanOutSink sink = fanOut(Format.AVRO, kafka, lines);
        byte[] avro = sink.encoder(Format.AVRO, SCHEMA).encode(out.record);
        out.value = avro;

        sink.send(out, run);

        assertSame(avro, kafka.values.get(0));
        assertArrayEquals(Encoders.create(Format.JSON, SCHEMA).encode(out.record), lines.values.get(0));
        assertSame(avro, out.value, "the shard's value is back, for an injected copy sent from it");
    }

    @Test
    void writtenIsTheSlowestSinksWhenOneWritesBeforeItAcks() {
        HeldSink kafka = new HeldSink(true, null);
        HeldSink parquet = new HeldSink(false, null);
        FanOutSink sink = fanOut(Format.AVRO, kafka, parquet);
        out.value = sink.encoder(Format.AVRO, SCHEMA).encode(out.record);
        assertEquals(
                OptionalLong.empty(),
                fanOut(Format.AVRO, new HeldSink(true, null), new HeldSink(true, null))
                        .written());

        parquet.written = 0L;
        sink.send(out, run);
        sink.send(out, run);
        kafka.answer(0, null);
        kafka.answer(1, null);
        assertEquals(OptionalLong.of(0), sink.written(), "kafka has 2, the Parquet file none yet");
        parquet.written = 2L;
        assertEquals(OptionalLong.of(2), sink.written());
        assertTrue(heard.isEmpty(), "not acked until the file is: " + heard);
        assertNull(sink.legs().get(1).counters().publishLatency());
    }

    private FanOutSink fanOut(Format format, HeldSink first, HeldSink second) {
        return new FanOutSink(
                List.of(
                        new SinkLeg(first.plain ? "kafka" : "file", first),
                        new SinkLeg(second.plain ? "pulsar" : "file", second)),
                format,
                SCHEMA,
                now::get);
    }

    /** A sink that keeps what it is sent and answers when the test says. */
    static final class HeldSink implements RecordSink {
        final boolean plain;
        final Format ownFormat;
        final List<byte[]> values = new ArrayList<>();
        final List<SendListener> listeners = new ArrayList<>();
        final List<Long> sequences = new ArrayList<>();
        final List<Long> intended = new ArrayList<>();
        boolean refuse;
        Long written;

        /** @param ownFormat the encoding of a sink that does not send plain values; null for none (a Parquet file) */
        HeldSink(boolean plain, Format ownFormat) {
            this.plain = plain;
            this.ownFormat = ownFormat;
        }

        @Override
        public RecordEncoder encoder(Format format, Schema schema) {
            return plain
                    ? Encoders.create(format, schema)
                    : ownFormat == null ? Encoders.NONE : Encoders.create(ownFormat, schema);
        }

        @Override
        public boolean sendsPlainValues(Format format) {
            return plain;
        }

        @Override
        public void send(OutgoingRecord record, SendListener listener) {
            if (refuse) {
                throw new IllegalStateException("buffer full");
            }
            values.add(record.value);
            listeners.add(listener);
            sequences.add(record.sequence);
            intended.add(record.intendedNanos);
        }

        void answer(int index, Exception error) {
            if (error == null) {
                listeners.get(index).acked(intended.get(index), sequences.get(index));
            } else {
                listeners.get(index).failed(intended.get(index), sequences.get(index), error);
            }
        }

        @Override
        public OptionalLong written() {
            return written == null ? OptionalLong.empty() : OptionalLong.of(written);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
