package io.loadfleet.worker.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loadfleet.worker.cli.Loadfleet;
import io.loadfleet.worker.engine.RunReport;
import io.loadfleet.worker.testing.KafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --report}: a real 3-second, 2-shard run into a real Kafka broker, its report rendered
 * by headless Chromium, and every chart checked against the run's seconds and shards.
 */
@Timeout(180)
class HtmlReportTest {
    private static final int SECONDS = 3;
    private static final int SHARDS = 2;
    private static final String PROFILE = """
            apiVersion: loadfleet.io/v1alpha1
            kind: LoadProfile
            metadata: {name: report-test}
            spec:
              targetRate: 2000
              replicas: 2
              devices: {count: 10}
              generator: {type: temperature}
              sink: {kafka: {topic: report-test, partitions: 2, properties: {client.id: report-test-client}}}
            """;
    private static final Pattern DATA =
            Pattern.compile("(<script type=\"application/json\" id=\"run-data\">)(.*?)(</script>)", Pattern.DOTALL);

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    static Path dir;

    static Path report;
    static String dom;

    @BeforeAll
    static void runAndRender() throws Exception {
        Path profile = Files.writeString(dir.resolve("p.yaml"), PROFILE);
        report = dir.resolve("run.html");
        assertEquals(
                0,
                Loadfleet.execute(
                        "run",
                        profile.toString(),
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--duration",
                        SECONDS + "s",
                        "--report",
                        report.toString(),
                        "--verify"));
        dom = HeadlessChromium.dumpDom(report);
    }

    @Test
    void everyChartDrawsOnePointPerSecondAndSeriesAndOneBarPerShardAndCount() {
        assertEquals(List.of(), chartProblems(dom), dom);
        assertEquals(
                SHARDS + 1,
                count(section(dom, "id=\"shard-table\"", "</table>"), "<tr>"),
                "a header and a row per shard");
    }

    @Test
    void theEmbeddedTimelineHasASecondPerSecondAndEndsAtTheSummarysCounts() throws Exception {
        JsonNode run = new ObjectMapper().readTree(dataOf(Files.readString(report)));
        JsonNode timeline = run.get("timeline");
        assertEquals(SECONDS, timeline.size(), timeline.toString());
        assertEquals(
                SECONDS, run.get("summary").get("durationSeconds").asDouble(), "the run lasted its duration exactly");
        // Each interval ends at its tick or later (a busy machine reports late, never early), and the
        // last one, taken after the sink's flush, once the run has lasted its duration.
        for (int i = 0; i < SECONDS; i++) {
            double elapsed = timeline.get(i).get("elapsedSeconds").asDouble();
            assertTrue(elapsed >= i + 1, "interval " + i + " ends at " + elapsed + " s: " + timeline);
            assertTrue(
                    i == 0
                            || elapsed
                                    > timeline.get(i - 1).get("elapsedSeconds").asDouble(),
                    timeline.toString());
        }
        JsonNode last = timeline.get(SECONDS - 1);
        assertEquals(run.get("summary").get("acked").asLong(), last.get("acked").asLong());
        assertEquals(2000 * SECONDS, last.get("sent").asLong());
        assertEquals(2000, last.get("targetRate").asDouble());
        assertTrue(run.get("settings").get("spec").asText().contains("topic: report-test"), run.toString());
    }

    @Test
    void theVerifySectionShowsWhatTheLiveVerifierCounted() throws Exception {
        JsonNode verify = new ObjectMapper()
                .readTree(dataOf(Files.readString(report)))
                .get("summary")
                .get("verify");
        assertEquals(2000 * SECONDS, verify.get("records").asLong(), verify.toString());
        String table = section(dom, "id=\"verify-table\"", "</table>");
        assertTrue(table.contains("<td>lost</td><td class=\"n\">0</td>"), table);
        assertTrue(table.contains("<td>duplicates</td><td class=\"n\">0</td>"), table);
        assertTrue(dom.contains("every record acked and verified"), "the title says so");
        JsonNode endToEnd =
                new ObjectMapper().readTree(dataOf(Files.readString(report))).get("endToEnd");
        assertTrue(endToEnd.size() >= SECONDS, "a second or more of consuming per second of sending: " + endToEnd);
        long consumed = 0;
        for (JsonNode second : endToEnd) {
            consumed += second.get("records").asLong();
        }
        assertEquals(verify.get("records").asLong(), consumed, "each record in one second: " + endToEnd);
        List<String> problems = new ArrayList<>();
        expectPoints(dom, "e2e-chart", 3 * endToEnd.size(), problems); // p50, p99, max
        assertEquals(List.of(), problems, dom);
    }

    @Test
    void producerPropertyValuesAreHiddenTheirNamesShown() throws Exception {
        assertTrue(dom.contains("client.id: (hidden)"), dom);
        assertFalse(Files.readString(report).contains("report-test-client"));
    }

