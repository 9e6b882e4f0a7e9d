package io.loadfleet.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.problem.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What only a cluster refuses: the rules {@link ProfileValidator#validateForCluster} adds to a local run's. */
class ClusterValidatorTest {
    private static final String PROFILE = """
            apiVersion: loadfleet.io/v1alpha1
            kind: LoadProfile
            metadata:
              name: cluster
            spec:
              targetRate: 100
              devices:
                count: 10
              generator:
                type: dataset
                dataset:
                  path: DATASET
                  columns:
                    - name: a
                      type: string
              sink:
            """;

    private static List<String> problems(String dataset, String sink, boolean inCluster) throws Exception {
        LoadProfile profile = new ObjectMapper(new YAMLFactory())
                .readValue(PROFILE.replace("DATASET", dataset) + sink, LoadProfile.class);
        List<Problem> problems =
                inCluster ? ProfileValidator.validateForCluster(profile) : ProfileValidator.validate(profile);
        return problems.stream().map(Problem::toString).toList();
    }

    @Test
    void aBrokerAddressIsRequiredOnlyInACluster() throws Exception {
        String kafka = "    kafka:\n      topic: t\n";
        String pulsar = "    pulsar:\n      topic: t\n";
        assertEquals(List.of(), problems("/data/a.csv", kafka, false));
        assertEquals(List.of(), problems("/data/a.csv", pulsar, false));
        assertEquals(
                List.of("spec.sink.kafka.bootstrapServers: is required in a cluster: give host:port of the Kafka "
                        + "brokers (only a local `run` can start an embedded broker)"),
                problems("/data/a.csv", kafka, true));
        assertEquals(
                List.of("spec.sink.pulsar.serviceUrl: is required in a cluster: give pulsar://host:6650 (only a "
                        + "local `run` can take it from --service-url)"),
                problems("/data/a.csv", pulsar, true));
        assertEquals(
                List.of(),
                problems("/data/a.csv", kafka.replace("topic: t", "topic: t\n      bootstrapServers: k:9092"), true));
    }

    @Test
    void aRelativeDatasetPathIsReportedAfterTheSinkAndEvenBesideOtherProblems() throws Exception {
        String relative =
                "spec.generator.dataset.path: \"a.csv\" is relative: in a cluster give an absolute path in the "
                        + "worker image, or use configMapRef, url or s3";
        assertEquals(List.of(), problems("a.csv", "    kafka:\n      topic: t\n", false));
        assertEquals(
                List.of(
                        "spec.sink.kafka.bootstrapServers: is required in a cluster: give host:port of the Kafka "
                                + "brokers (only a local `run` can start an embedded broker)",
                        relative),
                problems("a.csv", "    kafka:\n      topic: t\n", true));
        // the sink's cluster needs wait for a valid profile; the dataset's path does not
        assertEquals(
                List.of("spec.sink.kafka.topic: is required", relative), problems("a.csv", "    kafka: {}\n", true));
    }
}
