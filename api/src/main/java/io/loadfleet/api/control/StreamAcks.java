package io.loadfleet.api.control;

import java.util.List;

/**
 * What one run of a worker (a shard in an epoch, in this process) owes the verifiers: its acked
 * watermark. Every sequence in [{@code first}, {@code through}] has settled, and all of them were
 * acknowledged by the broker except those listed in {@code failed}; so a verifier must see exactly
 * [first, through] less {@code failed}. A pod that restarts and rejoins its epoch starts another run
 * with a later {@code first}: the sequences between the runs were never sent and are owed by no one.
 *
 * @param first   the run's first sequence
 * @param through the highest sequence with every one from {@code first} settled; {@code first - 1} before any
 * @param failed  the sequences at or below {@code through} whose send failed, lowest first; at most
 *                {@link #MAX_FAILED}: a run that fails more holds {@code through} below its next failure, so an
 *                unlisted failure is never owed
 */
public record StreamAcks(int shard, long epoch, long first, long through, List<Long> failed) {
    public static final int MAX_FAILED = 1_000;

    public StreamAcks {
        failed = failed == null ? List.of() : List.copyOf(failed);
    }

    /** How many sequences the verifiers owe this run. */
    public long owed() {
        return Math.max(0, through - first + 1 - failed.size());
    }
}
