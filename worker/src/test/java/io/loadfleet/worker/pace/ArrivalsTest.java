package io.loadfleet.worker.pace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.loadfleet.api.plan.StagePlan;
import io.loadfleet.api.spec.ArrivalProcess;
import io.loadfleet.api.spec.ArrivalSpec;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArrivalsTest {
    static final long SECOND = 1_000_000_000L;

    /**
     * 0 → 2000/s over 10 s, down to 0 over 5 s, up to 500/s over 3 s, then a step to 1234/s: windows
     * with many records, with a few, and with none.
     */
    static final RateSchedule RAMP = RateSchedule.of(
            List.of(
                    new StagePlan(Duration.ofSeconds(10), 2000),
                    new StagePlan(Duration.ofSeconds(5), 0),
                    new StagePlan(Duration.ofSeconds(3), 500)),
            1234);

    static Stream<Arguments> shapes() {
        // A replacement pod's schedule: the ramp cut at an instant that is no whole number of windows.
        RateSchedule joined = RAMP.after(3_700_000_123L);
        Function<RateSchedule, Arrivals> poisson = s -> new PoissonArrivals(s, SECOND, 42, 3);
        Function<RateSchedule, Arrivals> poissonTenth = s -> new PoissonArrivals(s, SECOND / 10, 42, 3);
        Function<RateSchedule, Arrivals> bursts = s -> new BurstArrivals(s, SECOND, 20);
        Function<RateSchedule, Arrivals> quarterBursts = s -> new BurstArrivals(s, SECOND / 4, 7);
        return Stream.of(
                Arguments.of("poisson at 50,000/s", poisson, RateSchedule.constant(50_000), SECOND),
                Arguments.of("poisson at 3/s", poisson, RateSchedule.constant(3), SECOND),
                Arguments.of("poisson on a ramp", poisson, RAMP, SECOND),
                Arguments.of("poisson joining a ramp", poisson, joined, SECOND),
                Arguments.of(
                        "poisson in 100 ms windows at 50,000/s",
                        poissonTenth,
                        RateSchedule.constant(50_000),
                        SECOND / 10),
                Arguments.of("poisson in 100 ms windows on a ramp", poissonTenth, RAMP, SECOND / 10),
                Arguments.of("bursts at 1000/s", bursts, RateSchedule.constant(1000), SECOND),
                Arguments.of("bursts on a ramp", bursts, RAMP, SECOND),
                Arguments.of("bursts joining a ramp", bursts, joined, SECOND),
                Arguments.of(
                        "bursts every 250 ms at 50,000/s", quarterBursts, RateSchedule.constant(50_000), SECOND / 4),
                Arguments.of("bursts every 250 ms on a ramp", quarterBursts, RAMP, SECOND / 4));
    }

    /**
     * Each record falls in the window the constant schedule has it in, so every whole window holds
     * exactly the schedule's count, and due times never go backwards. 100 ms windows at 50,000/s and on
     * the ramp have edges where {@link RateSchedule#countBefore} and {@link RateSchedule#dueNanos} round
     * apart by a record.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyWindowKeepsTheSchedulesRecords(
            String name, Function<RateSchedule, Arrivals> shape, RateSchedule base, long window) {
        Arrivals arrivals = shape.apply(base);
        long previous = 0;
        long n = 0;
        for (long due; (due = base.dueNanos(n)) < 25 * SECOND; n++) {
            long shaped = arrivals.dueNanos(n);
            if (shaped / window != due / window) {
                fail(name + ": record " + n + " due at " + shaped + " ns, out of its window from "
                        + due / window * window);
            }
            if (shaped < previous) {
                fail(name + ": record " + n + " due at " + shaped + " ns, before record " + (n - 1) + " at "
                        + previous);
            }
            previous = shaped;
        }
        assertEquals(base.countBefore(25 * SECOND), n, "every record of the 25 s was checked");
    }

    @Test
    void recordsTheScheduleNeverSendsAreNeverDue() {
        RateSchedule stops = RateSchedule.of(List.of(new StagePlan(Duration.ofSeconds(2), 100)), 0); // 100 records
        assertEquals(Long.MAX_VALUE, new PoissonArrivals(stops, SECOND, 1, 0).dueNanos(100));
        assertEquals(Long.MAX_VALUE, new BurstArrivals(stops, SECOND, 5).dueNanos(100));
        assertEquals(Long.MAX_VALUE, new BurstArrivals(RateSchedule.constant(0), SECOND, 5).dueNanos(0));
    }

    @Test
    void constantIsTheScheduleItselfAndUnpacedStaysUnpaced() {
        RateSchedule schedule = RateSchedule.constant(50_000);
        assertSame(schedule, Arrivals.of(schedule, ArrivalShape.CONSTANT, 1, 0), "no wrapper on the default path");
        assertInstanceOf(PoissonArrivals.class, Arrivals.of(schedule, ArrivalShape.POISSON, 1, 0));
        assertInstanceOf(BurstArrivals.class, Arrivals.of(schedule, new ArrivalShape.Bursts(20, SECOND), 1, 0));
        assertNull(Arrivals.of(null, ArrivalShape.POISSON, 1, 0));
    }

    @Test
    void aProfilesArrivalMapsOntoItsShape() {
        assertSame(ArrivalShape.CONSTANT, ArrivalShape.of(null), "no arrival: constant");
        ArrivalSpec spec = new ArrivalSpec();
        assertSame(ArrivalShape.CONSTANT, ArrivalShape.of(spec), "no process: constant");
        spec.setProcess(ArrivalProcess.POISSON);
        assertSame(ArrivalShape.POISSON, ArrivalShape.of(spec));
        spec.setProcess(ArrivalProcess.BURSTS);
        spec.setSize(20);
        assertEquals(new ArrivalShape.Bursts(20, SECOND), ArrivalShape.of(spec), "every defaults to 1s");
        spec.setEvery("500ms");
        assertEquals(new ArrivalShape.Bursts(20, SECOND / 2), ArrivalShape.of(spec));
    }

    @Test
    void burstsNeedARecordAndAnInterval() {
        assertThrows(IllegalArgumentException.class, () -> new ArrivalShape.Bursts(0, SECOND));
        assertThrows(IllegalArgumentException.class, () -> new ArrivalShape.Bursts(20, 0));
    }
}
