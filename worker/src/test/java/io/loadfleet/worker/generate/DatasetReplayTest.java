package io.loadfleet.worker.generate;

import static io.loadfleet.worker.generate.GeneratorFixtures.DEVICE_END;
import static io.loadfleet.worker.generate.GeneratorFixtures.DEVICE_START;
import static io.loadfleet.worker.generate.GeneratorFixtures.device;
import static io.loadfleet.worker.generate.GeneratorFixtures.eventTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.spec.ColumnType;
import io.loadfleet.api.spec.DatasetColumn;
import io.loadfleet.api.spec.DatasetSpec;
import io.loadfleet.api.spec.DatasetTimestampsSpec;
import io.loadfleet.api.spec.GeneratorSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.spec.RegenerateKind;
import io.loadfleet.api.spec.RegeneratedColumnSpec;
import io.loadfleet.api.spec.TimestampMode;
import io.loadfleet.worker.records.GeneratedRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spec.generator.dataset.timestamps and .regenerate over a ten-row dataset. */
class DatasetReplayTest {
    private static final int ROWS = 10;
    private static final long EARLIEST = Instant.parse("2023-03-01T00:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static final long START = Instant.parse("2026-01-15T09:30:00Z").toEpochMilli();

    @TempDir
    Path dir;

    /** Row n: id "row-n" (every row's twice, as a sample's duplicated ids), at = EARLIEST + n hours. */
    private DatasetSpec dataset() throws Exception {
        StringBuilder csv = new StringBuilder("n,id,ref,at,seen\n");
        for (int n = ROWS - 1; n >= 0; n--) { // the earliest row last: shift takes the earliest, not the first
            csv.append(n)
                    .append(",row-")
                    .append(n / 2)
                    .append(',')
                    .append(n / 2)
                    .append(',')
                    .append(Instant.ofEpochMilli(EARLIEST + n * HOUR))
                    .append(',')
                    .append(n % 3 == 0 ? "" : Long.toString(EARLIEST + n * HOUR))
                    .append('\n');
        }
        Files.writeString(dir.resolve("rows.csv"), csv);
        DatasetSpec spec = new DatasetSpec();
        spec.setPath(dir.resolve("rows.csv").toString());
        spec.setColumns(List.of(
                new DatasetColumn("n", ColumnType.INT, null),
                new DatasetColumn("id", ColumnType.STRING, null),
                new DatasetColumn("ref", ColumnType.LONG, null),
                new DatasetColumn("at", ColumnType.TIMESTAMP, null),
                new DatasetColumn("seen", ColumnType.TIMESTAMP, true)));
        return spec;
    }

    private static DatasetTimestampsSpec timestamps(String column, TimestampMode mode) {
        DatasetTimestampsSpec t = new DatasetTimestampsSpec();
        t.setColumn(column);
        t.setMode(mode);
        return t;
    }

    record Draw(GenericData.Record record, Utf8 key) {}

    private static List<Draw> draw(DatasetSpec dataset, long seed, int shard, int count) {
        GeneratorSpec spec = new GeneratorSpec();
        spec.setType(GeneratorType.DATASET);
        spec.setDataset(dataset);
        RecordShape shape = Generators.shape(spec, null);
        RecordGenerator generator = shape.create(new GeneratorSettings(seed, shard, DEVICE_START, DEVICE_END, START));
        GeneratedRecord record = new GeneratedRecord(shape.schema());
        List<Draw> draws = new ArrayList<>();
        for (long seq = 0; seq < count; seq++) {
            generator.fill(device(seq), seq, eventTime(seq), record);
            Utf8 key = generator.key(device(seq));
            draws.add(new Draw(record.toGenericRecord(), key == null ? null : new Utf8(key.toString())));
        }
        return draws;
    }

    private static int n(Draw d) {
        return (Integer) d.record().get("n");
    }

    @Test
    void nowPutsEachRecordsEventTimeInTheColumnAndKeepsNulls() throws Exception {
        DatasetSpec spec = dataset();
        spec.setTimestamps(timestamps("seen", TimestampMode.NOW));
        List<Draw> draws = draw(spec, 7, 0, 1_000);
        for (int seq = 0; seq < draws.size(); seq++) {
            Draw d = draws.get(seq);
            assertEquals(n(d) % 3 == 0 ? null : eventTime(seq), d.record().get("seen"), "record " + seq);
            assertEquals(EARLIEST + n(d) * HOUR, d.record().get("at"), "another column keeps its values");
        }
    }

    @Test
    void shiftMovesTheEarliestValueToTheStartAndKeepsTheSpacing() throws Exception {
        DatasetSpec spec = dataset();
        spec.setTimestamps(timestamps("at", TimestampMode.SHIFT));
        Set<Integer> rows = new HashSet<>();
        for (Draw d : draw(spec, 7, 0, 1_000)) {
            assertEquals(START + n(d) * HOUR, d.record().get("at"), "row " + n(d));
            rows.add(n(d));
        }
        assertEquals(ROWS, rows.size(), "every row drawn");
    }

    @Test
    void uuidsAreFreshForEveryDrawAndReplayWithTheSeed() throws Exception {
        DatasetSpec spec = dataset();
        spec.setKeyColumn("id");
        spec.setRegenerate(List.of(new RegeneratedColumnSpec("id", RegenerateKind.UUID)));
        List<Draw> draws = draw(spec, 7, 0, 100_000);
        Set<String> ids = new HashSet<>();
        for (Draw d : draws) {
            String id = d.record().get("id").toString();
            UUID uuid = UUID.fromString(id);
            assertEquals(4, uuid.version());
            assertEquals(id, d.key().toString(), "the key column's key is its new value");
            ids.add(id);
        }
        assertEquals(100_000, ids.size(), "ids unique over 100,000 draws of 10 rows");
        assertEquals(draws, draw(spec, 7, 0, 100_000), "the same seed: the same rows and ids");
        assertNotEquals(
                ids.iterator().next(),
                draw(spec, 8, 0, 1).get(0).record().get("id").toString());
    }

    @Test
    void regeneratingChangesNoRowChoice() throws Exception {
        DatasetSpec plain = dataset();
        DatasetSpec regenerated = dataset();
        regenerated.setRegenerate(List.of(
                new RegeneratedColumnSpec("id", RegenerateKind.UUID),
                new RegeneratedColumnSpec("ref", RegenerateKind.SEQUENCE)));
        regenerated.setTimestamps(timestamps("at", TimestampMode.NOW));
        List<Draw> a = draw(plain, 7, 0, 5_000);
        List<Draw> b = draw(regenerated, 7, 0, 5_000);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(n(a.get(i)), n(b.get(i)), "record " + i);
        }
    }

