package io.loadfleet.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.problem.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * spec.faults as the validator takes it: what it lets through (the refusals, each naming its field, are in the
 * bad-profile corpus).
 */
class FaultsValidatorTest {

    static List<Problem> problems(String faults, long targetRate) throws Exception {
        return problems(faults, targetRate, 1);
    }

    static List<Problem> problems(String faults, long targetRate, int replicas) throws Exception {
        LoadProfile profile = new ObjectMapper(new YAMLFactory())
                .readValue("""
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: faulty}
                spec:
                  targetRate: %d
                  replicas: %d
                  devices: {count: 100}
                  generator: {type: smart-meter}
                  sink: {kafka: {topic: t}}
                  faults: %s
                """.formatted(targetRate, replicas, faults), LoadProfile.class);
        return ProfileValidator.validate(profile);
    }

    @Test
    void theIssuesExampleIsValid() throws Exception {
        assertEquals(
                List.of(),
                problems(
                        "{duplicates: 0.001, outOfOrder: {fraction: 0.01, maxShift: 5s}, "
                                + "late: {fraction: 0.001, delay: 2m}}",
                        50_000));
    }

    @Test
    void fractionsMayAddUpToExactlyOneDespiteRounding() throws Exception {
        // 0.1 + 0.2 + 0.7 is 1.0000000000000002 in doubles
        assertEquals(
                List.of(),
                problems("{duplicates: 0.1, outOfOrder: {fraction: 0.2}, late: {fraction: 0.7, delay: 1s}}", 10));
        assertEquals(List.of(), problems("{duplicates: 1}", 1000));
    }

    @Test
    void everyPartMayBeLeftOutOrZero() throws Exception {
        assertEquals(List.of(), problems("{}", 1000));
        assertEquals(List.of(), problems("{duplicates: 0, outOfOrder: {fraction: 0}, late: {fraction: 0}}", 1000));
        assertEquals(List.of(), problems("{late: {fraction: 0.001, delay: 1h}}", 1000));
    }

    @Test
    void heldLateRecordsAreCountedPerPodAtThePeakRate() throws Exception {
        // 0.01 × 50,000 msg/s × 200 s = 100,000 per pod: at the limit
        assertEquals(List.of(), problems("{late: {fraction: 0.01, delay: 200s}}", 50_000));
        assertEquals(
                List.of("spec.faults.late"),
                problems("{late: {fraction: 0.01, delay: 201s}}", 50_000).stream()
                        .map(Problem::path)
                        .toList());
        // the same rate over two pods: half as many each
        assertEquals(List.of(), problems("{late: {fraction: 0.01, delay: 201s}}", 50_000, 2));
    }
}
