package io.loadfleet.worker.encode;

import io.loadfleet.worker.records.GeneratedRecord;

/** Turns a generated record into message bytes. One instance per shard thread: not thread-safe. */
public interface RecordEncoder {

    byte[] encode(GeneratedRecord record);
}
