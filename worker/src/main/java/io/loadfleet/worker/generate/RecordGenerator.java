package io.loadfleet.worker.generate;

import io.loadfleet.worker.records.GeneratedRecord;
import org.apache.avro.Schema;
import org.apache.avro.util.Utf8;

/**
 * Produces the realistic readings of one shard's devices.
 *
 * <p>A generator is owned by one shard thread, so it may keep per-device state (cumulative
 * counters) without locks. Output is deterministic for (seed, shard, sequence): the same
 * profile replays the same records.
 */
public interface RecordGenerator {

    /** The Avro schema of the records this generator fills (shipped as a {@code .avsc} resource). */
    Schema schema();

    /**
     * The device's id as it appears in the record and as the message key, for example
     * {@code dev-0012345}, in UTF-8 of exactly its length; shared, never to be modified.
     */
    Utf8 deviceId(long device);

    /** {@link #deviceId} as text. */
    default String deviceLabel(long device) {
        return deviceId(device).toString();
    }

    /**
     * The message key of the record just filled for {@code device}: its device id, unless the shape
     * keys by a field of its own (a dataset's key column); null for no key.
     */
    default Utf8 key(long device) {
        return deviceId(device);
    }

    /**
     * Fills {@code record} (of {@link #schema()}) with reading number {@code sequence} of this
     * shard, taken from {@code device} at {@code eventTimeMillis} (the scheduled send time).
     */
    void fill(long device, long sequence, long eventTimeMillis, GeneratedRecord record);
}
