package io.loadfleet.worker.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.loadfleet.api.control.Counters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The run second by second, as the progress reporter saw it: one small record per 1-s tick
 * (about 200 bytes, so a day-long run keeps some 17 MB). Written by the reporter thread only and
 * read after the run has ended.
 */
public final class RunTimeline {
    private final List<Second> seconds = new ArrayList<>();

    /**
     * One reporting interval, one flat JSON object in the HTML report. Counts are cumulative since the
     * start; rates and percentiles cover the interval alone.
     *
     * @param elapsedSeconds end of the interval, seconds since the first record was due
     * @param counters       sent, acked and errors since the start (the report shows no written count or error)
     */
    public record Second(
            double elapsedSeconds,
            @JsonUnwrapped Rates rates,

            @JsonUnwrapped @JsonIgnoreProperties({"written", "lastError"})
            Counters counters,

            @JsonUnwrapped Percentiles percentiles) {}

    /**
     * @param targetRate   the scheduled fleet rate at the interval's end, msg/s; null for --max-rate
     * @param achievedRate records written per second in the interval
     * @param due          records the schedules had due by the end of the interval; null for --max-rate
     */
    public record Rates(Double targetRate, double achievedRate, Long due) {}

    /** The interval's latency percentiles in milliseconds; null when it recorded none (no acks, nothing sent). */
    public record Percentiles(
            Double publishLatencyP50Ms,
            Double publishLatencyP99Ms,
            Double publishLatencyP999Ms,
            Double scheduleDelayP50Ms,
            Double scheduleDelayP99Ms) {

        /** From the interval's histograms of microseconds. */
        static Percentiles of(Histogram publishLatency, Histogram scheduleDelay) {
            return new Percentiles(
                    ms(publishLatency, 50),
                    ms(publishLatency, 99),
                    ms(publishLatency, 99.9),
                    ms(scheduleDelay, 50),
                    ms(scheduleDelay, 99));
        }

        private static Double ms(Histogram micros, double percentile) {
            return micros.getTotalCount() == 0 ? null : micros.getValueAtPercentile(percentile) / 1000.0;
        }
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
