package io.loadfleet.worker.engine;

/**
 * Hears every publish latency (intended send time to ack) and schedule delay (actual minus
 * intended send time) as they are recorded, in nanoseconds: how a pod's metrics get them.
 */
public interface LatencyObserver {
    LatencyObserver NONE = new LatencyObserver() {
        @Override
        public void publishLatency(long nanos) {}

        @Override
        public void scheduleDelay(long nanos) {}
    };

    void publishLatency(long nanos);

    void scheduleDelay(long nanos);
}
