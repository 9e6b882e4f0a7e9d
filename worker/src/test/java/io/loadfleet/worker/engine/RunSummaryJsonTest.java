package io.loadfleet.worker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.loadfleet.api.control.Counters;
import io.loadfleet.api.read.ProfileLoader;
import io.loadfleet.api.status.InjectedFaults;
import io.loadfleet.api.status.LatencyPercentiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The summary JSON ({@code run --summary}) and the timeline the HTML report embeds are user-facing:
 * their nested parts unwrap into the same flat objects, field for field and in the same order.
 */
class RunSummaryJsonTest {
    private static final ObjectMapper JSON = ProfileLoader.json().enable(SerializationFeature.INDENT_OUTPUT);

    /** The written count and an error inside counters are not part of either format. */
    private static final RunSummary SUMMARY = new RunSummary(
            new RunSummary.Setup("meters", "smart-meter", "avro", "kafka://localhost:9092/readings", false, 1000),
            new RunSummary.Totals(
                    "2026-12-06T02:30:00.250Z",
                    30.001,
                    new Counters(30000, 29990, 29990, 10, "not shown"),
                    999.6,
                    87.5),
            new LatencyPercentiles(29990, 1.5, 9.25, 12.5, 20.0),
            new LatencyPercentiles(30000, 0.01, 0.2, 0.5, 1.25),
            "TimeoutException: Expiring 10 record(s)",
            new RatePrecision(30, 29, -1.5),
            List.of(
                    new RunSummary.Shard(0, 600, 0, 60, new Counters(18000, 17995, 17995, 5, "not shown")),
                    new RunSummary.Shard(1, 400, 60, 100, new Counters(12000, 11995, 11995, 5, null))),
            List.of(
                    new RunSummary.SinkTotals(
                            "kafka",
                            new Counters(30000, 29990, 29990, 10, "TimeoutException: Expiring 10 record(s)"),
                            new LatencyPercentiles(29990, 1.5, 9.25, 12.5, 20.0)),
                    new RunSummary.SinkTotals(
                            "file",
                            new Counters(30000, 30000, 30000, 0, null),
                            new LatencyPercentiles(30000, 500.5, 990.0, 999.0, 1001.0))),
            new InjectedFaults(30, 300, 3),
            null);

    private static final List<RunTimeline.Second> SECONDS = List.of(
            new RunTimeline.Second(
                    1.002,
                    new RunTimeline.Rates(1000.0, 998.5, 1002L),
                    new Counters(1001, 999, 999, 1, "not shown"),
                    new RunTimeline.Percentiles(1.25, 8.5, 12.0, 0.012, 0.25)),
            new RunTimeline.Second(
                    2.0,
                    new RunTimeline.Rates(null, 0, null),
                    Counters.ZERO,
                    new RunTimeline.Percentiles(null, null, null, null, null)));

    @Test
    void theSummaryIsOneFlatObject() throws Exception {
        assertEquals(SUMMARY_JSON, JSON.writeValueAsString(SUMMARY));
    }

    @Test
    void theTimelineIsFlatObjects() throws Exception {
        assertEquals(TIMELINE_JSON, JSON.writeValueAsString(SECONDS));
    }

    @Test
    void aWrittenSummaryReadsBack() throws Exception {
        RunSummary back = JSON.readValue(SUMMARY_JSON, RunSummary.class);
        assertEquals(SUMMARY_JSON, JSON.writeValueAsString(back));
        assertEquals(29990, back.counters().acked());
    }

    private static final String SUMMARY_JSON = """
                {
                  "profile" : "meters",
                  "generator" : "smart-meter",
                  "format" : "avro",
                  "sink" : "kafka://localhost:9092/readings",
                  "maxRate" : false,
                  "targetRate" : 1000,
                  "startTime" : "2026-12-06T02:30:00.250Z",
                  "durationSeconds" : 30.001,
                  "sent" : 30000,
                  "acked" : 29990,
                  "errors" : 10,
                  "achievedRate" : 999.6,
                  "meanValueBytes" : 87.5,
                  "publishLatencyMs" : {
                    "count" : 29990,
                    "p50" : 1.5,
                    "p99" : 9.25,
                    "p999" : 12.5,
                    "max" : 20.0
                  },
                  "scheduleDelayMs" : {
                    "count" : 30000,
                    "p50" : 0.01,
                    "p99" : 0.2,
                    "p999" : 0.5,
                    "max" : 1.25
                  },
                  "lastError" : "TimeoutException: Expiring 10 record(s)",
                  "ratePrecision" : {
                    "intervals" : 30,
                    "withinOnePercent" : 29,
                    "worstPercent" : -1.5
                  },
                  "shards" : [ {
                    "index" : 0,
                    "rate" : 600,
                    "deviceStart" : 0,
                    "deviceEnd" : 60,
                    "sent" : 18000,
                    "acked" : 17995,
                    "errors" : 5
                  }, {
                    "index" : 1,
                    "rate" : 400,
                    "deviceStart" : 60,
                    "deviceEnd" : 100,
                    "sent" : 12000,
                    "acked" : 11995,
                    "errors" : 5
                  } ],
                  "sinks" : [ {
                    "type" : "kafka",
                    "sent" : 30000,
                    "acked" : 29990,
                    "errors" : 10,
                    "lastError" : "TimeoutException: Expiring 10 record(s)",
                    "publishLatencyMs" : {
                      "count" : 29990,
                      "p50" : 1.5,
                      "p99" : 9.25,
                      "p999" : 12.5,
                      "max" : 20.0
                    }
                  }, {
                    "type" : "file",
                    "sent" : 30000,
                    "acked" : 30000,
                    "errors" : 0,
                    "lastError" : null,
                    "publishLatencyMs" : {
                      "count" : 30000,
                      "p50" : 500.5,
                      "p99" : 990.0,
                      "p999" : 999.0,
                      "max" : 1001.0
                    }
                  } ],
                  "injected" : {
                    "duplicates" : 30,
                    "outOfOrder" : 300,
                    "late" : 3
                  }
                }""";

    private static final String TIMELINE_JSON = """
                [ {
                  "elapsedSeconds" : 1.002,
                  "targetRate" : 1000.0,
                  "achievedRate" : 998.5,
                  "due" : 1002,
                  "sent" : 1001,
                  "acked" : 999,
                  "errors" : 1,
                  "publishLatencyP50Ms" : 1.25,
                  "publishLatencyP99Ms" : 8.5,
                  "publishLatencyP999Ms" : 12.0,
                  "scheduleDelayP50Ms" : 0.012,
                  "scheduleDelayP99Ms" : 0.25
                }, {
                  "elapsedSeconds" : 2.0,
                  "targetRate" : null,
                  "achievedRate" : 0.0,
                  "due" : null,
                  "sent" : 0,
                  "acked" : 0,
                  "errors" : 0,
                  "publishLatencyP50Ms" : null,
                  "publishLatencyP99Ms" : null,
                  "publishLatencyP999Ms" : null,
                  "scheduleDelayP50Ms" : null,
                  "scheduleDelayP99Ms" : null
                } ]""";
}
