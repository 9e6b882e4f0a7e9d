package io.loadfleet.worker.sink.file;

import io.loadfleet.api.spec.S3UploadSpec;
import io.loadfleet.worker.pace.Clock;
import io.loadfleet.worker.secret.SecretFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Uploads a file sink's finished files to sink.file.s3 on threads of its own, so that a shard only hands
 * its file over. A file's records are acked once its object is stored, and failed once its
 * {@link RetryWindow} is spent or the store refuses it, with an error naming the object and the cause;
 * never dropped. The file is deleted once uploaded; after a failure it is kept, the newest
 * {@link UploadSettings#keptFailedFiles()} of them, so that a long outage cannot fill the disk.
 *
 * <p>Backpressure: files waiting for an uploader hold at most {@link UploadSettings#queuedBytes()} (one file
 * always gets in); a shard finishing a file beyond that waits, in its send, until an uploader takes one. So
 * the directory holds at most the open files, the waiting ones, those under way and the kept ones.
 */
final class S3Uploads implements FileDelivery {
    private final S3Client client;
    private final String bucket;
    private final String where;
    private final ObjectKeys keys;
    private final UploadSettings settings;
    private final Clock clock;
    private final ExecutorService uploaders;
    private final Set<CompletableFuture<Void>> underWay = ConcurrentHashMap.newKeySet();
    private final LongAdder failedAttempts = new LongAdder();
    private final Object queue = new Object();
    /** Bytes of the files handed over that no uploader has taken yet; guarded by {@link #queue}. */
    private long queuedBytes;
    /** The newest files whose upload failed, oldest first; guarded by itself. */
    private final Deque<Path> keptFailed = new ArrayDeque<>();

    S3Uploads(S3Client client, S3UploadSpec spec, UploadSettings settings, Clock clock) {
        this.client = client;
        this.bucket = spec.getBucket();
        this.where = spec.getEndpoint() == null ? "" : " at " + spec.getEndpoint();
        this.keys = ObjectKeys.under(spec.getPrefix());
        this.settings = settings;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.uploaders = Executors.newFixedThreadPool(settings.threads(), task -> {
            Thread thread = new Thread(task, "file-sink-upload-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Connects to the store and checks its bucket (see {@link S3Clients#open}). */
    static S3Uploads open(S3UploadSpec spec, SecretFiles secrets, UploadSettings settings, Clock clock) {
        return new S3Uploads(S3Clients.open(spec, secrets), spec, settings, clock);
    }

    @Override
    public boolean acksAtFlush() {
        return false;
    }

    @Override
    public boolean onePerEpoch() {
        return true;
    }

    @Override
    public void deliver(FinishedFile file, PendingRecords records) {
        String key = keys.key(file);
        long size;
        try {
            size = Files.size(file.path());
            awaitRoom(size);
        } catch (IOException e) {
            fail(file, key, records, e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(file, key, records, new IOException("interrupted while waiting for an uploader", e));
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        underWay.add(done);
        try {
            uploaders.execute(() -> {
                taken(size);
                try {
                    upload(file, key, records);
                } finally {
                    underWay.remove(done);
                    done.complete(null);
                }
            });
        } catch (RejectedExecutionException e) { // closed: nothing will take it
            taken(size);
            underWay.remove(done);
            fail(file, key, records, new IOException("the file sink is closed", e));
        }
    }

    /** Waits until the files waiting leave room for {@code size} more bytes, or none waits. */
    private void awaitRoom(long size) throws InterruptedException {
        synchronized (queue) {
            while (queuedBytes > 0 && queuedBytes + size > settings.queuedBytes()) {
                queue.wait();
            }
            queuedBytes += size;
        }
    }

    private void taken(long size) {
        synchronized (queue) {
            queuedBytes -= size;
            queue.notifyAll();
        }
    }

    private void upload(FinishedFile file, String key, PendingRecords records) {
        try {
            ObjectUpload.put(
                    client,
                    bucket,
                    key,
                    file.path(),
                    settings.partBytes(),
                    new RetryWindow(clock, settings, failedAttempts));
        } catch (IOException | RuntimeException e) {
            fail(file, key, records, e);
            return;
        }
        try {
            Files.delete(file.path());
        } catch (IOException e) {
            System.err.println("file sink: uploaded " + file.path() + " but cannot delete it: " + e);
        }
        records.ackAll();
    }

    private void fail(FinishedFile file, String key, PendingRecords records, Exception cause) {
        IOException error = new IOException(
                "cannot upload " + file.path() + " (" + records.count() + " records) to s3://" + bucket + "/" + key
                        + where + ": " + cause.getMessage(),
                cause);
        keep(file.path());
        records.failAll(error);
    }

    /** Keeps a failed file, deleting the oldest kept one beyond the number kept. */
    private void keep(Path file) {
        synchronized (keptFailed) {
            keptFailed.addLast(file);
            while (keptFailed.size() > settings.keptFailedFiles()) {
                Path oldest = keptFailed.pollFirst();
                try {
                    Files.deleteIfExists(oldest);
                } catch (IOException e) {
                    System.err.println("file sink: cannot delete " + oldest + ", whose upload failed: " + e);
                }
            }
        }
    }

    @Override
    public void awaitDelivered() {
        for (CompletableFuture<Void> upload : List.copyOf(underWay)) {
            upload.join();
        }
    }

    /** Waits for the uploads under way and waiting (at most their retry windows), then closes the client. */
    @Override
    public void close() {
        awaitDelivered();
        uploaders.shutdown();
        try {
            uploaders.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }

    /** Requests that failed, retried or not: an outage under way shows here. */
    long failedAttempts() {
        return failedAttempts.sum();
    }
}
