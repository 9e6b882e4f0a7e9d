package io.loadfleet.worker.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.loadfleet.api.control.Counters;
import io.loadfleet.api.status.InjectedFaults;
import io.loadfleet.api.status.LatencyPercentiles;
import io.loadfleet.api.status.VerifyStatus;
import java.util.List;

/**
 * What a run did, as written by {@code run --summary FILE.json}: one flat JSON object, its parts
 * unwrapped into it.
 *
 * @param lastError the latest error any shard saw; null when none did
 * @param sinks     each sink's counts and latency, in spec.sink's order; with one sink, the run's own
 * @param injected  the records spec.faults injected, as the shards handed them to the sink (an injected copy is not
 *                  in sent or acked; an out-of-order or late record is, as the record it is); null without faults
 * @param verify    what {@code --verify}'s live verifier found; null without it
 */
public record RunSummary(
        @JsonUnwrapped Setup setup,
        @JsonUnwrapped Totals totals,
        LatencyPercentiles publishLatencyMs,
        LatencyPercentiles scheduleDelayMs,
        String lastError,
        RatePrecision ratePrecision,
        List<Shard> shards,
        List<SinkTotals> sinks,
        @JsonInclude(JsonInclude.Include.NON_NULL) InjectedFaults injected,
        @JsonInclude(JsonInclude.Include.NON_NULL) VerifyStatus verify) {

    /**
     * What ran.
     *
     * @param generator  the generator's id, e.g. {@code smart-meter}
     * @param format     the records' encoding, lower case
     * @param sink       how the run names its sink, e.g. {@code kafka://host:9092/topic}
     * @param maxRate    sent as fast as possible, ignoring rates and stages
     * @param targetRate the plan's fleet rate, msg/s
     */
    public record Setup(
            String profile, String generator, String format, String sink, boolean maxRate, long targetRate) {}

    /**
     * The run's totals; the summary shows no written count or error there (the last error has its own field).
     *
     * @param startTime      when the schedule began (record 0 of every shard was due), ISO-8601 UTC: the
     *                       origin of the windows in which each arrival process is exact
     * @param achievedRate   records acknowledged per second of the run
     * @param meanValueBytes mean size of an encoded record
     */
    public record Totals(
            String startTime,
            double durationSeconds,

            @JsonUnwrapped @JsonIgnoreProperties({"written", "lastError"})
            Counters counters,

            double achievedRate,
            double meanValueBytes) {}

    /** One shard's plan and counts; the device range is half-open: [deviceStart, deviceEnd). */
    public record Shard(
            int index,
            long rate,
            long deviceStart,
            long deviceEnd,

            @JsonUnwrapped @JsonIgnoreProperties({"written", "lastError"})
            Counters counters) {}

    /**
     * One sink's records and publish latency. With several sinks each counts on its own, and the run counts a
     * record acked once every sink has it.
     *
     * @param type the sink's member of spec.sink ({@code kafka}, {@code pulsar}, {@code file}), or {@code null}
     *             for {@code --sink-null}
     */
    public record SinkTotals(
            String type,

            @JsonUnwrapped @JsonIgnoreProperties({"written"})
            Counters counters,

            LatencyPercentiles publishLatencyMs) {}

    /** The run's sent, acked and errors. */
    public Counters counters() {
        return totals.counters();
    }

    /** This summary with what the live verifier found. */
    public RunSummary withVerify(VerifyStatus found) {
        return new RunSummary(
                setup,
                totals,
                publishLatencyMs,
                scheduleDelayMs,
                lastError,
                ratePrecision,
                shards,
                sinks,
                injected,
                found);
    }

    /** True when every record sent was acknowledged (and, verified, none was lost or duplicated). */
    public boolean clean() {
        return counters().errors() == 0
                && counters().acked() == counters().sent()
                && (verify == null || verify.clean());
    }
}
