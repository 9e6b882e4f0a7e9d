package io.loadfleet.worker.generate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.spec.GeneratorType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** docs/generators.md must describe every field the schemas define, with the schema's own doc. */
class GeneratorDocsTest {

    @Test
    void everySchemaFieldIsDocumented() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "generators.md"));
        for (GeneratorType type : GeneratorType.builtIns()) {
            assertTrue(docs.contains("## `" + type.id() + "`"), "section for " + type.id());
            for (Schema.Field f : Generators.schema(type).getFields()) {
                assertTrue(
                        docs.contains("| `" + f.name() + "` |") && docs.contains(f.doc()),
                        type.id() + "." + f.name() + " is missing or stale in docs/generators.md");
            }
        }
    }
}
