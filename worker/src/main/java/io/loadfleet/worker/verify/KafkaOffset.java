package io.loadfleet.worker.verify;

/** A Kafka record's offset in its partition; a reader goes on from the next offset. */
public record KafkaOffset(long offset) implements RecordPosition {

    @Override
    public int compareTo(RecordPosition other) {
        return Long.compare(offset, ((KafkaOffset) other).offset);
    }

    /** The next offset, in decimal. */
    @Override
    public String resumeText() {
        return Long.toString(offset + 1);
    }
}
