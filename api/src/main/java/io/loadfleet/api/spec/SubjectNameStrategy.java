package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the registry subject of a topic's values is named, as Confluent's serializers name it. */
public enum SubjectNameStrategy {
    /** {@code TOPIC-value}: one schema per topic, what Kafka Connect, ksqlDB and Flink look up by default. */
    @JsonProperty("topic")
    TOPIC,
    /** The record's full name ({@code namespace.Name}): one schema per record type, across topics. */
    @JsonProperty("record")
    RECORD,
    /** {@code TOPIC-namespace.Name}: per topic and record type. */
    @JsonProperty("topic-record")
    TOPIC_RECORD;

    /** The subject the values of {@code topic}, records named {@code recordFullName}, are registered under. */
    public String subject(String topic, String recordFullName) {
        return switch (this) {
            case TOPIC -> topic + "-value";
            case RECORD -> recordFullName;
            case TOPIC_RECORD -> topic + "-" + recordFullName;
        };
    }
}
