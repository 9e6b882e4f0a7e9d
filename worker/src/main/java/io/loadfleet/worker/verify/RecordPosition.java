package io.loadfleet.worker.verify;

/**
 * Where a record sits in its partition. A partition is read in order, so the positions of one partition
 * are ordered as read: a record at or before the last one counted there was read again ({@link LiveAudit}).
 */
public sealed interface RecordPosition extends Comparable<RecordPosition> permits KafkaOffset, PulsarMessagePosition {

    /**
     * The text a reader of the partition goes on from to read what comes after this record: a
     * {@link io.loadfleet.api.control.VerifierReport.PartitionPosition}.
     */
    String resumeText();
}