    @Test
    void markupInTheDataStaysText() throws Exception {
        String error = "</script><b id=\"injected\">not markup</b>";
        ObjectMapper json = new ObjectMapper();
        JsonNode run = json.readTree(dataOf(Files.readString(report)));
        ((ObjectNode) run.get("summary")).put("lastError", error);
        Path withError = dir.resolve("error.html");
        HtmlReport.write(withError, json.treeToValue(run, RunReport.class));
        String errorDom = HeadlessChromium.dumpDom(withError);
        assertEquals(List.of(), chartProblems(errorDom), errorDom);
        assertTrue(
                errorDom.contains("Last error: &lt;/script&gt;&lt;b id=\"injected\"&gt;not markup&lt;/b&gt;"),
                errorDom);
        assertFalse(errorDom.contains("<b id=\"injected\">"), errorDom);
    }

    @Test
    void theReportIsSelfContained() {
        assertFalse(dom.contains("http://") || dom.contains("https://"), "nothing to fetch: " + dom);
        assertFalse(dom.contains(" src=") || dom.contains("<link") || dom.contains("url("), dom);
    }

    /** The check above can fail: a report whose data is gone, cut short or empty draws nothing that passes it. */
    @Test
    void aReportWithMissingOrDamagedDataFailsTheDrawnCheck() throws Exception {
        String html = Files.readString(report);
        String json = dataOf(html);
        for (String damaged : List.of(
                "",
                json.substring(0, json.length() / 2),
                json.replaceFirst("\"timeline\":\\[.*]", "\"timeline\":[]"))) {
            Path broken = Files.writeString(
                    dir.resolve("broken.html"),
                    DATA.matcher(html).replaceFirst("$1" + Matcher.quoteReplacement(damaged) + "$3"));
            String brokenDom = HeadlessChromium.dumpDom(broken);
            assertFalse(chartProblems(brokenDom).isEmpty(), "passed with data " + damaged);
        }
    }

    @Test
    void anUnwritableReportPathIsBadInputBeforeTheRunStarts() throws Exception {
        Path profile = Files.writeString(dir.resolve("bad.yaml"), PROFILE);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream savedErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Path missingDir = dir.resolve("no-such-dir/run.html");
            assertEquals(
                    2,
                    Loadfleet.execute(
                            "run",
                            profile.toString(),
                            "--bootstrap-servers",
                            kafka.bootstrapServers(),
                            "--report",
                            missingDir.toString()));
            assertTrue(
                    err.toString(StandardCharsets.UTF_8)
                            .contains("--report: directory " + missingDir.getParent()
                                    + " does not exist: create it or choose another path"),
                    err.toString());
            assertEquals(
                    2,
                    Loadfleet.execute(
                            "run",
                            profile.toString(),
                            "--bootstrap-servers",
                            kafka.bootstrapServers(),
                            "--report",
                            dir.toString()));
            assertTrue(
                    err.toString(StandardCharsets.UTF_8)
                            .contains("--report: " + dir + " is a directory: give a file name"),
                    err.toString());
        } finally {
            System.setErr(savedErr);
        }
        assertFalse(Files.exists(dir.resolve("no-such-dir")));
    }

    /** Each chart's reported count of drawn points or bars against the run, and against what its SVG really holds. */
    private static List<String> chartProblems(String dom) {
        List<String> problems = new ArrayList<>();
        if (!dom.contains("<body data-report=\"drawn\">")) {
            problems.add("the page did not mark itself drawn");
        }
        expectPoints(dom, "rate-chart", 3 * SECONDS, problems); // target, achieved, failed/s
        expectPoints(dom, "latency-chart", 3 * SECONDS, problems); // p50, p99, p99.9
        expectPoints(dom, "delay-chart", 2 * SECONDS, problems); // p50, p99
        String shards = section(dom, "id=\"shard-chart\"", "</section>");
        check(
                "shard-chart",
                3 * SHARDS,
                drawn(shards),
                count(shards, "<rect class=\"bar\""),
                problems); // sent, acked, errors
        return problems;
    }

    private static void expectPoints(String dom, String chart, int expected, List<String> problems) {
        String svg = section(dom, "id=\"" + chart + "\"", "</section>");
        int points = 0;
        Matcher path =
                Pattern.compile("<path class=\"series\"[^>]* d=\"([^\"]*)\"").matcher(svg);
        while (path.find()) {
            points += count(path.group(1), "M") + count(path.group(1), "L");
        }
        check(chart, expected, drawn(svg), points, problems);
    }

    private static void check(String chart, int expected, int drawn, int inSvg, List<String> problems) {
        if (drawn != expected || inSvg != expected) {
            problems.add(chart + ": expected " + expected + ", data-drawn says " + drawn + ", the SVG holds " + inSvg);
        }
    }

    private static int drawn(String chart) {
        Matcher m = Pattern.compile("^[^>]*data-drawn=\"(\\d+)\"").matcher(chart);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** From the element with {@code start} to the next {@code end}; empty when the element is not there. */
    private static String section(String dom, String start, String end) {
        int from = dom.indexOf(start);
        int to = from < 0 ? -1 : dom.indexOf(end, from);
        return to < 0 ? "" : dom.substring(from, to);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    private static String dataOf(String html) {
        Matcher m = DATA.matcher(html);
        assertTrue(m.find(), "no embedded run data");
        return m.group(2);
    }
}
