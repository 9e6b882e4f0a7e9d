package io.loadfleet.operator.verify;

/** One producer stream: what a shard sent in an epoch, numbered from 0 on. */
record StreamKey(int shard, long epoch) implements Comparable<StreamKey> {
    @Override
    public int compareTo(StreamKey o) {
        int byEpoch = Long.compare(epoch, o.epoch);
        return byEpoch != 0 ? byEpoch : Integer.compare(shard, o.shard);
    }
}
