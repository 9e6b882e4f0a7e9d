package io.loadfleet.worker.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DeviceLabelsTest {

    @Test
    void padsWithZerosToTheWidth() {
        assertEquals("dev-0012345", DeviceLabels.label("dev-", 12_345, 7));
        assertEquals("dev-0000000", DeviceLabels.label("dev-", 0, 7));
        assertEquals("cust-001234", DeviceLabels.label("cust-", 1_234, 6));
        assertEquals("site-00123", DeviceLabels.label("site-", 123, 5));
    }

    @Test
    void writesLongerNumbersInFull() {
        assertEquals("dev-123456789", DeviceLabels.label("dev-", 123_456_789, 7));
        assertEquals("dev-" + Long.MAX_VALUE, DeviceLabels.label("dev-", Long.MAX_VALUE, 7));
    }

    @Test
    void rejectsNegativeNumbers() {
        assertThrows(IllegalArgumentException.class, () -> DeviceLabels.label("dev-", -1, 7));
    }
}
