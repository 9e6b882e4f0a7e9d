package io.loadfleet.worker.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void everyThreadsValuesAreTakenOnceAndEndedThreadsLoseNothing() throws Exception {
        LatencyRecorder recorder = new LatencyRecorder();
        int threads = 4;
        int each = 100_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long value = 1_000L * (t + 1);
            Thread writer = new Thread(() -> {
                awaitQuietly(go);
                for (int i = 0; i < each; i++) {
                    recorder.recordValue(value);
                }
            });
            writer.start();
            writers.add(writer);
        }
        Histogram total = new Histogram(3);
        go.countDown();
        while (writers.stream().anyMatch(Thread::isAlive)) {
            total.add(recorder.takeInterval()); // taken while they write: nothing counted twice or lost
        }
        for (Thread writer : writers) {
            writer.join();
        }
        total.add(recorder.takeInterval());
        assertEquals((long) threads * each, total.getTotalCount());
        for (int t = 0; t < threads; t++) {
            assertEquals(each, total.getCountAtValue(1_000L * (t + 1)), "thread " + t);
        }
        assertEquals(0, recorder.takeInterval().getTotalCount(), "taken already");

        recorder.recordValue(7); // a live thread after the ended ones were dropped
        assertEquals(1, recorder.takeInterval().getCountAtValue(7));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
