package io.loadfleet.api.control;

/**
 * Cumulative record counts of a shard, a pod or a whole fleet. The one place counters are added
 * up: a fleet's are the sum of its pods', a run's the sum of its shards'.
 *
 * @param written   records the sink has written: for a broker the acked ones, for a file sink also
 *                  those it acks at its next flush (see {@link WorkerStatus#written()})
 * @param lastError the most recent error any of the summed parts saw; null when none did
 */
public record Counters(long sent, long acked, long written, long errors, String lastError) {

    public static final Counters ZERO = new Counters(0, 0, 0, 0, null);

    /** Both together; the other's error wins when it has one, as the later part of a sum. */
    public Counters plus(Counters other) {
        return new Counters(
                sent + other.sent,
                acked + other.acked,
                written + other.written,
                errors + other.errors,
                other.lastError != null ? other.lastError : lastError);
    }
}
