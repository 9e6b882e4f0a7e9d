package io.loadfleet.worker.sink.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.api.spec.FileSinkSpec;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.worker.encode.Encoders;
import io.loadfleet.worker.encode.RecordEncoder;
import io.loadfleet.worker.generate.GeneratorSettings;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordGenerator;
import io.loadfleet.worker.records.GeneratedRecord;
import io.loadfleet.worker.sink.InvalidSinkSettingException;
import io.loadfleet.worker.sink.OutgoingRecord;
import io.loadfleet.worker.sink.SendListener;
import io.loadfleet.worker.testing.FakeClock;
import io.loadfleet.worker.testing.StoredRows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real files in a temporary directory, read back with each format's own reader and compared with regenerated records. */
class FileSinkTest {
    /** Transactions: strings with spaces and punctuation, doubles, booleans and a timestamp. */
    static final GeneratorType TYPE = GeneratorType.TRANSACTION;

    static final Schema SCHEMA = Generators.schema(TYPE);
    static final long DEVICES_PER_SHARD = 50;
    static final long FIRST_EVENT = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    @TempDir
    Path dir;

    final FakeClock clock = new FakeClock(0);
    final Counts counts = new Counts();

    /** Counts acks and failures, as a shard's stats do. */
    static final class Counts implements SendListener {
        final AtomicLong acked = new AtomicLong();
        final AtomicLong failed = new AtomicLong();

        @Override
        public void acked(long intendedNanos, long sequence) {
            acked.incrementAndGet();
        }

        @Override
        public void failed(long intendedNanos, long sequence, Exception error) {
            failed.incrementAndGet();
        }
    }

    FileSink open(FileFormat format, long rollBytes) {
        return FileSink.open(spec(format, rollBytes, null), SCHEMA, clock, false);
    }

    FileSinkSpec spec(FileFormat format, long rollBytes, Integer rollSeconds) {
        FileSinkSpec spec = new FileSinkSpec();
        spec.setPath(dir.resolve("out").toString());
        spec.setFormat(format);
        spec.setRollBytes(rollBytes);
        spec.setRollSeconds(rollSeconds);
        return spec;
    }

    static RecordGenerator generator(int shard) {
        return Generators.create(
                TYPE, new GeneratorSettings(7, shard, shard * DEVICES_PER_SHARD, (shard + 1) * DEVICES_PER_SHARD));
    }

    /** Records [from, to) of a shard, as ShardRunner makes them; they can be regenerated from (seed, shard, sequence). */
    static final class ShardSender {
        final int shard;
        final RecordGenerator generator;
        final GeneratedRecord record = new GeneratedRecord(SCHEMA);
        final OutgoingRecord out;
        long next;

        ShardSender(int shard) {
            this(shard, 0);
        }

        ShardSender(int shard, long epoch) {
            this.shard = shard;
            this.generator = generator(shard);
            this.out = new OutgoingRecord("files", shard, epoch);
            out.record = record;
        }

        void send(FileSink sink, int count, SendListener listener) {
            RecordEncoder encoder = sink.encoder(Format.JSON, SCHEMA);
            for (int i = 0; i < count; i++, next++) {
                long device = shard * DEVICES_PER_SHARD + next % DEVICES_PER_SHARD;
                generator.fill(device, next, FIRST_EVENT + next * 1000, record);
                out.key = generator.deviceLabel(device).getBytes(StandardCharsets.UTF_8);
                out.value = encoder.encode(record);
                out.sequence = next;
                out.intendedNanos = next;
                sink.send(out, listener);
            }
        }
    }

