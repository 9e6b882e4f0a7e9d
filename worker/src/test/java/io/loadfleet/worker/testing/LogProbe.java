package io.loadfleet.worker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Logs one warning through the process's logging configuration (the first log4j2.xml on the
 * classpath: a module's own), so a test can see what LOG_FORMAT does to it in a fresh JVM.
 */
public final class LogProbe {
    static final String MESSAGE = "log probe: the broker is slow";

    public static void main(String[] args) {
        LoggerFactory.getLogger("io.loadfleet.probe").warn(MESSAGE);
    }

    /** Runs this class in a new JVM on the caller's classpath with LOG_FORMAT set; returns its stderr lines. */
    public static List<String> run(String logFormat) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb =
                new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LogProbe.class.getName());
        pb.environment().put("LOG_FORMAT", logFormat);
        Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return err.lines().filter(l -> l.contains("log probe")).toList();
    }

    /** The probe's line with LOG_FORMAT=json is one JSON object in Elastic Common Schema; plain text otherwise. */
    public static void assertJsonOnRequest() throws Exception {
        List<String> json = run("json");
        if (json.size() != 1) {
            throw new AssertionError("one JSON line expected: " + json);
        }
        JsonNode line = new ObjectMapper().readTree(json.get(0));
        if (!"WARN".equals(line.path("log.level").asText())
                || !MESSAGE.equals(line.path("message").asText())
                || !line.has("@timestamp")
                || !"io.loadfleet.probe".equals(line.path("log.logger").asText())) {
            throw new AssertionError("not an ECS JSON log line: " + json.get(0));
        }
        List<String> text = run("text");
        if (text.size() != 1 || text.get(0).startsWith("{") || !text.get(0).contains("WARN")) {
            throw new AssertionError("plain text expected by default: " + text);
        }
    }
}
