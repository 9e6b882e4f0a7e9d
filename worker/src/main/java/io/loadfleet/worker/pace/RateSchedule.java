package io.loadfleet.worker.pace;

import io.loadfleet.api.plan.StagePlan;
import java.util.ArrayList;
import java.util.List;

/**
 * When each message of a shard is due, for a rate that ramps linearly through stages and then
 * holds. Message {@code n} is due the moment the integral of the rate reaches {@code n}, so every
 * window holds exactly the scheduled count and lateness never shifts later messages (open loop).
 * These are the constant {@link Arrivals}, which the other shapes rearrange within windows.
 */
public final class RateSchedule implements Arrivals {
    private static final double NANOS = 1e9;

    /** A stretch of time in which the rate moves linearly from {@code r0} to {@code r1}. */
    private record Segment(double startSeconds, double startCount, double r0, double r1, double seconds) {
        double count() {
            return (r0 + r1) / 2 * seconds;
        }

        double rateAt(double t) {
            return r0 + (r1 - r0) * (t - startSeconds) / seconds;
        }

        /** Seconds into this segment at which {@code m} more messages have become due. */
        double secondsFor(double m) {
            if (r0 == r1) {
                return m / r0;
            }
            double accel = (r1 - r0) / seconds;
            // Root of accel/2·t² + r0·t − m = 0 in the form that stays exact when accel ≈ 0.
            double denominator = r0 + Math.sqrt(Math.max(0, r0 * r0 + 2 * accel * m));
            return denominator == 0 ? 0 : 2 * m / denominator;
        }
    }

    private final List<Segment> segments;
    private final double holdRate;
    private final double holdStartSeconds;
    private final double holdStartCount;

    private RateSchedule(List<Segment> segments, double holdRate) {
        this.segments = segments;
        this.holdRate = holdRate;
        Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        this.holdStartSeconds = last == null ? 0 : last.startSeconds + last.seconds;
        this.holdStartCount = last == null ? 0 : last.startCount + last.count();
    }

    /** A constant rate. */
    public static RateSchedule constant(long rate) {
        return new RateSchedule(List.of(), rate);
    }

    /** Ramps through {@code stages} from 0, then holds {@code rate}. */
    public static RateSchedule of(List<StagePlan> stages, long rate) {
        List<Segment> segments = new ArrayList<>(stages.size());
        double t = 0;
        double count = 0;
        double previous = 0;
        for (StagePlan stage : stages) {
            double seconds = stage.duration().toNanos() / NANOS;
            Segment s = new Segment(t, count, previous, stage.rate(), seconds);
            segments.add(s);
            t += seconds;
            count += s.count();
            previous = stage.rate();
        }
        return new RateSchedule(List.copyOf(segments), rate);
    }

    /**
     * The same rate curve seen from {@code offsetNanos} after the start, with message 0 due then:
     * how a worker that receives its assignment mid-ramp joins the fleet's schedule.
     */
    public RateSchedule after(long offsetNanos) {
        double from = offsetNanos / NANOS;
        List<Segment> rest = new ArrayList<>();
        double t = 0;
        double count = 0;
        for (Segment s : segments) {
            double end = s.startSeconds + s.seconds;
            if (end <= from) {
                continue;
            }
            double begin = Math.max(from, s.startSeconds);
            Segment cut = new Segment(t, count, s.rateAt(begin), s.r1, end - begin);
            rest.add(cut);
            t += cut.seconds;
            count += cut.count();
        }
        return new RateSchedule(List.copyOf(rest), holdRate);
    }

    /**
     * Nanoseconds after the start at which message {@code n} (0-based) is due, or
     * {@link Long#MAX_VALUE} when the rate never lets it be sent.
     */
    @Override
    public long dueNanos(long n) {
        for (Segment s : segments) {
            if (s.startCount + s.count() > n) {
                return toNanos(s.startSeconds + s.secondsFor(n - s.startCount));
            }
        }
        if (holdRate <= 0) {
            return Long.MAX_VALUE;
        }
        return toNanos(holdStartSeconds + (n - holdStartCount) / holdRate);
    }

    /** How many messages are due before {@code nanos} after the start: what a sender starting then has missed. */
    public long countBefore(long nanos) {
        return (long) Math.ceil(countAt(nanos));
    }

    /** The integral of the rate from the start to {@code nanos}: the messages due by then, fractionally. */
    double countAt(long nanos) {
        double t = nanos / NANOS;
        for (Segment s : segments) {
            if (t < s.startSeconds + s.seconds) {
                return s.startCount + (s.r0 + s.rateAt(t)) / 2 * (t - s.startSeconds);
            }
        }
        return holdStartCount + (t - holdStartSeconds) * holdRate;
    }

    /** The scheduled rate (messages/second) at {@code nanos} after the start. */
    public double rateAt(long nanos) {
        double t = nanos / NANOS;
        for (Segment s : segments) {
            if (t < s.startSeconds + s.seconds) {
                return s.rateAt(t);
            }
        }
        return holdRate;
    }

    private static long toNanos(double seconds) {
        double nanos = Math.ceil(seconds * NANOS);
        return nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) nanos;
    }
}
