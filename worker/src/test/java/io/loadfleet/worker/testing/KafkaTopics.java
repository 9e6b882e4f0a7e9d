package io.loadfleet.worker.testing;

import io.loadfleet.worker.sink.RecordIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads back what a test sent to a real broker. */
public final class KafkaTopics {

    private KafkaTopics() {}

    /** Creates a topic of one replica. */
    public static void create(String bootstrapServers, String topic, int partitions) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        }
    }

    /**
     * Every record of {@code topic} from the beginning: reads until at least {@code expected}
     * arrived and the topic then stayed idle for three polls (so extra copies would be seen), or 60 s.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic, long expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int idlePolls = 0;
            while (System.nanoTime() < deadline && (out.size() < expected || idlePolls < 3)) {
                var batch = consumer.poll(Duration.ofMillis(500));
                batch.forEach(out::add);
                idlePolls = batch.isEmpty() ? idlePolls + 1 : 0;
            }
        }
        return out;
    }

    /** A header's value as text. */
    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** The identity the record carries in its one header. */
    public static RecordIdentity identity(ConsumerRecord<byte[], byte[]> record) {
        return RecordIdentity.parse(header(record, RecordIdentity.HEADER));
    }

    /** The record as any broker's consumer sees it. */
    public static Delivered delivered(ConsumerRecord<byte[], byte[]> r, String idInValue) {
        RecordIdentity id = identity(r);
        return new Delivered(
                new String(r.key(), StandardCharsets.UTF_8),
                id.profile(),
                id.shard(),
                id.epoch(),
                id.sequence(),
                r.timestamp(),
                idInValue);
    }
}
