package io.loadfleet.worker.sink.file;

import java.util.concurrent.TimeUnit;

/**
 * How a file sink uploads its files; {@link #of} gives the product's, tests take smaller parts and
 * shorter retries.
 *
 * @param threads           uploads under way at once, each a file
 * @param queuedBytes       finished files waiting for an uploader hold at most this many bytes (one file always gets in):
 *                          beyond it a shard that finishes a file waits (backpressure)
 * @param partBytes         files up to this size go in one PUT, larger ones as a multipart upload of parts this size
 * @param retryWindowNanos  how long after its first request a file's failed requests are still retried
 * @param firstBackoffNanos the wait before the first retry; it doubles with each one, up to maxBackoffNanos
 * @param maxBackoffNanos   the longest wait between two attempts
 * @param keptFailedFiles   how many of the files whose upload failed are kept in the directory (the newest)
 */
record UploadSettings(
        int threads,
        long queuedBytes,
        long partBytes,
        long retryWindowNanos,
        long firstBackoffNanos,
        long maxBackoffNanos,
        int keptFailedFiles) {

    /**
     * 16 MiB parts: above S3's 5 MiB minimum, a 256 MiB file (the default rollBytes) takes 16 requests, so a
     * failed one sends 16 MiB again, not the file, while the per-request cost and count stay small.
     */
    static final long PART_BYTES = 16L * 1024 * 1024;

    /**
     * Two uploads at once (a pod has a core or two; one S3 stream already moves tens of MB/s); up to four
     * rolls' worth of files waiting; retries for two minutes, as Kafka's producer does by default
     * (delivery.timeout.ms), waiting 0.5, 1, 2, 4, 8 then 15 s between attempts: about 12 of them.
     * The newest two failed files are kept, so that a long outage cannot fill the pod's disk with them.
     */
    static UploadSettings of(long rollBytes) {
        return new UploadSettings(
                2,
                4 * rollBytes,
                PART_BYTES,
                TimeUnit.MINUTES.toNanos(2),
                TimeUnit.MILLISECONDS.toNanos(500),
                TimeUnit.SECONDS.toNanos(15),
                2);
    }
}
