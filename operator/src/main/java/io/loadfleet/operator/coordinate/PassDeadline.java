package io.loadfleet.operator.coordinate;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One deadline for all of a pass's requests at once: what has not answered by then counts as no answer. */
public record PassDeadline(Duration length) {

    public void awaitAll(Collection<? extends CompletableFuture<?>> requests) {
        CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, length.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }
}
