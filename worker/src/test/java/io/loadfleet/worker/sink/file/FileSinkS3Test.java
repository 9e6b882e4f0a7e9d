package io.loadfleet.worker.sink.file;

import static io.loadfleet.worker.sink.file.FileSinkTest.SCHEMA;
import static io.loadfleet.worker.sink.file.FileSinkTest.regenerated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.api.spec.FileFormat;
import io.loadfleet.api.spec.FileSinkSpec;
import io.loadfleet.api.spec.S3SecretRef;
import io.loadfleet.api.spec.S3UploadSpec;
import io.loadfleet.s3.S3Server;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.secret.SecretFiles;
import io.loadfleet.worker.sink.InvalidSinkSettingException;
import io.loadfleet.worker.sink.SendListener;
import io.loadfleet.worker.sink.SinkException;
import io.loadfleet.worker.sink.file.FileSinkTest.ShardSender;
import io.loadfleet.worker.testing.FakeClock;
import io.loadfleet.worker.testing.StoredObjects;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * sink.file.s3 against a real S3-compatible server (s3proxy, {@link S3Server}): the objects hold exactly the
 * acked records, read back with each format's reader; records are acked only once uploaded; an outage within
 * the retry window loses nothing, one past it fails the records, counted and named.
 */
@Timeout(180)
class FileSinkS3Test {
    static final String KEY_ID = "loadfleet";
    static final String SECRET = "correct-horse";
    static final String BUCKET = "lake";
    /** Files of at least this many bytes roll: 65536, the least rollBytes, makes several files of a few thousand records. */
    static final long SMALL_ROLL = 65_536;

    static S3Server server;
    static S3Client store;

    @TempDir
    Path dir;

    String prefix;
    final FakeClock clock = new FakeClock(0);
    final Heard heard = new Heard();

    /** Counts acks and failures, as a shard's stats do, and keeps the last error. */
    static final class Heard implements SendListener {
        final AtomicLong acked = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicReference<Exception> lastError = new AtomicReference<>();

        @Override
        public void acked(long intendedNanos, long sequence) {
            acked.incrementAndGet();
        }

        @Override
        public void failed(long intendedNanos, long sequence, Exception error) {
            failed.incrementAndGet();
            lastError.set(error);
        }
    }

