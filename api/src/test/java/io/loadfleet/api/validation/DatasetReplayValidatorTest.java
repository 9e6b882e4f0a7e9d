package io.loadfleet.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.problem.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec.generator.dataset.timestamps and .regenerate: declared columns of a fitting type, each listed once. */
class DatasetReplayValidatorTest {
    private static final String PROFILE = """
            apiVersion: loadfleet.io/v1alpha1
            kind: LoadProfile
            metadata: {name: replay}
            spec:
              targetRate: 100
              devices: {count: 10}
              sink: {kafka: {topic: t}}
              generator:
                type: dataset
                dataset:
                  path: /data/tx.csv
                  keyColumn: id
                  columns:
                    - {name: id, type: string}
                    - {name: n, type: long}
                    - {name: small, type: int}
                    - {name: amount, type: double}
                    - {name: at, type: timestamp, nullable: true}
            """;

    private static List<String> problems(String replay) throws Exception {
        LoadProfile profile =
                new ObjectMapper(new YAMLFactory()).readValue(PROFILE + replay.indent(6), LoadProfile.class);
        return ProfileValidator.validate(profile).stream()
                .map(Problem::toString)
                .toList();
    }

    @Test
    void fittingColumnsPass() throws Exception {
        assertEquals(List.of(), problems("""
                        timestamps: {column: at, mode: shift}
                        regenerate: [{column: id, kind: uuid}, {column: n, kind: sequence}]
                        """));
        assertEquals(List.of(), problems("timestamps: {column: at}\nregenerate: [{column: id, kind: sequence}]"));
    }

    @Test
    void theTimestampsColumnIsADeclaredTimestampColumn() throws Exception {
        assertEquals(
                List.of("spec.generator.dataset.timestamps.column: \"amount\" is a double column: rebase a column of "
                        + "type timestamp (values ISO-8601 or epoch milliseconds), or declare this one so"),
                problems("timestamps: {column: amount, mode: now}"));
        assertEquals(
                List.of("spec.generator.dataset.timestamps.column: \"when\" is not a declared column: use one of [id, "
                        + "n, small, amount, at]"),
                problems("timestamps: {column: when}"));
        assertEquals(
                List.of("spec.generator.dataset.timestamps.column: is required: the timestamp column to rebase"),
                problems("timestamps: {mode: now}"));
    }

    @Test
    void regeneratedColumnsAreDeclaredFitAndListedOnce() throws Exception {
        assertEquals(
                List.of(
                        "spec.generator.dataset.regenerate[0].column: \"n\" is a long column: uuid needs a string column",
                        "spec.generator.dataset.regenerate[1].column: \"small\" is an int column: sequence needs a long "
                                + "or string column",
                        "spec.generator.dataset.regenerate[3].column: \"id\" is listed twice: regenerate each column "
                                + "once",
                        "spec.generator.dataset.regenerate[4].column: \"nope\" is not a declared column: use one of "
                                + "[id, n, small, amount, at]",
                        "spec.generator.dataset.regenerate[5].kind: is required: uuid or sequence"),
                problems("""
                        regenerate:
                          - {column: n, kind: uuid}
                          - {column: small, kind: sequence}
                          - {column: id, kind: uuid}
                          - {column: id, kind: sequence}
                          - {column: nope, kind: uuid}
                          - {column: amount}
                        """));
    }
}
