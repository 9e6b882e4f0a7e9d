package io.loadfleet.worker.verify;

import java.util.Base64;
import org.apache.pulsar.client.api.MessageIdAdv;

/**
 * A Pulsar message's place in its partition: its ledger, its entry, then its index in the entry's batch
 * (-1 outside a batch). The partition index the id may carry is left out: ids of one partition are compared.
 */
record PulsarMessagePosition(MessageIdAdv id) implements RecordPosition {

    @Override
    public int compareTo(RecordPosition other) {
        MessageIdAdv that = ((PulsarMessagePosition) other).id;
        int c = Long.compare(id.getLedgerId(), that.getLedgerId());
        if (c == 0) {
            c = Long.compare(id.getEntryId(), that.getEntryId());
        }
        return c != 0 ? c : Integer.compare(id.getBatchIndex(), that.getBatchIndex());
    }

    /** The message id itself, base64 of {@code toByteArray()}: a reader started there, exclusively, goes on after it. */
    @Override
    public String resumeText() {
        return Base64.getEncoder().encodeToString(id.toByteArray());
    }
}
