package io.loadfleet.operator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.spec.LoadProfileSpec;
import io.loadfleet.operator.coordinate.AppliedEpoch;
import io.loadfleet.operator.status.HeldBackChange;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CountHoldTest {
    private static final AppliedEpoch THREE_PODS = new AppliedEpoch(2, "abc", 3, 1_000, 2_000L);

    @Test
    void aCountingFleetKeepsItsPodsAndSaysWhy() {
        Optional<HeldBackChange> held = CountHold.of(spec(90_000L), THREE_PODS, 5);
        assertTrue(held.isPresent());
        assertEquals(CountHold.REASON, held.get().reason());
        assertEquals(
                "spec.count: its 90000 records are split over 3 pod(s) until they are sent, so the change to 5 pod(s) "
                        + "is not applied; the rate changes on the 3 pod(s)",
                held.get().message());
    }

    @Test
    void nothingIsHeldWithoutACountBeforeTheFirstEpochOrWithoutAChange() {
        assertEquals(Optional.empty(), CountHold.of(spec(null), THREE_PODS, 5));
        assertEquals(Optional.empty(), CountHold.of(spec(90_000L), AppliedEpoch.none(1_000), 5));
        assertEquals(Optional.empty(), CountHold.of(spec(90_000L), THREE_PODS, 3));
    }

    private static LoadProfileSpec spec(Long count) {
        LoadProfileSpec spec = new LoadProfileSpec();
        spec.setCount(count);
        return spec;
    }
}
