package io.loadfleet.worker.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.control.ApplyOutcome;
import io.loadfleet.api.control.Assignment;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.control.WorkerState;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.api.spec.FileSinkSpec;
import io.loadfleet.api.spec.Format;
import io.loadfleet.api.spec.GeneratorSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.spec.SinkSpec;
import io.loadfleet.worker.generate.Generators;
import io.loadfleet.worker.generate.RecordShape;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.sink.file.FileSink;
import io.loadfleet.worker.testing.StoredRows;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker pod writing Parquet files, whose records count as acked only when their file ends
 * (rollSeconds, 60 by default): its status counts them as written meanwhile, and a pod that stops
 * sending (paused, or its duration over) ends the file at once, so its counters settle.
 */
@Timeout(60)
class WorkerServiceFilesTest {
    @TempDir
    Path dir;

    WorkerService worker(GeneratorType type) {
        GeneratorSpec generator = new GeneratorSpec();
        generator.setType(type);
        FileSinkSpec file = new FileSinkSpec();
        file.setPath(dir.toString());
        file.setFormat(FileFormat.PARQUET);
        SinkSpec sink = new SinkSpec();
        sink.setFile(file);
        WorkerConfig config = new WorkerConfig("pod-files", generator, Format.JSON, sink, null, null, null);
        RecordShape shape = Generators.shape(generator, null);
        return new WorkerService(config, shape, FileSink.open(file, shape.schema()), Clock.SYSTEM);
    }

    static WorkerStatus await(WorkerService worker, Predicate<WorkerStatus> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        WorkerStatus status = worker.status();
        while (!condition.test(status) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = worker.status();
        }
        return status;
    }

    @Test
    void aPausedPodsRecordsAreInFinishedFilesAndItHoldsNone() throws Exception {
        try (WorkerService worker = worker(GeneratorType.TEMPERATURE)) {
            long start = System.currentTimeMillis();
            assertEquals(
                    ApplyOutcome.APPLIED,
                    worker.apply(new Assignment(1, 0, 1, 500, 0, 20, List.of(), start, null, false, null, null)));
            WorkerStatus running = await(worker, s -> s.counters().sent() >= 300);
            assertEquals(0, running.counters().acked(), "an open Parquet file's records are not acked: " + running);
            assertTrue(
                    running.counters().written() > 0
                            && running.counters().written()
                                    <= running.counters().sent(),
                    "written, not acked: " + running);

            long paused = System.currentTimeMillis();
            assertEquals(
                    ApplyOutcome.APPLIED,
                    worker.apply(new Assignment(2, 0, 1, 500, 0, 20, List.of(), start, null, true, null, null)));
            WorkerStatus settled = await(
                    worker,
                    s -> s.state() == WorkerState.PAUSED
                            && s.counters().acked() == s.counters().written());
            long settledMillis = System.currentTimeMillis() - paused;
            assertEquals(settled.counters().written(), settled.counters().acked(), settled.toString());
            assertEquals(settled.counters().sent(), settled.counters().acked(), settled.toString());
            assertEquals(
                    settled.counters().acked(),
                    StoredRows.shard(dir, 0, FileFormat.PARQUET, Generators.schema(GeneratorType.TEMPERATURE))
                            .size());
            System.out.printf(
                    Locale.ROOT,
                    "paused: %d records in finished files %d ms after the pause%n",
                    settled.counters().acked(),
                    settledMillis);
        }
    }

    @Test
    void aFinishedPodsRecordsAreInFinishedFiles() throws Exception {
        try (WorkerService worker = worker(GeneratorType.SMART_METER)) {
            long start = System.currentTimeMillis();
            worker.apply(new Assignment(1, 0, 1, 1000, 0, 20, List.of(), start, start + 1500, false, null, null));
            WorkerStatus finished = await(worker, s -> s.state() == WorkerState.FINISHED);
            assertEquals(WorkerState.FINISHED, finished.state());
            assertEquals(1500, finished.counters().sent(), 20);
            assertEquals(finished.counters().sent(), finished.counters().acked(), finished.toString());
            assertEquals(finished.counters().sent(), finished.counters().written());
            assertEquals(
                    finished.counters().acked(),
                    StoredRows.shard(dir, 0, FileFormat.PARQUET, Generators.schema(GeneratorType.SMART_METER))
                            .size());
        }
    }
}
