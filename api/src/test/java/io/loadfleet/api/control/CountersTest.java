package io.loadfleet.api.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CountersTest {

    @Test
    void addsEveryCountAndKeepsTheLatestError() {
        Counters a = new Counters(10, 8, 7, 1, "timeout");
        Counters b = new Counters(5, 5, 4, 0, null);
        Counters c = new Counters(1, 0, 0, 2, "refused");

        assertEquals(new Counters(16, 13, 11, 3, "refused"), Stream.of(a, b, c).reduce(Counters.ZERO, Counters::plus));
        assertEquals(new Counters(15, 13, 11, 1, "timeout"), a.plus(b));
    }

    @Test
    void zeroChangesNothing() {
        Counters a = new Counters(3, 2, 1, 0, null);
        assertEquals(a, Counters.ZERO.plus(a));
        assertEquals(a, a.plus(Counters.ZERO));
    }
}
