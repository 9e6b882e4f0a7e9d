package io.loadfleet.worker.sink;

/**
 * Who sent a record: the profile, the producer shard, the epoch and the shard's sequence number in it. It travels as
 * one header (Kafka) or property (Pulsar), {@value #HEADER}, whose value is UTF-8 text {@code PROFILE/SHARD/EPOCH/SEQ}
 * (e.g. {@code iot-fleet/3/2/18446}), readable in any console consumer. It replaces the four headers loadfleet wrote
 * before (still read, see {@link #ofFields}), whose names the Kafka client sized twice per record: a fifth of the
 * sending threads' Java samples at 60,000 msg/s (BENCHMARKS.md, issue 22).
 */
public record RecordIdentity(String profile, int shard, long epoch, long sequence) {
    public static final String HEADER = "loadfleet.id";

    /** The four headers (properties) loadfleet wrote before {@value #HEADER}; {@code verify} still reads them. */
    public static final String FIELD_PROFILE = "loadfleet.profile";

    public static final String FIELD_SHARD = "loadfleet.shard";
    public static final String FIELD_EPOCH = "loadfleet.epoch";
    public static final String FIELD_SEQUENCE = "loadfleet.seq";

    private static final char SEPARATOR = '/';

    /** What {@value #HEADER} holds up to the sequence number: {@code PROFILE/SHARD/EPOCH/}. */
    static String prefix(String profile, int shard, long epoch) {
        return profile + SEPARATOR + shard + SEPARATOR + epoch + SEPARATOR;
    }

    /**
     * Reads a {@value #HEADER} value; null for null or a value not of that form. The numbers are the last three parts,
     * so a profile name holding a slash still reads back whole.
     */
    public static RecordIdentity parse(String text) {
        if (text == null) {
            return null;
        }
        int seqAt = text.lastIndexOf(SEPARATOR);
        int epochAt = seqAt > 0 ? text.lastIndexOf(SEPARATOR, seqAt - 1) : -1;
        int shardAt = epochAt > 0 ? text.lastIndexOf(SEPARATOR, epochAt - 1) : -1;
        if (shardAt <= 0) {
            return null;
        }
        return numbers(
                text.substring(0, shardAt),
                text.substring(shardAt + 1, epochAt),
                text.substring(epochAt + 1, seqAt),
                text.substring(seqAt + 1));
    }

    /** Reads the four separate headers of records written before {@value #HEADER}; null when one is missing or bad. */
    public static RecordIdentity ofFields(String profile, String shard, String epoch, String sequence) {
        if (profile == null || shard == null || epoch == null || sequence == null) {
            return null;
        }
        return numbers(profile, shard, epoch, sequence);
    }

    private static RecordIdentity numbers(String profile, String shard, String epoch, String sequence) {
        try {
            return new RecordIdentity(
                    profile, Integer.parseInt(shard), Long.parseLong(epoch), Long.parseLong(sequence));
        } catch (NumberFormatException malformed) {
            return null;
        }
    }

    @Override
    public String toString() {
        return prefix(profile, shard, epoch) + sequence;
    }
}
