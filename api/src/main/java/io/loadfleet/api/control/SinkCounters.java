package io.loadfleet.api.control;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One sink's share of a worker's records: with several sinks, each counts what it acked and failed on its own,
 * while the worker's own counters count a record acked only once every sink has it.
 *
 * @param type           the sink's member of spec.sink: {@code kafka}, {@code pulsar} or {@code file}
 * @param counters       records handed to this sink, acked and written by it, and failed in it, cumulative
 * @param publishLatency intended send time to this sink's ack, a base64 compressed HdrHistogram of microseconds;
 *                       null while it has measured none
 */
public record SinkCounters(String type, @JsonUnwrapped Counters counters, String publishLatency) {}
