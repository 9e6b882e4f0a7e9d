package io.loadfleet.worker.engine;

/**
 * The end-to-end latency (consume time − event time) of the records a live verifier consumed in
 * one second of the run.
 *
 * @param elapsedSeconds when that second ended, from the run's start
 */
public record EndToEndSecond(double elapsedSeconds, long records, double p50Ms, double p99Ms, double maxMs) {}
