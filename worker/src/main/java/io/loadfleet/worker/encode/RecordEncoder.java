package io.loadfleet.worker.encode;

import org.apache.avro.generic.GenericRecord;

/** Turns a generated record into message bytes. One instance per shard thread: not thread-safe. */
public interface RecordEncoder {

    byte[] encode(GenericRecord record);
}
