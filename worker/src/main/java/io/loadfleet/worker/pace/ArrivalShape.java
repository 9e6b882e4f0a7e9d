package io.loadfleet.worker.pace;

import io.loadfleet.api.spec.ArrivalSpec;

/** How a shard's records are spread in time at its rate: the worker's side of a profile's {@code arrival}. */
public sealed interface ArrivalShape {
    ArrivalShape CONSTANT = new Constant();
    ArrivalShape POISSON = new Poisson();

    /** The shape a profile's {@code arrival} asks for: constant when it has none. For a validated spec. */
    static ArrivalShape of(ArrivalSpec spec) {
        if (spec == null) {
            return CONSTANT;
        }
        return switch (spec.effectiveProcess()) {
            case CONSTANT -> CONSTANT;
            case POISSON -> POISSON;
            case BURSTS -> new Bursts(spec.getSize(), spec.effectiveEvery().toNanos());
        };
    }

    /** Evenly spaced at the rate: the {@link RateSchedule}'s own times; the default. */
    record Constant() implements ArrivalShape {}

    /** A Poisson process at the rate, with the exact count in every whole second: {@link PoissonArrivals}. */
    record Poisson() implements ArrivalShape {}

    /** {@code size} records at once every {@code everyNanos}, the rest spread between: {@link BurstArrivals}. */
    record Bursts(int size, long everyNanos) implements ArrivalShape {
        public Bursts {
            if (size < 1) {
                throw new IllegalArgumentException("a burst holds at least one record: " + size);
            }
            if (everyNanos < 1) {
                throw new IllegalArgumentException("bursts need a positive interval: " + everyNanos + " ns");
            }
        }
    }
}
