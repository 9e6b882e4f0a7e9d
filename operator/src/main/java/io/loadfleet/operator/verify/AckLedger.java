package io.loadfleet.operator.verify;

import io.loadfleet.api.control.StreamAcks;
import io.loadfleet.api.control.WorkerStatus;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the fleet's producers said they had acked, run by run, and when they said it: loss is judged
 * against a run's watermark as it was {@code grace} ago, so a record acked a moment ago is lag, not
 * loss. A run's last word stays after its pod is gone: what a killed pod had acked is still owed.
 */
final class AckLedger {
    /** One run of a worker process: a stream from {@code first} on. */
    record RunKey(StreamKey stream, long first) implements Comparable<RunKey> {
        @Override
        public int compareTo(RunKey o) {
            int byStream = stream.compareTo(o.stream);
            return byStream != 0 ? byStream : Long.compare(first, o.first);
        }
    }

    /** A run's watermark as a poll found it at {@code atMillis}. */
    record Sample(long atMillis, StreamAcks acks) {}

    private final String profile;
    private final Map<RunKey, Deque<Sample>> runs = new TreeMap<>();

    AckLedger(String profile) {
        this.profile = profile;
    }

    /** Takes what the pods that answered this pass reported. */
    void record(Collection<WorkerStatus> statuses, long nowMillis) {
        for (WorkerStatus status : statuses) {
            if (!profile.equals(status.profile())) {
                continue;
            }
            for (StreamAcks acks : status.streams()) {
                Deque<Sample> samples = runs.computeIfAbsent(
                        new RunKey(new StreamKey(acks.shard(), acks.epoch()), acks.first()), k -> new ArrayDeque<>());
                Sample last = samples.peekLast();
                if (last == null || !last.acks().equals(acks)) {
                    samples.addLast(new Sample(nowMillis, acks));
                }
            }
        }
    }

    /**
     * Each run of an epoch at or after {@code fromEpoch}: its watermark now, and as it was at
     * {@code settledBefore} (null when it had reported nothing by then). Forgets the runs of earlier
     * epochs and the samples no longer needed.
     */
    Map<RunKey, Watermarks> watermarks(long fromEpoch, long settledBefore) {
        runs.keySet().removeIf(k -> k.stream().epoch() < fromEpoch);
        Map<RunKey, Watermarks> out = new TreeMap<>();
        runs.forEach((key, samples) -> {
            // keep the newest sample at or before the settled instant, and all after it
            while (samples.size() > 1
                    && samples.stream().skip(1).findFirst().orElseThrow().atMillis() <= settledBefore) {
                samples.pollFirst();
            }
            Sample oldest = samples.peekFirst();
            StreamAcks settled = oldest.atMillis() <= settledBefore ? oldest.acks() : null;
            out.put(key, new Watermarks(samples.peekLast().acks(), settled));
        });
        return out;
    }

    /** @param settled the watermark as of the grace period ago; null when the run was not reported by then */
    record Watermarks(StreamAcks now, StreamAcks settled) {}
}
