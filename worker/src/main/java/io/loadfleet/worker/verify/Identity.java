package io.loadfleet.worker.verify;

import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.sink.RecordIdentity;
import java.util.function.UnaryOperator;

/**
 * Makes a consumed record of the identity it carries ({@link RecordIdentity}): the one header or property
 * {@value RecordIdentity#HEADER}, or else the four that records written before it carry.
 */
final class Identity {
    private Identity() {}

    /**
     * @param compact  the record's {@value RecordIdentity#HEADER} value; null when it has none
     * @param fields   reads one of the older headers by name (null when missing); asked only when {@code compact} is null
     * @param injected the record's {@link OutgoingRecord#HEADER_INJECTED} value; null when it has none
     */
    static ConsumedRecord of(
            String compact,
            UnaryOperator<String> fields,
            int partition,
            RecordPosition position,
            long eventTimeMillis,
            long consumeTimeMillis,
            byte[] value,
            String injected) {
        RecordIdentity id = compact != null
                ? RecordIdentity.parse(compact)
                : RecordIdentity.ofFields(
                        fields.apply(RecordIdentity.FIELD_PROFILE),
                        fields.apply(RecordIdentity.FIELD_SHARD),
                        fields.apply(RecordIdentity.FIELD_EPOCH),
                        fields.apply(RecordIdentity.FIELD_SEQUENCE));
        if (id == null) {
            return new ConsumedRecord(
                    null, -1, -1, -1, partition, position, eventTimeMillis, consumeTimeMillis, value, null);
        }
        return new ConsumedRecord(
                id.profile(),
                id.shard(),
                id.epoch(),
                id.sequence(),
                partition,
                position,
                eventTimeMillis,
                consumeTimeMillis,
                value,
                injected);
    }
}
