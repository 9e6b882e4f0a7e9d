package io.loadfleet.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loadfleet.api.status.LoadProfileStatus;
import io.loadfleet.operator.coordinate.AppliedEpoch;
import org.junit.jupiter.api.Test;

class AppliedEpochStatusTest {
    static final long START = 1_800_000_000_000L;

    @Test
    void whatIsWrittenIsReadBackSoARestartedOperatorCarriesOn() {
        AppliedEpoch applied = new AppliedEpoch(7, "0123456789abcdef", 4, START, START + 61_000);
        LoadProfileStatus status = new LoadProfileStatus();

        AppliedEpochStatus.write(applied, 6, status);

        assertEquals(applied, AppliedEpochStatus.read(status, 0));
        assertEquals(4, status.getReplicas(), "the pods the running epoch is split over, until the next one applies");
    }

    @Test
    void aNewFleetShowsTheReplicasItWaitsForAndStartsItsClockWithItsFirstEpoch() {
        LoadProfileStatus status = new LoadProfileStatus();
        AppliedEpochStatus.write(AppliedEpoch.none(START), 6, status);

        assertEquals(6, status.getReplicas());
        assertEquals(null, status.getStartTime());
        assertEquals(new AppliedEpoch(0, null, 6, START + 1, null), AppliedEpochStatus.read(status, START + 1));
    }

    @Test
    void theFleetsStartIsWrittenOnce() {
        LoadProfileStatus status = new LoadProfileStatus();
        AppliedEpochStatus.write(new AppliedEpoch(1, "a", 2, START, START), 2, status);
        AppliedEpochStatus.write(new AppliedEpoch(2, "b", 3, START + 9_999, START + 9_999), 3, status);

        assertEquals(START, AppliedEpochStatus.read(status, 0).startTimeMillis());
        assertEquals(START + 9_999, AppliedEpochStatus.read(status, 0).epochStartMillis());
    }
}
