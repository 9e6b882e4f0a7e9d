package io.loadfleet.worker.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The run second by second, as the progress reporter saw it: one small record per 1-s tick
 * (about 200 bytes, so a day-long run keeps some 17 MB). Written by the reporter thread only and
 * read after the run has ended.
 */
public final class RunTimeline {
    private final List<Second> seconds = new ArrayList<>();

    /**
     * One reporting interval. Counts are cumulative since the start; rates and percentiles cover
     * the interval alone. Percentiles are null when the interval recorded none (no acks, nothing sent).
     *
     * @param elapsedSeconds end of the interval, seconds since the first record was due
     * @param targetRate     the scheduled fleet rate at that moment, msg/s; null for --max-rate
     * @param achievedRate   records acknowledged per second in the interval
     * @param due            records the schedules had due by the end of the interval; null for --max-rate
     */
    public record Second(double elapsedSeconds, Double targetRate, double achievedRate, Long due, long sent, long acked,
            long errors, Double publishLatencyP50Ms, Double publishLatencyP99Ms, Double publishLatencyP999Ms,
            Double scheduleDelayP50Ms, Double scheduleDelayP99Ms) {
    }

    void add(Second second) {
        seconds.add(second);
    }

    /** Takes back the latest interval so that a short final one can be merged into it. */
    void removeLast() {
        seconds.remove(seconds.size() - 1);
    }

    public List<Second> seconds() {
        return Collections.unmodifiableList(seconds);
    }
}
