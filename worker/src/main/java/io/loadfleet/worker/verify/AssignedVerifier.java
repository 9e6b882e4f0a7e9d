package io.loadfleet.worker.verify;

import io.loadfleet.api.control.ApplyOutcome;
import io.loadfleet.api.control.VerifierAssignment;
import io.loadfleet.api.control.VerifierReport;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A verifier pod once connected: the partitions the operator assigned it, read on one {@link AuditLoop},
 * and the report of everything it counted. Assignments and reports run on the loop's thread between two
 * reads, so a report's ledger and positions are one snapshot, and an assignment has taken effect when
 * {@link #apply} returns: a partition let go of is read no more, one added has its position.
 */
final class AssignedVerifier implements AutoCloseable {
    private final String incarnation;
    private final PartitionSource source;
    private final LiveAudit audit;
    private final AuditLoop loop;
    // the state below is the loop thread's
    private long version;
    private final SortedSet<Integer> reading = new TreeSet<>();
    /** Each partition let go of, and not given back since, at the position after the last record counted there. */
    private final SortedMap<Integer, RecordPosition> released = new TreeMap<>();

    /** Starts the loop: nothing is read until an assignment names partitions. */
    AssignedVerifier(String incarnation, PartitionSource source, LiveAudit audit) {
        this.incarnation = incarnation;
        this.source = source;
        this.audit = audit;
        this.loop = new AuditLoop(source, audit, "live-verify");
    }

    /** What an assignment did, and the report as of that moment. */
    record Applied(ApplyOutcome outcome, VerifierReport report) {}

    /**
     * Takes a valid assignment ({@link VerifierAssignment#problems} empty): an older version is STALE, the
     * running version again UNCHANGED when it names the same partitions, else CONFLICT; a newer one is
     * APPLIED. A partition it reads already goes on where it is (its position in the assignment is not
     * used); one added starts after its position, or at its end now.
     *
     * @throws IllegalArgumentException naming the field, when a partition is not the topic's or a position
     *     not one of its broker; nothing changed
     * @throws io.loadfleet.worker.sink.SinkException when the broker did not answer; nothing changed
     */
    Applied apply(VerifierAssignment assignment) {
        return loop.call(() -> applyNow(assignment));
    }

    VerifierReport report() {
        return loop.call(this::reportNow);
    }

    LiveAudit.Totals totals() {
        return loop.totals();
    }

    private Applied applyNow(VerifierAssignment assignment) {
        SortedSet<Integer> wanted = new TreeSet<>();
        assignment.partitions().forEach(p -> wanted.add(p.partition()));
        if (assignment.version() <= version) {
            ApplyOutcome outcome = assignment.version() < version
                    ? ApplyOutcome.STALE
                    : wanted.equals(reading) ? ApplyOutcome.UNCHANGED : ApplyOutcome.CONFLICT;
            return new Applied(outcome, reportNow());
        }
        checkInTopic(assignment, wanted.isEmpty() ? -1 : wanted.last());
        Map<Integer, RecordPosition> added = new TreeMap<>();
        List<VerifierAssignment.PartitionStart> starts = assignment.partitions();
        for (int i = 0; i < starts.size(); i++) {
            VerifierAssignment.PartitionStart start = starts.get(i);
            if (!reading.contains(start.partition())) {
                added.put(start.partition(), start.position() == null ? null : position(i, start.position()));
            }
        }
        Map<Integer, RecordPosition> started = source.start(added);
        for (int partition : List.copyOf(reading)) {
            if (!wanted.contains(partition)) {
                source.stop(partition);
                reading.remove(partition);
                released.put(partition, audit.countedUpTo(partition));
            }
        }
        started.forEach((partition, after) -> {
            audit.startAfter(partition, after);
            reading.add(partition);
            released.remove(partition);
        });
        version = assignment.version();
        return new Applied(ApplyOutcome.APPLIED, reportNow());
    }

    /** Every partition named is one of the topic's: asks the broker again when one is past those known. */
    private void checkInTopic(VerifierAssignment assignment, int highest) {
        if (highest < source.partitionCount() || highest < source.refreshPartitionCount()) {
            return;
        }
        List<VerifierAssignment.PartitionStart> starts = assignment.partitions();
        for (int i = 0; i < starts.size(); i++) {
            if (starts.get(i).partition() >= source.partitionCount()) {
                throw new IllegalArgumentException(
                        "partitions[" + i + "].partition: " + starts.get(i).partition()
                                + " is not a partition of the topic, which has " + source.partitionCount());
            }
        }
    }

    private RecordPosition position(int index, String text) {
        try {
            return source.position(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("partitions[" + index + "].position: " + e.getMessage(), e);
        }
    }

    private VerifierReport reportNow() {
        LiveAudit.Totals totals = audit.totals();
        return new VerifierReport(
                incarnation,
                version,
                source.partitionCount(),
                reading.stream()
                        .map(p -> new VerifierReport.PartitionPosition(
                                p, audit.countedUpTo(p).resumeText()))
                        .toList(),
                released.entrySet().stream()
                        .map(e -> new VerifierReport.PartitionPosition(
                                e.getKey(), e.getValue().resumeText()))
                        .toList(),
                audit.ledgers(),
                totals.records(),
                totals.foreign(),
                totals.undecodable(),
                audit.e2eLatency(),
                loop.problem());
    }

    /** Stops reading, without a last report (one taken before holds: a successor goes on from its positions). */
    @Override
    public void close() {
        loop.close();
    }
}
