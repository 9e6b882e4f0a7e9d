package io.loadfleet.worker.testing;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything this JVM logs through Log4j while it is open, with stack traces, as text: for tests
 * that look for what must never be logged. {@code levels} open loggers up beyond the shipped
 * log4j2.xml (e.g. kafka-clients' config dumps at INFO) for the capture's duration.
 */
public final class LogCapture implements AutoCloseable {
    private static final String NAME = "test-log-capture";
    private final StringWriter text = new StringWriter();
    private final LoggerContext context;
    private final WriterAppender appender;
    private final Map<String, Level> restore = new LinkedHashMap<>();

    public LogCapture(Map<String, Level> levels) {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        PatternLayout layout = PatternLayout.newBuilder()
                .withConfiguration(config)
                .withPattern("%p %c [%t] - %m%n%ex")
                .build();
        appender = WriterAppender.createAppender(layout, null, text, NAME, false, true);
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        levels.forEach((logger, level) -> {
            LoggerConfig existing = config.getLoggers().get(logger);
            restore.put(logger, existing == null ? null : existing.getLevel());
            if (existing == null) {
                config.addLogger(logger, new LoggerConfig(logger, level, true));
            } else {
                existing.setLevel(level);
            }
        });
        context.updateLoggers();
    }

    /** What was logged so far. */
    public String text() {
        return text.toString(); // a StringWriter's buffer is synchronized: safe while loggers write
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        restore.forEach((logger, level) -> {
            if (level == null) {
                config.removeLogger(logger);
            } else {
                config.getLoggers().get(logger).setLevel(level);
            }
        });
        config.getRootLogger().removeAppender(NAME);
        appender.stop();
        context.updateLoggers();
    }
}
