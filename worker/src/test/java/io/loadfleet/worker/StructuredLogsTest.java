package io.loadfleet.worker;

import io.loadfleet.worker.testing.LogProbe;
import org.junit.jupiter.api.Test;

/** The worker's logs: plain text, or JSON lines with LOG_FORMAT=json. */
class StructuredLogsTest {

    @Test
    void logFormatJsonGivesOneJsonObjectALine() throws Exception {
        LogProbe.assertJsonOnRequest();
    }
}
