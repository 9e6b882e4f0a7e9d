package io.loadfleet.worker.generate;

/**
 * Which device of a shard's range sends a record, other than the default round robin (made by
 * {@link DevicePickers#of}).
 *
 * <p>The choice is a pure function of (seed, shard, sequence), so a replay and a replacement pod
 * pick the same device for the same record. It draws from its own stream, salted apart from the
 * record's content, so choosing devices at random does not change what any record holds.
 */
public interface DevicePicker {

    /** The device of record {@code sequence}, as an offset in [0, deviceCount) of the shard's range. */
    long offset(long sequence);
}
