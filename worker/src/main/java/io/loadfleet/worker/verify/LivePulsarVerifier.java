package io.loadfleet.worker.verify;

import io.loadfleet.worker.sink.RootCause;
import io.loadfleet.worker.sink.SinkException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Reader;

/**
 * The live verifier of a Pulsar topic: a reader of every partition from the latest message, so
 * nothing is acknowledged and no subscription outlives it.
 */
public final class LivePulsarVerifier extends LiveVerifier {
    private static final int WAIT_MILLIS = 100;

    private final PulsarClient client;
    private final Reader<byte[]> reader;
    private final String serviceUrl;

    private LivePulsarVerifier(PulsarClient client, Reader<byte[]> reader, LiveAudit audit, String serviceUrl) {
        super(audit);
        this.client = client;
        this.reader = reader;
        this.serviceUrl = serviceUrl;
    }

    /**
     * Starts reading {@code topic} from its latest message, so only what is sent from now on is audited.
     *
     * @param client  the client of {@code serviceUrl}, with the sink's token and CA
     * @param decodes whether a value is a well-formed record of the format
     */
    public static LivePulsarVerifier start(
            ClientBuilder client, String serviceUrl, String topic, Predicate<byte[]> decodes) {
        PulsarClient built = null;
        try {
            built = client.build();
            Reader<byte[]> reader = built.newReader()
                    .topic(topic)
                    .startMessageId(MessageId.latest)
                    .receiverQueueSize(10_000)
                    .create();
            LivePulsarVerifier verifier = new LivePulsarVerifier(built, reader, new LiveAudit(decodes), serviceUrl);
            verifier.startConsuming();
            return verifier;
        } catch (PulsarClientException e) {
            if (built != null) {
                built.closeAsync();
            }
            throw new SinkException("cannot read " + topic + " at " + serviceUrl + ": " + RootCause.message(e), e);
        }
    }

    @Override
    protected void consumeSome() throws PulsarClientException {
        for (Message<byte[]> m = reader.readNext(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                m != null;
                m = reader.readNext(0, TimeUnit.MILLISECONDS)) {
            audit.accept(PulsarTopicReader.identity(m, System.currentTimeMillis()));
        }
    }

    @Override
    protected boolean caughtUp() throws PulsarClientException {
        return !reader.hasMessageAvailable();
    }

    @Override
    protected SinkException failure(Exception e) {
        return new SinkException("live verify lost Pulsar at " + serviceUrl + ": " + RootCause.message(e), e);
    }

    @Override
    protected void closeConsumer() {
        reader.closeAsync();
        client.closeAsync();
    }
}
