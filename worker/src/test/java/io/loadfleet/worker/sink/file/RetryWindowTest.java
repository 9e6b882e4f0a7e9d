package io.loadfleet.worker.sink.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loadfleet.worker.testing.FakeClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The retry schedule of a file's requests, on a clock that moves only as the retries wait. */
class RetryWindowTest {
    final FakeClock clock = new FakeClock(0);
    final LongAdder failed = new LongAdder();
    final List<Long> attemptsAt = new ArrayList<>();

    RetryWindow window() {
        return new RetryWindow(clock, UploadSettings.of(65_536), failed);
    }

    static S3Exception answer(int status, String code) {
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
                .message(code)
                .build();
    }

    static final SdkClientException REFUSED =
            SdkClientException.create("Unable to execute HTTP request: Connection refused");

    /** Backoffs 0.5, 1, 2, 4, 8, then 15 s: the 12th attempt, at 105.5 s, is the last within two minutes. */
    @Test
    void aFailureThatMayPassIsRetriedWithDoublingBackoffForTwoMinutes() {
        IOException e = assertThrows(
                IOException.class,
                () -> window().call(() -> {
                    attemptsAt.add(clock.nanoTime());
                    throw REFUSED;
                }));
        assertEquals(
                List.of(0.0, 0.5, 1.5, 3.5, 7.5, 15.5, 30.5, 45.5, 60.5, 75.5, 90.5, 105.5),
                attemptsAt.stream().map(n -> n / 1e9).toList());
        assertEquals(12, failed.sum());
        assertEquals("gave up after 12 attempts in 105 s: " + REFUSED.getMessage(), e.getMessage());
        assertSame(REFUSED, e.getCause());
    }

    @Test
    void aRequestThatSucceedsOnARetryReturnsItsAnswer() throws IOException {
        String answer = window().call(() -> {
            attemptsAt.add(clock.nanoTime());
            if (attemptsAt.size() < 3) {
                throw answer(503, "SlowDown");
            }
            return "stored";
        });
        assertEquals("stored", answer);
        assertEquals(List.of(0L, TimeUnit.MILLISECONDS.toNanos(500), TimeUnit.MILLISECONDS.toNanos(1500)), attemptsAt);
        assertEquals(2, failed.sum());
    }

    @Test
    void aRefusalThatWillNotPassEndsTheUploadAtOnce() {
        S3Exception denied = answer(403, "AccessDenied");
        IOException e = assertThrows(
                IOException.class,
                () -> window().call(() -> {
                    attemptsAt.add(clock.nanoTime());
                    throw denied;
                }));
        assertEquals(List.of(0L), attemptsAt);
        assertEquals("refused: " + denied.getMessage(), e.getMessage());
    }

    @Test
    void whatMayPass() {
        for (int status : new int[] {500, 502, 503, 504, 408, 429}) {
            assertTrue(RetryWindow.mayPass(answer(status, "x")), "HTTP " + status);
        }
        for (int status : new int[] {400, 403, 404, 405, 409, 411, 412}) {
            assertFalse(RetryWindow.mayPass(answer(status, "x")), "HTTP " + status);
        }
        assertTrue(RetryWindow.mayPass(REFUSED), "no answer");
        assertTrue(RetryWindow.mayPass(new UncheckedIOException(new SocketException("Unexpected end of file"))));
        assertFalse(RetryWindow.mayPass(new IllegalStateException("a bug")));
    }
}
