package io.loadfleet.worker.verify;

import io.loadfleet.worker.sink.SinkException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.MessageIdAdv;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Reader;

/**
 * Partitions of a Pulsar topic ({@code TOPIC-partition-N} of a partitioned topic, or the topic itself as
 * partition 0), each read by a {@link Reader} of its own: a non-durable subscription that acknowledges
 * nothing and goes with the reader. A position is a message id; a reader started there, exclusively, goes
 * on with the next message (within a batch, too).
 */
final class PulsarPartitionSource implements PartitionSource {
    /** Per partition and read, so one busy partition neither starves the others nor the calls between reads. */
    private static final int MAX_PER_READ = 1000;

    private final PulsarClient client;
    private final String serviceUrl;
    private final String topic;
    private final String subscription;
    private final Duration timeout;
    private final Map<Integer, Reader<byte[]>> readers = new TreeMap<>();
    /** The topics of the partitions, by index. */
    private List<String> partitions = List.of();

    private PulsarPartitionSource(
            PulsarClient client, String serviceUrl, String topic, String subscription, Duration timeout) {
        this.client = client;
        this.serviceUrl = serviceUrl;
        this.topic = topic;
        this.subscription = subscription;
        this.timeout = timeout;
    }

    /** @param client the client of {@code serviceUrl}, with the sink's token and CA */
    static PulsarPartitionSource open(
            ClientBuilder client, String serviceUrl, String topic, String subscription, Duration timeout) {
        PulsarPartitionSource source;
        try {
            source = new PulsarPartitionSource(client.build(), serviceUrl, topic, subscription, timeout);
        } catch (PulsarClientException e) {
            throw PulsarTopicReader.failure(topic, serviceUrl, e);
        }
        try {
            source.refreshPartitionCount();
            return source;
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    @Override
    public int partitionCount() {
        return partitions.size();
    }

    @Override
    public int refreshPartitionCount() {
        try {
            // false: asking must not create the topic
            partitions = client.getPartitionsForTopic(topic, false).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return partitions.size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PulsarClientException.NotFoundException) {
                throw new SinkException("Pulsar at " + serviceUrl + " has no topic " + topic, e.getCause());
            }
            throw failure(e.getCause());
        } catch (TimeoutException e) {
            throw new SinkException(
                    "no Pulsar broker answered at " + serviceUrl + " within " + timeout.toMillis() / 1000.0 + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(e);
        }
    }

    @Override
    public RecordPosition position(String text) {
        try {
            return new PulsarMessagePosition(
                    (MessageIdAdv) MessageId.fromByteArray(Base64.getDecoder().decode(text)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" is not a Pulsar message id (base64 of MessageId.toByteArray())");
        }
    }

    @Override
    public Map<Integer, RecordPosition> start(Map<Integer, RecordPosition> after) {
        Map<Integer, Reader<byte[]>> opened = new TreeMap<>();
        Map<Integer, RecordPosition> started = new TreeMap<>();
        try {
            for (var e : after.entrySet()) {
                Reader<byte[]> reader = client.newReader()
                        .topic(partitions.get(e.getKey()))
                        .subscriptionName(subscription)
                        .startMessageId(
                                e.getValue() == null ? MessageId.latest : ((PulsarMessagePosition) e.getValue()).id())
                        .create();
                opened.put(e.getKey(), reader);
                started.put(e.getKey(), e.getValue() != null ? e.getValue() : lastMessage(reader));
            }
        } catch (PulsarClientException | RuntimeException e) {
            opened.values().forEach(PulsarPartitionSource::closeQuietly);
            throw failure(e);
        }
        readers.putAll(opened);
        return started;
    }

    /**
     * The partition's last message now, or the earliest position when it has none. The reader started at the
     * latest message a moment before: what it reads up to this one is before the start, and counts nothing.
     */
    private static RecordPosition lastMessage(Reader<byte[]> reader) throws PulsarClientException {
        MessageIdAdv last = (MessageIdAdv) reader.getLastMessageIds().get(0);
        return new PulsarMessagePosition(last.getEntryId() < 0 ? (MessageIdAdv) MessageId.earliest : last);
    }

    @Override
    public void stop(int partition) {
        closeQuietly(readers.remove(partition));
    }

    @Override
    public boolean reads(int partition) {
        return readers.containsKey(partition);
    }

    @Override
    public List<ConsumedRecord> read() {
        List<ConsumedRecord> records = new ArrayList<>();
        long now = System.currentTimeMillis();
        try {
            for (Reader<byte[]> reader : readers.values()) {
                Message<byte[]> m;
                for (int n = 0; n < MAX_PER_READ && (m = reader.readNext(0, TimeUnit.MILLISECONDS)) != null; n++) {
                    records.add(PulsarTopicReader.identity(m, now));
                }
            }
        } catch (PulsarClientException e) {
            if (records.isEmpty()) {
                throw failure(e);
            }
            // what was taken from the readers' queues is handed on; the failure shows again at the next read
        }
        return records;
    }

    @Override
    public boolean caughtUp() {
        try {
            for (Reader<byte[]> reader : readers.values()) {
                if (reader.hasMessageAvailable()) {
                    return false;
                }
            }
            return true;
        } catch (PulsarClientException e) {
            throw failure(e);
        }
    }

    private SinkException failure(Throwable e) {
        return PulsarTopicReader.failure(topic, serviceUrl, e);
    }

    private static void closeQuietly(Reader<byte[]> reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // the broker drops the reader's subscription with its connection anyway
        }
    }

    @Override
    public void close() {
        readers.values().forEach(PulsarPartitionSource::closeQuietly);
        readers.clear();
        try {
            client.close();
        } catch (PulsarClientException ignored) {
            // nothing was read through it that a close could lose
        }
    }
}
