package io.loadfleet.worker.engine;

import java.util.List;

/**
 * Checks a local run's records from the other end while it sends ({@code run --verify}): started
 * once the sink is open, before the first record; finished after the run's flush.
 */
public interface RunVerification {
    /** @param opened the sink the run sends to, with its broker's address */
    void start(SinkTarget opened);

    /** The run's summary with what was found. */
    RunSummary finish(RunSummary run) throws InterruptedException;

    /** The end-to-end latency second by second; once {@link #finish} has returned. */
    List<EndToEndSecond> endToEnd();
}
