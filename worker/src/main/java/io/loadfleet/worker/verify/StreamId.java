package io.loadfleet.worker.verify;

/** One producer stream: the records one shard sent in one epoch, numbered 0, 1, 2, ... */
public record StreamId(String profile, int shard, long epoch) {}
