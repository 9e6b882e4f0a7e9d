package io.loadfleet.worker.fleet;

import java.util.List;

/**
 * How closely the sends followed the target, second by second: the share of 1-s intervals whose
 * send rate was within 1 % of the target, and the worst interval. Intervals without a target
 * (max rate, paused) are not counted.
 *
 * @param intervals        the 1-s intervals with a target
 * @param withinOnePercent of those, the ones whose send rate was within ±1 % of the target
 * @param worstPercent     the largest deviation of an interval's send rate from its target, signed, in %
 */
public record RatePrecision(int intervals, int withinOnePercent, double worstPercent) {

    /** The precision of a run's timeline; null when no interval had a target. */
    public static RatePrecision of(List<RunTimeline.Second> seconds) {
        int intervals = 0;
        int within = 0;
        double worst = 0;
        RunTimeline.Second before = null;
        for (RunTimeline.Second s : seconds) {
            double from = before == null ? 0 : before.elapsedSeconds();
            long sentBefore = before == null ? 0 : before.sent();
            before = s;
            if (s.targetRate() == null || s.targetRate() <= 0 || s.elapsedSeconds() <= from) {
                continue;
            }
            double rate = (s.sent() - sentBefore) / (s.elapsedSeconds() - from);
            double percent = 100 * (rate - s.targetRate()) / s.targetRate();
            intervals++;
            within += Math.abs(percent) <= 1 ? 1 : 0;
            worst = Math.abs(percent) > Math.abs(worst) ? percent : worst;
        }
        return intervals == 0 ? null : new RatePrecision(intervals, within, Math.round(worst * 100) / 100.0);
    }
}
