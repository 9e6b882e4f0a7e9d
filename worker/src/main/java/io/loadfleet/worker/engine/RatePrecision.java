package io.loadfleet.worker.engine;

import java.util.List;

/**
 * How closely the sends followed the schedule, second by second: the share of 1-s intervals
 * that sent within 1 % of what their schedule had due in them, and the worst interval. Records
 * sent and records due are both read at each interval's end, so the reporter's own timing jitter
 * cancels out, and ramps count what they really had due. Intervals with nothing due (max rate,
 * paused) are not counted.
 *
 * @param intervals        the 1-s intervals with records due
 * @param withinOnePercent of those, the ones that sent within ±1 % of what was due in them
 * @param worstPercent     the largest deviation of an interval's sends from its due count, signed, in %
 */
public record RatePrecision(int intervals, int withinOnePercent, double worstPercent) {

    /** The precision of a run's timeline; null when no interval had records due. */
    public static RatePrecision of(List<RunTimeline.Second> seconds) {
        int intervals = 0;
        int within = 0;
        double worst = 0;
        long sentBefore = 0;
        long dueBefore = 0;
        for (RunTimeline.Second s : seconds) {
            long sent = s.counters().sent() - sentBefore;
            Long dueByNow = s.rates().due();
            long due = dueByNow == null ? 0 : dueByNow - dueBefore;
            sentBefore = s.counters().sent();
            dueBefore = dueByNow == null ? dueBefore : dueByNow;
            if (due <= 0) {
                continue;
            }
            double percent = 100.0 * (sent - due) / due;
            intervals++;
            within += Math.abs(percent) <= 1 ? 1 : 0;
            worst = Math.abs(percent) > Math.abs(worst) ? percent : worst;
        }
        return intervals == 0 ? null : new RatePrecision(intervals, within, Math.round(worst * 100) / 100.0);
    }
}
