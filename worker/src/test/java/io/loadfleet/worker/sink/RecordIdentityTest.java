package io.loadfleet.worker.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordIdentityTest {

    @Test
    void theHeaderAndThePropertyHoldProfileShardEpochAndSequenceAsText() {
        OutgoingRecord out = new OutgoingRecord("iot-fleet", 3, 2);
        for (long seq : new long[] {0, 9, 10, 18_446, 99_999, 100_000, Long.MAX_VALUE}) {
            out.sequence = seq;
            String expected = "iot-fleet/3/2/" + seq;
            assertEquals(expected, new String(out.identityHeader(), StandardCharsets.UTF_8));
            assertEquals(expected, out.identityText());
            assertEquals(new RecordIdentity("iot-fleet", 3, 2, seq), RecordIdentity.parse(expected));
        }
    }

    @Test
    void aProfileNameWithSlashesReadsBackWhole() {
        RecordIdentity id = new RecordIdentity("team/a/b", 0, 7, 42);
        assertEquals("team/a/b/0/7/42", id.toString());
        assertEquals(id, RecordIdentity.parse(id.toString()));
    }

    @Test
    void valuesNotOfTheFormAreNoIdentity() {
        for (String bad : new String[] {"", "p/1/2", "/1/2/3", "p/1/x/3", "p/1/2/", "p/one/2/3", "p/1/2/3.5"}) {
            assertNull(RecordIdentity.parse(bad), bad);
        }
        assertNull(RecordIdentity.parse(null));
    }

    @Test
    void theFourHeadersOfOlderRecordsReadTheSame() {
        assertEquals(new RecordIdentity("p", 1, 2, 3), RecordIdentity.ofFields("p", "1", "2", "3"));
        assertNull(RecordIdentity.ofFields("p", "1", null, "3"));
        assertNull(RecordIdentity.ofFields("p", "1", "2", "three"));
    }
}
