package io.loadfleet.worker.sink.file;

import io.loadfleet.worker.pace.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The retries of one file's upload requests. A request that fails for a reason that may pass (no
 * answer: refused, reset, timed out; HTTP 5xx, 408, 429, throttling, clock skew) is tried again after
 * a backoff that doubles from the first to the longest, while the file's retry window, counted from
 * its first request, lasts; one the store refuses for good (403, 404, 400, ...) ends the upload at once.
 */
final class RetryWindow {
    private final Clock clock;
    private final UploadSettings settings;
    private final LongAdder failedAttempts;
    private final long start;
    private long backoff;
    private int attempts;

    /** @param failedAttempts counts every failed request, for tests to follow an outage */
    RetryWindow(Clock clock, UploadSettings settings, LongAdder failedAttempts) {
        this.clock = clock;
        this.settings = settings;
        this.failedAttempts = failedAttempts;
        this.start = clock.nanoTime();
        this.backoff = settings.firstBackoffNanos();
    }

    /** The request's answer; once retries are spent or cannot help, an IOException saying why, the cause the last failure. */
    <T> T call(Supplier<T> request) throws IOException {
        while (true) {
            attempts++;
            try {
                return request.get();
            } catch (SdkException | UncheckedIOException e) {
                failedAttempts.increment();
                long now = clock.nanoTime();
                if (!mayPass(e)) {
                    throw new IOException("refused: " + e.getMessage(), e);
                }
                if (now + backoff - start > settings.retryWindowNanos()
                        || Thread.currentThread().isInterrupted()) {
                    throw new IOException(
                            "gave up after " + attempts + " attempts in " + TimeUnit.NANOSECONDS.toSeconds(now - start)
                                    + " s: " + e.getMessage(),
                            e);
                }
                long until = now + backoff;
                while (clock.nanoTime() < until && !Thread.currentThread().isInterrupted()) {
                    clock.parkUntil(until);
                }
                backoff = Math.min(2 * backoff, settings.maxBackoffNanos());
            }
        }
    }

    /**
     * Whether a failed request may succeed if tried again: the store answered that it may, or did not answer
     * (the SDK's client exceptions; the JDK's HTTP client, failing to read an answer, can also throw an
     * UncheckedIOException the SDK does not wrap).
     */
    static boolean mayPass(RuntimeException e) {
        if (e instanceof SdkServiceException answer) {
            int status = answer.statusCode();
            return status >= 500
                    || status == 408
                    || status == 429
                    || answer.isThrottlingException()
                    || answer.isClockSkewException();
        }
        return e instanceof SdkClientException || e instanceof UncheckedIOException;
    }
}