    @BeforeAll
    static void startServer() {
        server = S3Server.start(KEY_ID, SECRET);
        store = StoredObjects.client(server.endpoint(), KEY_ID, SECRET);
        store.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stopServer() {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Each test writes under a prefix of its own in the one bucket. */
    @BeforeEach
    void prefix(TestInfo test) {
        prefix = "tests/" + test.getTestMethod().orElseThrow().getName() + "-"
                + test.getDisplayName().replaceAll("\\W", "");
    }

    FileSinkSpec spec(FileFormat format, long rollBytes) {
        FileSinkSpec spec = new FileSinkSpec();
        spec.setPath(dir.resolve("staging").toString());
        spec.setFormat(format);
        spec.setRollBytes(rollBytes);
        S3UploadSpec s3 = new S3UploadSpec();
        s3.setEndpoint(server.endpoint().toString());
        s3.setBucket(BUCKET);
        s3.setPrefix(prefix + "/"); // a trailing '/' is left out of the keys
        S3SecretRef ref = new S3SecretRef();
        ref.setName("s3-creds");
        s3.setSecretRef(ref);
        spec.setS3(s3);
        return spec;
    }

    SecretFiles secrets(String secret) throws IOException {
        Path secrets = dir.resolve("secrets");
        Files.createDirectories(secrets.resolve("s3-creds"));
        Files.writeString(secrets.resolve("s3-creds/accessKeyId"), KEY_ID + "\n");
        Files.writeString(secrets.resolve("s3-creds/secretAccessKey"), secret + "\n");
        return new SecretFiles(secrets);
    }

    /** The product's settings but for the given ones: uploads of a test's few small files. */
    static UploadSettings settings(int threads, long queuedBytes, long partBytes, long firstBackoffMillis) {
        UploadSettings product = UploadSettings.of(SMALL_ROLL);
        return new UploadSettings(
                threads,
                queuedBytes,
                partBytes,
                product.retryWindowNanos(),
                TimeUnit.MILLISECONDS.toNanos(firstBackoffMillis),
                TimeUnit.MILLISECONDS.toNanos(30 * firstBackoffMillis), // the product's ratio, 15 s to 0.5 s
                product.keptFailedFiles());
    }

    S3Uploads uploads(FileSinkSpec spec, UploadSettings settings, Clock retryClock) throws IOException {
        return S3Uploads.open(spec.getS3(), secrets(SECRET), settings, retryClock);
    }

    List<S3Object> objects() {
        return StoredObjects.list(store, BUCKET, prefix + "/");
    }

    List<List<Object>> rows(int shard, FileFormat format) throws IOException {
        return StoredObjects.shard(store, BUCKET, prefix + "/", shard, format, SCHEMA, dir);
    }

    List<Path> staged() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("staging"))) {
            return files.sorted().toList();
        }
    }

    @ParameterizedTest
    @EnumSource(FileFormat.class)
    void theObjectsHoldExactlyTheAckedRecordsAndTheStagedFilesAreGone(FileFormat format) throws Exception {
        FileSinkSpec spec = spec(format, SMALL_ROLL);
        try (FileSink sink = FileSink.open(
                spec,
                SCHEMA,
                clock,
                false,
                uploads(spec, settings(2, 4 * SMALL_ROLL, UploadSettings.PART_BYTES, 500), Clock.SYSTEM))) {
            new ShardSender(0, 2).send(sink, 3000, heard);
            new ShardSender(3, 2).send(sink, 2000, heard);
            sink.flush();
            assertEquals(5000, heard.acked.get(), "flush waits for the uploads");
            assertEquals(5000, sink.written().getAsLong());
        }
        assertEquals(0, heard.failed.get());
        assertEquals(regenerated(0, 3000), rows(0, format));
        assertEquals(regenerated(3, 2000), rows(3, format));
        Pattern key = Pattern.compile(Pattern.quote(prefix)
                + "/profile=files/shard=000[03]/epoch=2/part-\\d{5}-[0-9a-f]{8}\\." + format.extension());
        List<S3Object> objects = objects();
        assertTrue(objects.size() >= 4, "files rolled at " + SMALL_ROLL + " bytes: " + objects.size() + " objects");
        for (S3Object object : objects) {
            assertTrue(key.matcher(object.key()).matches(), object.key());
            assertFalse(object.eTag().contains("-"), "small files go in one PUT: " + object.eTag());
        }
        assertEquals(List.of(), staged(), "uploaded files are deleted");
    }

    @ParameterizedTest
    @EnumSource(
            value = FileFormat.class,
            names = {"CSV", "JSONL"})
    void lineFilesAreAckedWhenUploadedNotWhenFlushed(FileFormat format) throws Exception {
        FileSinkSpec spec = spec(format, FileSinkSpec.DEFAULT_ROLL_BYTES);
        ShardSender sender = new ShardSender(0, 0);
        try (FileSink sink = FileSink.open(
                spec,
                SCHEMA,
                clock,
                false,
                uploads(spec, settings(2, SMALL_ROLL, UploadSettings.PART_BYTES, 500), Clock.SYSTEM))) {
            sender.send(sink, 100, heard);
            clock.advance(ShardFiles.FLUSH_INTERVAL_NANOS); // kept in place, the next write would ack all
            sender.send(sink, 1, heard);
            sink.flushDue();
            assertEquals(0, heard.acked.get(), "in the file is not acked: only uploaded is");
            assertEquals(101, sink.written().getAsLong(), "written, acked or not");
            assertEquals(List.of(), objects());
            sink.flush();
            assertEquals(101, heard.acked.get());
            assertEquals(regenerated(0, 101), rows(0, format));
        }
    }

    @Test
    void aFileHoldsOneEpochAndItsObjectSaysWhich() throws Exception {
        FileSinkSpec spec = spec(FileFormat.PARQUET, FileSinkSpec.DEFAULT_ROLL_BYTES);
        ShardSender before = new ShardSender(0, 4);
        ShardSender after = new ShardSender(0, 5); // a live rate change in the pod: the same shard, the next epoch
        after.next = 50;
        try (FileSink sink = FileSink.open(
                spec,
                SCHEMA,
                clock,
                false,
                uploads(spec, settings(2, SMALL_ROLL, UploadSettings.PART_BYTES, 500), Clock.SYSTEM))) {
            before.send(sink, 50, heard);
            after.send(sink, 30, heard);
        }
        assertEquals(80, heard.acked.get());
        List<String> keys = objects().stream().map(S3Object::key).toList();
        assertEquals(2, keys.size(), keys::toString);
        assertTrue(keys.get(0).matches(".*/shard=0000/epoch=4/part-00000-[0-9a-f]{8}\\.parquet"), keys::toString);
        assertTrue(keys.get(1).matches(".*/shard=0000/epoch=5/part-00001-[0-9a-f]{8}\\.parquet"), keys::toString);
        assertEquals(
                regenerated(0, 50), StoredObjects.read(store, BUCKET, keys.get(0), FileFormat.PARQUET, SCHEMA, dir));
        assertEquals(
                regenerated(0, 80).subList(50, 80),
                StoredObjects.read(store, BUCKET, keys.get(1), FileFormat.PARQUET, SCHEMA, dir));
    }

    /**
     * S3's smallest part, 5 MiB, as the part size: a file of 12 MiB goes in 3 parts, which the object's ETag
     * counts (S3's multipart ETag: the MD5 of the parts' MD5s, "-", the number of parts).
     */
    @Test
    void aLargeFileIsUploadedInParts() throws Exception {
        long part = 5L * 1024 * 1024;
        FileSinkSpec spec = spec(FileFormat.CSV, 12L * 1024 * 1024);
        int records = 100_000; // about 150 bytes a CSV line: one file of 12 MiB and the rest
        long uploadNanos;
        try (FileSink sink = FileSink.open(
                spec, SCHEMA, clock, false, uploads(spec, settings(2, 8 * part, part, 500), Clock.SYSTEM))) {
            new ShardSender(0, 0).send(sink, records, heard);
            long start = System.nanoTime();
            sink.flush();
            uploadNanos = System.nanoTime() - start;
        }
        assertEquals(records, heard.acked.get());
        List<S3Object> objects = objects();
        assertEquals(2, objects.size(), objects::toString);
        assertTrue(objects.get(0).size() >= 12L * 1024 * 1024, objects.get(0).toString());
        assertTrue(
                objects.get(0).eTag().endsWith("-3\""),
                "3 parts: " + objects.get(0).eTag());
        assertTrue(objects.get(1).size() <= part, "the rest: " + objects.get(1));
        assertFalse(
                objects.get(1).eTag().contains("-"),
                "the rest, one PUT: " + objects.get(1).eTag());
        assertEquals(regenerated(0, records), rows(0, FileFormat.CSV));
        // a note for the docs, not a check: the last file's upload (and the first's, if still under way)
        System.out.printf(
                Locale.ROOT,
                "multipart: %d bytes in 2 objects; flush waited %.0f ms for the uploads%n",
                objects.get(0).size() + objects.get(1).size(),
                uploadNanos / 1e6);
    }

    /**
     * The server stops while a shard writes: the first file's upload fails and is retried, the second waits,
     * and the shard, handing over a third beyond the queue's bytes, waits in its send (backpressure). Nothing
     * is acked while the store is down; restarted on its port with its objects within the retry window, it
     * takes every file: no record lost or failed.
     */
    @Test
    void anOutageWithinTheRetryWindowLosesNothingAndAcksNothingEarly() throws Exception {
        FileSinkSpec spec = spec(FileFormat.CSV, SMALL_ROLL);
        S3Uploads uploads = uploads(spec, settings(1, 1, UploadSettings.PART_BYTES, 50), Clock.SYSTEM);
        int records = 3000; // about 7 files
        try (FileSink sink = FileSink.open(spec, SCHEMA, clock, false, uploads)) {
            server.stop();
            Thread shard = new Thread(() -> new ShardSender(0, 0).send(sink, records, heard), "shard-0");
            shard.start();
            try {
                awaitTrue(() -> isHandingOverAFile(shard) && uploads.failedAttempts() >= 2);
                assertEquals(0, heard.acked.get(), "nothing is acked while the store is down");
                assertEquals(0, heard.failed.get(), () -> "nor failed within the retry window: " + heard.lastError);
                assertTrue(sink.written().getAsLong() < records, "the shard waits: " + sink.written());
            } finally {
                server.restart();
            }
            shard.join();
        }
        assertEquals(records, heard.acked.get());
        assertEquals(0, heard.failed.get());
        assertEquals(regenerated(0, records), rows(0, FileFormat.CSV));
        assertEquals(List.of(), staged());
    }

    /** Whether a shard thread waits for room to hand its finished file over. */
    static boolean isHandingOverAFile(Thread shard) {
        return shard.getState() == Thread.State.WAITING
                && Arrays.stream(shard.getStackTrace())
                        .anyMatch(f -> f.getMethodName().equals("awaitRoom"));
    }

    /**
     * The server stays down past the retry window (a clock that moves as the uploader waits: two minutes of
     * backoff take no time): every record fails, with an error naming the object and the cause; none is
     * acked, none dropped. The newest two failed files are kept, older ones deleted.
     */
    @Test
    void anOutagePastTheRetryWindowFailsTheRecordsNamingTheObjectAndTheCause() throws Exception {
        FileSinkSpec spec = spec(FileFormat.CSV, SMALL_ROLL);
        // one uploader: the clock moves as it waits, and a second one's waits would shorten the first's window
        S3Uploads uploads =
                uploads(spec, settings(1, 4 * SMALL_ROLL, UploadSettings.PART_BYTES, 500), new SteppingClock());
        int records = 3000;
        try (FileSink sink = FileSink.open(spec, SCHEMA, clock, false, uploads)) {
            server.stop();
            try {
                new ShardSender(0, 0).send(sink, records, heard);
                sink.flush();
            } finally {
                server.restart();
            }
        }
        assertEquals(0, heard.acked.get());
        assertEquals(records, heard.failed.get(), "every record failed, none dropped");
        String message = heard.lastError.get().getMessage();
        Pattern error = Pattern.compile("cannot upload "
                + Pattern.quote(dir.resolve("staging").toString())
                + "/shard-0000-(\\d{5})\\.csv \\(\\d+ records\\) to s3://" + BUCKET + "/" + Pattern.quote(prefix)
                + "/profile=files/shard=0000/epoch=0/part-\\1-[0-9a-f]{8}\\.csv at "
                + Pattern.quote(server.endpoint().toString())
                + ": gave up after 12 attempts in 105 s: .*Unable to execute HTTP request.*");
        assertTrue(error.matcher(message).matches(), message);
        assertEquals(List.of(), objects());
        List<Path> kept = staged();
        int files = filesRolled();
        assertTrue(files > 2, "files: " + files);
        assertEquals(12L * files, uploads.failedAttempts(), "12 attempts a file");
        assertEquals(
                List.of(
                        dir.resolve(String.format(Locale.ROOT, "staging/shard-0000-%05d.csv", files - 2)),
                        dir.resolve(String.format(Locale.ROOT, "staging/shard-0000-%05d.csv", files - 1))),
                kept,
                "the newest two failed files are kept");
    }

    /** How many files the shard made: its newest file kept is numbered one less. */
    int filesRolled() throws IOException {
        List<Path> kept = staged();
        String newest = kept.get(kept.size() - 1).getFileName().toString();
        return Integer.parseInt(newest.substring("shard-0000-".length(), "shard-0000-00000".length())) + 1;
    }

    /** A clock that moves only as its threads wait on it, by as much as they wait: backoff takes no time. */
    static final class SteppingClock implements Clock {
        private final AtomicLong nanos = new AtomicLong();

        @Override
        public long nanoTime() {
            return nanos.get();
        }

        @Override
        public long epochMillis() {
            return nanos.get() / 1_000_000;
        }

        @Override
        public void parkUntil(long deadline) {
            nanos.accumulateAndGet(deadline, Math::max);
        }
    }

    /** The bucket is removed once the sink has opened: the store refuses each upload (404), which is not retried. */
    @Test
    void anUploadTheStoreRefusesFailsItsFileAtOnce() throws Exception {
        FileSinkSpec spec = spec(FileFormat.JSONL, SMALL_ROLL);
        spec.getS3().setBucket("doomed");
        store.createBucket(b -> b.bucket("doomed"));
        S3Uploads uploads = uploads(spec, UploadSettings.of(SMALL_ROLL), new SteppingClock());
        store.deleteBucket(b -> b.bucket("doomed"));
        try (FileSink sink = FileSink.open(spec, SCHEMA, clock, false, uploads)) {
            new ShardSender(0, 0).send(sink, 1000, heard);
        }
        assertEquals(1000, heard.failed.get());
        assertEquals(0, heard.acked.get());
        String message = heard.lastError.get().getMessage();
        assertTrue(message.contains(": refused: ") && message.contains("Status Code: 404"), message);
        // s3proxy may answer before it has read a body, and close: the client then sees the connection end,
        // which may pass and is retried, until it reads the 404; far from a retry window's 12 attempts a file
        long attempts = uploads.failedAttempts();
        assertTrue(attempts >= filesRolled() && attempts < 12L * filesRolled(), attempts + " attempts");
    }

    @Test
    void aStoreThatCannotBeUsedStopsTheSinkBeforeItStarts() throws Exception {
        FileSinkSpec spec = spec(FileFormat.CSV, SMALL_ROLL);
        spec.getS3().setBucket("no-such-bucket");
        SinkException missing = assertThrows(SinkException.class, () -> FileSink.open(spec, SCHEMA, secrets(SECRET)));
        assertEquals(
                "spec.sink.file.s3.bucket: s3://no-such-bucket at " + server.endpoint()
                        + " does not exist: create it, or name one that does",
                missing.getMessage());

        spec.getS3().setBucket(BUCKET);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        spec.getS3().setEndpoint("http://127.0.0.1:" + closedPort);
        SinkException unreachable =
                assertThrows(SinkException.class, () -> FileSink.open(spec, SCHEMA, secrets(SECRET)));
        assertTrue(
                unreachable
                        .getMessage()
                        .startsWith("spec.sink.file.s3.endpoint: cannot reach s3://" + BUCKET + " at http://127.0.0.1:"
                                + closedPort + ": "),
                unreachable.getMessage());

        spec.getS3().setEndpoint(server.endpoint().toString());
        InvalidSinkSettingException wrongKey =
                assertThrows(InvalidSinkSettingException.class, () -> FileSink.open(spec, SCHEMA, secrets("wrong")));
        assertTrue(
                wrongKey.getMessage()
                        .startsWith("spec.sink.file.s3.secretRef: s3://" + BUCKET + " at " + server.endpoint()
                                + " refuses the access key pair of Secret s3-creds ("),
                wrongKey.getMessage());

        InvalidSinkSettingException empty =
                assertThrows(InvalidSinkSettingException.class, () -> FileSink.open(spec, SCHEMA, secrets("")));
        assertEquals(
                "spec.sink.file.s3.secretRef: Secret s3-creds holds an empty secretAccessKey: put the access key pair in it",
                empty.getMessage());
    }

    /** Polls until {@code condition} holds; the test's timeout bounds the wait. */
    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(20);
        }
    }
}
