package io.loadfleet.worker.engine;

import io.loadfleet.worker.pace.RateSchedule;

/**
 * When one shard sends and where its numbering starts.
 *
 * @param schedule        when its records are due; null sends as fast as possible (unpaced)
 * @param startNanos      the monotonic clock's time at which record 0 of the schedule is due
 * @param runNanos        how long the shard sends; {@link Long#MAX_VALUE} for ever
 * @param startWallMillis the wall-clock time of {@code startNanos}: records' event times count from it
 * @param firstSequence   the sequence number of the schedule's record 0: 0 for a shard that starts with its
 *                        epoch, or the records the epoch had due before a replacement pod joined it, so each
 *                        (epoch, shard) numbers a record once and the device rotation goes on where it was
 * @param fleetStartWallMillis when the fleet's first epoch started: what a dataset's shifted timestamps count
 *                        from, the same for every pod and epoch
 */
public record ShardTiming(
        RateSchedule schedule,
        long startNanos,
        long runNanos,
        long startWallMillis,
        long firstSequence,
        long fleetStartWallMillis) {}