    /** Records [0, count) of a shard, generated afresh: what the files must hold. */
    static List<List<Object>> regenerated(int shard, int count) {
        RecordGenerator generator = generator(shard);
        GeneratedRecord record = new GeneratedRecord(SCHEMA);
        List<List<Object>> rows = new ArrayList<>();
        for (long seq = 0; seq < count; seq++) {
            generator.fill(shard * DEVICES_PER_SHARD + seq % DEVICES_PER_SHARD, seq, FIRST_EVENT + seq * 1000, record);
            rows.add(StoredRows.values(record));
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(FileFormat.class)
    void eachShardsFilesHoldItsGeneratedRecords(FileFormat format) throws Exception {
        try (FileSink sink = open(format, FileSinkSpec.DEFAULT_ROLL_BYTES)) {
            new ShardSender(0).send(sink, 3000, counts);
            new ShardSender(3).send(sink, 2000, counts);
        }
        Path out = dir.resolve("out");
        assertEquals(List.of(out.resolve("shard-0000-00000." + format.extension())), StoredRows.files(out, 0, format));
        assertEquals(List.of(out.resolve("shard-0003-00000." + format.extension())), StoredRows.files(out, 3, format));
        assertEquals(regenerated(0, 3000), StoredRows.shard(out, 0, format, SCHEMA));
        assertEquals(regenerated(3, 2000), StoredRows.shard(out, 3, format, SCHEMA));
        assertEquals(5000, counts.acked.get());
        assertEquals(0, counts.failed.get());
    }

    @ParameterizedTest
    @EnumSource(
            value = FileFormat.class,
            names = {"CSV", "PARQUET"})
    void csvAndParquetFilesTakeTheFieldsSoNothingIsEncoded(FileFormat format) {
        GeneratedRecord record = new GeneratedRecord(SCHEMA);
        generator(0).fill(0, 0, FIRST_EVENT, record);
        try (FileSink sink = open(format, FileSinkSpec.DEFAULT_ROLL_BYTES)) {
            assertEquals(0, sink.encoder(Format.JSON, SCHEMA).encode(record).length);
        }
    }

    @Test
    void csvStartsWithAHeaderRow() throws Exception {
        try (FileSink sink = open(FileFormat.CSV, FileSinkSpec.DEFAULT_ROLL_BYTES)) {
            new ShardSender(0).send(sink, 10, counts);
        }
        List<String> lines = Files.readAllLines(dir.resolve("out/shard-0000-00000.csv"));
        assertEquals(
                String.join(
                        ",", SCHEMA.getFields().stream().map(Schema.Field::name).toList()),
                lines.get(0));
        assertEquals(11, lines.size());
    }

    @Test
    void jsonLinesAreTheJsonEncodersOutput() throws Exception {
        ShardSender sender = new ShardSender(1);
        try (FileSink sink = open(FileFormat.JSONL, FileSinkSpec.DEFAULT_ROLL_BYTES)) {
            sender.send(sink, 500, counts);
        }
        RecordGenerator generator = generator(1);
        GeneratedRecord record = new GeneratedRecord(SCHEMA);
        RecordEncoder json = Encoders.create(Format.JSON, SCHEMA);
        List<String> lines = Files.readAllLines(dir.resolve("out/shard-0001-00000.jsonl"));
        assertEquals(500, lines.size());
        for (int seq = 0; seq < lines.size(); seq++) {
            generator.fill(DEVICES_PER_SHARD + seq % DEVICES_PER_SHARD, seq, FIRST_EVENT + seq * 1000L, record);
            assertEquals(new String(json.encode(record), StandardCharsets.UTF_8), lines.get(seq), "line " + seq);
        }
    }

    @ParameterizedTest
    @EnumSource(FileFormat.class)
    void rollsBySizeAndAcksEveryStoredRow(FileFormat format) throws Exception {
        long rollBytes = 65_536;
        int records = 30_000;
        try (FileSink sink = open(format, rollBytes)) {
            new ShardSender(2).send(sink, records, counts);
        }
        Path out = dir.resolve("out");
        List<Path> files = StoredRows.files(out, 2, format);
        assertTrue(files.size() >= 3, "several files: " + files);
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            assertEquals(
                    String.format("shard-0002-%05d.%s", i, format.extension()),
                    files.get(i).getFileName().toString());
            long size = Files.size(files.get(i));
            sizes.add(size);
            // Parquet rolls by its estimate, which counts the buffered row group before compression
            long full = format == FileFormat.PARQUET ? rollBytes / 2 : rollBytes;
            if (i < files.size() - 1) {
                assertTrue(size >= full, "rolled only once full: " + sizes);
            }
            // CSV and JSON lines end a file after the record that reached the limit
            assertTrue(size <= rollBytes * 11 / 10, "not far over " + rollBytes + ": " + sizes);
        }
        assertEquals(regenerated(2, records), StoredRows.shard(out, 2, format, SCHEMA));
        assertEquals(records, counts.acked.get());
        System.out.println(format + ": " + records + " records in " + files.size() + " files of " + sizes + " bytes");
    }

    @ParameterizedTest
    @EnumSource(
            value = FileFormat.class,
            names = {"CSV", "JSONL"})
    void lineFilesAckWhatTheirSecondlyFlushPutInTheFile(FileFormat format) throws Exception {
        ShardSender sender = new ShardSender(0);
        try (FileSink sink = open(format, FileSinkSpec.DEFAULT_ROLL_BYTES)) {
            sender.send(sink, 100, counts);
            assertEquals(0, counts.acked.get(), "buffered records are not acked");
            assertEquals(100, sink.written().getAsLong(), "written, acked or not");
            clock.advance(ShardFiles.FLUSH_INTERVAL_NANOS);
            sender.send(sink, 1, counts);
            assertEquals(101, counts.acked.get());
            Path file = dir.resolve("out/shard-0000-00000." + format.extension());
            assertEquals(regenerated(0, 101), StoredRows.read(file, format, SCHEMA), "acked rows are in the file");
            sender.send(sink, 5, counts);
            sink.flush();
            assertEquals(106, counts.acked.get());
            assertEquals(106, StoredRows.read(file, format, SCHEMA).size());
        }
    }

    @Test
    void eachRunOfAShardHearsOfItsOwnRecordsBySequence() throws Exception {
        // a pod's next epoch writes to the same shard's file while the old run's records are pending
        PendingRecordsTest.Heard old = new PendingRecordsTest.Heard();
        PendingRecordsTest.Heard next = new PendingRecordsTest.Heard();
        ShardSender oldRun = new ShardSender(0);
        ShardSender nextRun = new ShardSender(0);
        nextRun.next = 3; // numbered on from where the old run is: only the listener tells them apart
        try (FileSink sink = open(FileFormat.PARQUET, FileSinkSpec.DEFAULT_ROLL_BYTES)) {
            oldRun.send(sink, 3, old);
            nextRun.send(sink, 2, next);
            oldRun.send(sink, 1, old);
            sink.flush();
        }
        assertEquals(
                List.of(0L, 1L, 2L, 3L), old.acked.stream().map(r -> r.get(1)).toList());
        assertEquals(List.of(3L, 4L), next.acked.stream().map(r -> r.get(1)).toList());
    }

    @Test
    void parquetAcksWhenItsFileIsFinishedAndOnlyThenGivesItItsName() throws Exception {
        ShardSender sender = new ShardSender(0);
        Path out = dir.resolve("out");
        try (FileSink sink = open(FileFormat.PARQUET, FileSinkSpec.DEFAULT_ROLL_BYTES)) {
            sender.send(sink, 1000, counts);
            clock.advance(ShardFiles.FLUSH_INTERVAL_NANOS * 10);
            sender.send(sink, 1, counts);
            assertEquals(0, counts.acked.get(), "a file without its footer cannot be read, so nothing in it is acked");
            assertEquals(1001, sink.written().getAsLong(), "written, not acked");
            assertEquals(List.of("shard-0000-00000.parquet.inprogress"), names(out));
            sink.flush();
            assertEquals(1001, counts.acked.get());
            assertEquals(1001, sink.written().getAsLong());
            assertEquals(List.of("shard-0000-00000.parquet"), names(out));
            assertEquals(
                    regenerated(0, 1001),
                    StoredRows.read(out.resolve("shard-0000-00000.parquet"), FileFormat.PARQUET, SCHEMA));
            sender.send(sink, 1, counts);
        }
        assertEquals(1002, counts.acked.get());
        assertEquals(
                1,
                StoredRows.read(out.resolve("shard-0000-00001.parquet"), FileFormat.PARQUET, SCHEMA)
                        .size());
    }

    @ParameterizedTest
    @EnumSource(FileFormat.class)
    void aFileEndsOnceOpenRollSecondsAndItsRecordsAreAcked(FileFormat format) throws Exception {
        ShardSender sender = new ShardSender(0);
        try (FileSink sink = FileSink.open(spec(format, FileSinkSpec.DEFAULT_ROLL_BYTES, 5), SCHEMA, clock, false)) {
            sender.send(sink, 10, counts);
            clock.advance(TimeUnit.SECONDS.toNanos(4));
            sink.flushDue();
            // open 4 s of 5: a line file has had its flush, a Parquet file waits for its end
            assertEquals(format == FileFormat.PARQUET ? 0 : 10, counts.acked.get());
            assertEquals(10, sink.written().getAsLong());
            assertEquals(
                    List.of("shard-0000-00000." + format.extension()
                            + (format == FileFormat.PARQUET ? ".inprogress" : "")),
                    names(dir.resolve("out")));
            clock.advance(TimeUnit.SECONDS.toNanos(1));
            sink.flushDue(); // no write since: a paused or finished shard's file ends all the same
            assertEquals(10, counts.acked.get());
            sender.send(sink, 3, counts);
        }
        Path out = dir.resolve("out");
        assertEquals(
                List.of("shard-0000-00000." + format.extension(), "shard-0000-00001." + format.extension()),
                names(out));
        assertEquals(
                regenerated(0, 10),
                StoredRows.read(out.resolve("shard-0000-00000." + format.extension()), format, SCHEMA));
    }

    @ParameterizedTest
    @EnumSource(FileFormat.class)
    void theSinksTimerAcksTheLastRecordsOfAShardThatStoppedWriting(FileFormat format) throws Exception {
        // line files by their secondly flush (the file stays open), Parquet by ending its file at rollSeconds
        Integer rollSeconds = format == FileFormat.PARQUET ? 1 : null;
        try (FileSink sink = FileSink.open(spec(format, FileSinkSpec.DEFAULT_ROLL_BYTES, rollSeconds), SCHEMA)) {
            new ShardSender(0).send(sink, 50, counts);
            long start = System.nanoTime();
            while (counts.acked.get() < 50 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
                Thread.sleep(20);
            }
            assertEquals(50, counts.acked.get(), "acked by the timer, with no further send or flush");
            assertEquals(50, sink.written().getAsLong());
            System.out.printf(
                    Locale.ROOT,
                    "%s: the timer acked a stopped shard's records after %d ms%n",
                    format,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    @Test
    void existingFilesAreNumberedOnNotOverwritten() throws Exception {
        try (FileSink sink = open(FileFormat.JSONL, FileSinkSpec.DEFAULT_ROLL_BYTES)) {
            new ShardSender(0).send(sink, 10, counts);
        }
        byte[] first = Files.readAllBytes(dir.resolve("out/shard-0000-00000.jsonl"));
        try (FileSink sink = open(FileFormat.JSONL, FileSinkSpec.DEFAULT_ROLL_BYTES)) {
            new ShardSender(0).send(sink, 3, counts);
        }
        assertEquals(
                new String(first, StandardCharsets.UTF_8), Files.readString(dir.resolve("out/shard-0000-00000.jsonl")));
        assertEquals(
                3, Files.readAllLines(dir.resolve("out/shard-0000-00001.jsonl")).size());
    }

    @Test
    void anUnfinishedFileLeftByAKilledProcessIsNumberedPast() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("shard-0000-00000.parquet.inprogress"), "no footer");
        try (FileSink sink = open(FileFormat.PARQUET, FileSinkSpec.DEFAULT_ROLL_BYTES)) {
            new ShardSender(0).send(sink, 3, counts);
        }
        assertEquals(List.of("shard-0000-00000.parquet.inprogress", "shard-0000-00001.parquet"), names(out));
        assertEquals(3, counts.acked.get());
    }

    @Test
    void aParquetFileNeverReplacesOneOfItsNameMadeMeanwhile() throws Exception {
        Path out = dir.resolve("out");
        try (FileSink sink = open(FileFormat.PARQUET, FileSinkSpec.DEFAULT_ROLL_BYTES)) {
            new ShardSender(0).send(sink, 3, counts);
            Files.writeString(out.resolve("shard-0000-00000.parquet"), "another run's file");
            sink.flush();
        }
        assertEquals(0, counts.acked.get());
        assertEquals(3, counts.failed.get(), "its records fail rather than overwrite");
        assertEquals("another run's file", Files.readString(out.resolve("shard-0000-00000.parquet")));
        assertEquals(List.of("shard-0000-00000.parquet"), names(out), "and the unfinished file is gone");
    }

    @Test
    void aFileThatCannotBeCreatedFailsItsRecords() throws Exception {
        ShardSender sender = new ShardSender(0);
        List<Exception> errors = new ArrayList<>();
        SendListener listener = new SendListener() {
            @Override
            public void acked(long intendedNanos, long sequence) {
                counts.acked(intendedNanos, sequence);
            }

            @Override
            public void failed(long intendedNanos, long sequence, Exception error) {
                counts.failed(intendedNanos, sequence, error);
                errors.add(error);
            }
        };
        try (FileSink sink =
                FileSink.open(spec(FileFormat.CSV, FileSinkSpec.DEFAULT_ROLL_BYTES, 1), SCHEMA, clock, false)) {
            sender.send(sink, 10, listener);
            clock.advance(TimeUnit.SECONDS.toNanos(1));
            sink.flushDue();
            Files.delete(dir.resolve("out/shard-0000-00000.csv"));
            Files.delete(dir.resolve("out"));
            sender.send(sink, 2, listener);
        }
        assertEquals(10, counts.acked.get());
        assertEquals(2, counts.failed.get());
        assertTrue(
                errors.get(0).getMessage().startsWith("cannot write " + dir.resolve("out/shard-0000-00001.csv")),
                errors.get(0).getMessage());
    }

    @ParameterizedTest
    @EnumSource(FileFormat.class)
    void recordsSentAfterCloseFailAndStartNoFile(FileFormat format) throws Exception {
        ShardSender sender = new ShardSender(0);
        FileSink sink = open(format, FileSinkSpec.DEFAULT_ROLL_BYTES);
        sender.send(sink, 10, counts);
        sink.close();
        sender.send(sink, 2, counts);
        new ShardSender(1).send(sink, 2, counts);
        assertEquals(10, counts.acked.get());
        assertEquals(4, counts.failed.get());
        assertEquals(List.of("shard-0000-00000." + format.extension()), names(dir.resolve("out")));
    }

    @Test
    void aPathThatCannotBeWrittenNamesTheField() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        FileSinkSpec spec = new FileSinkSpec();
        spec.setPath(notADirectory.resolve("out").toString());
        spec.setFormat(FileFormat.PARQUET);
        InvalidSinkSettingException e =
                assertThrows(InvalidSinkSettingException.class, () -> FileSink.open(spec, SCHEMA));
        assertTrue(
                e.getMessage().startsWith("spec.sink.file.path: cannot write files in " + notADirectory.resolve("out")),
                e.getMessage());
    }

    static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
