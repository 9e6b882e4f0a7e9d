package io.loadfleet.operator;

import io.loadfleet.worker.testing.LogProbe;
import org.junit.jupiter.api.Test;

/** The operator's logs (its own log4j2.xml comes first on this classpath): text, or JSON with LOG_FORMAT=json. */
class StructuredLogsTest {

    @Test
    void logFormatJsonGivesOneJsonObjectALine() throws Exception {
        LogProbe.assertJsonOnRequest();
    }
}
