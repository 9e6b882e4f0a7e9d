package io.loadfleet.worker.testing;

import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.spec.KafkaSinkSpec;
import io.loadfleet.api.spec.SinkSpec;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordShape;

/** A worker pod's configuration for tests of its data plane and control API. */
public final class WorkerConfigs {

    private WorkerConfigs() {}

    /** Profile {@code pod-test}: temperature readings as JSON into a Kafka topic of 3 partitions. */
    public static WorkerConfig temperatureToKafka(String topic) {
        GeneratorSpec generator = new GeneratorSpec();
        generator.setType(GeneratorType.TEMPERATURE);
        KafkaSinkSpec kafka = new KafkaSinkSpec();
        kafka.setTopic(topic);
        kafka.setPartitions(3);
        SinkSpec sink = new SinkSpec();
        sink.setKafka(kafka);
        return new WorkerConfig("pod-test", generator, Format.JSON, sink, null, null, null);
    }

    /** The shape of a configuration's records. */
    public static RecordShape shape(WorkerConfig config) {
        return Generators.shape(config.generator(), null);
    }
}