    @Test
    void sequencesAreUniqueAcrossShards() throws Exception {
        DatasetSpec spec = dataset();
        spec.setKeyColumn("ref");
        spec.setRegenerate(List.of(
                new RegeneratedColumnSpec("ref", RegenerateKind.SEQUENCE),
                new RegeneratedColumnSpec("id", RegenerateKind.SEQUENCE)));
        Set<Long> refs = new HashSet<>();
        for (int shard : new int[] {0, 1, 9_999}) {
            List<Draw> draws = draw(spec, 7, shard, 50_000);
            for (int seq = 0; seq < draws.size(); seq++) {
                Draw d = draws.get(seq);
                long ref = (Long) d.record().get("ref");
                assertEquals(shard * 100_000_000_000_000L + seq, ref);
                assertEquals(Long.toString(ref), d.record().get("id").toString(), "a string column: the text");
                assertEquals(Long.toString(ref), d.key().toString(), "the key column's key is its new value");
                refs.add(ref);
            }
        }
        assertEquals(150_000, refs.size());
    }

    @Test
    void aRebasedKeyColumnKeysByItsNewValue() throws Exception {
        DatasetSpec spec = dataset();
        spec.setKeyColumn("seen");
        spec.setTimestamps(timestamps("seen", TimestampMode.NOW));
        List<Draw> draws = draw(spec, 7, 0, 100);
        for (int seq = 0; seq < draws.size(); seq++) {
            Draw d = draws.get(seq);
            if (n(d) % 3 == 0) {
                assertNull(d.key());
            } else {
                assertEquals(
                        Instant.ofEpochMilli(eventTime(seq)).toString(), d.key().toString());
            }
        }
        assertTrue(draws.stream().anyMatch(d -> d.key() != null));
    }
}
