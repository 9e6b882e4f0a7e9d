package io.loadfleet.worker.engine;

import io.loadfleet.worker.report.ReportSettings;
import java.util.List;

/**
 * Everything the HTML report shows, embedded in it as JSON.
 *
 * @param startedAt when the run began (ISO-8601, UTC)
 * @param summary   the run's totals and shards, as {@code --summary} writes them
 * @param settings  how the run was configured
 * @param timeline  the run second by second
 * @param endToEnd  with {@code --verify}, the end-to-end latency of each second records were consumed in;
 *                  empty without
 */
public record RunReport(
        String startedAt,
        RunSummary summary,
        ReportSettings settings,
        List<RunTimeline.Second> timeline,
        List<EndToEndSecond> endToEnd) {}
