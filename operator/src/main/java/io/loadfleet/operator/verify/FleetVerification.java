package io.loadfleet.operator.verify;

import io.loadfleet.api.control.VerifierAssignment;
import io.loadfleet.api.control.VerifierReport;
import io.loadfleet.api.control.WorkerStatus;
import io.loadfleet.api.status.VerifyStatus;
import io.loadfleet.operator.coordinate.FleetPod;
import io.loadfleet.operator.coordinate.PassDeadline;
import io.loadfleet.operator.coordinate.WorkerClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The live verification of one fleet, pass after pass: the verifier processes and what they reported,
 * where each partition goes on from, and what the producers acked. Partition p belongs to verifier
 * p mod N. A partition moves only through its holder (asked to let go, its answer has the final
 * position) or once its holder's process is gone (its last report is final), and its next holder goes
 * on from that position: so every record is counted by exactly one process.
 *
 * <p>A <em>session</em> is a stretch over which every partition's position is known. Records are judged
 * from the first epoch the fleet starts within it ({@link #fromEpoch}): a new epoch is cheap (no pod
 * restarts), and its records all come after the positions the verifiers started from. A partition
 * whose position is lost (an operator restart, a partition added to the topic) starts a new session.
 */
final class FleetVerification {
    /** The plan-fingerprint token while some partition's position is unknown. */
    static final String WAITING = "waiting";

    private final String profile;
    private final WorkerClient client;
    private final PassDeadline deadline;
    private final ConsumedLedger consumed;
    private final AckLedger acks;
    /** The live process of each verifier ordinal, by its latest report. */
    private final Map<Integer, VerifierReport> held = new TreeMap<>();

    private final Set<String> retired = new HashSet<>();
    /** Per partition, where the next holder goes on from. */
    private final Map<Integer, String> positions = new HashMap<>();
    /** Per partition, the process that read it last. */
    private final Map<Integer, String> lastHolder = new HashMap<>();

    private int topicPartitions;
    private long nextVersion = 1;
    private String session = newSession();
    private boolean positioned;
    private Long fromEpoch;

    FleetVerification(String profile, WorkerClient client, PassDeadline deadline) {
        this.profile = profile;
        this.client = client;
        this.deadline = deadline;
        this.consumed = new ConsumedLedger(profile);
        this.acks = new AckLedger(profile);
    }

    private static String newSession() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Asks every verifier pod for its report and moves partitions to where they belong among
     * {@code replicas} verifiers.
     *
     * @param pods the verifier pods the informer shows
     */
    void pass(List<FleetPod> pods, int replicas) {
        Map<Integer, FleetPod> byOrdinal =
                pods.stream().collect(Collectors.toMap(FleetPod::ordinal, p -> p, (a, b) -> a, TreeMap::new));
        // a process whose pod is gone will never report again: what it last said is final
        new ArrayList<>(held.keySet())
                .stream().filter(ordinal -> !byOrdinal.containsKey(ordinal)).forEach(this::retire);
        Map<Integer, CompletableFuture<Optional<VerifierReport>>> asked = new TreeMap<>();
        byOrdinal.values().stream()
                .filter(p -> p.address() != null)
                .forEach(p -> asked.put(p.ordinal(), client.report(p.address())));
        Map<Integer, VerifierReport> answering = take(asked);
        // let go first: a partition moves on only once its holder has answered with where it stopped
        Map<Integer, CompletableFuture<Optional<VerifierReport>>> releases = new TreeMap<>();
        answering.forEach((ordinal, report) -> {
            Set<Integer> keep = holding(report).stream()
                    .filter(p -> ownerOf(p, replicas) == ordinal)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (keep.size() < holding(report).size()) {
                releases.put(ordinal, client.assign(byOrdinal.get(ordinal).address(), assignment(keep)));
            }
        });
        answering.putAll(take(releases));
        Map<Integer, CompletableFuture<Optional<VerifierReport>>> grants = new TreeMap<>();
        Set<Integer> taken = taken();
        answering.forEach((ordinal, report) -> {
            if (ordinal >= replicas || report.topicPartitions() == 0) {
                return;
            }
            Set<Integer> want = new TreeSet<>(holding(report));
            for (int p = 0; p < topicPartitions; p++) {
                if (ownerOf(p, replicas) == ordinal && !taken.contains(p)) {
                    want.add(p);
                }
            }
            if (!want.equals(holding(report)) || report.version() == 0) {
                grants.put(ordinal, client.assign(byOrdinal.get(ordinal).address(), assignment(want)));
            }
        });
        take(grants);
        positioned = topicPartitions > 0 && IntStream.range(0, topicPartitions).allMatch(positions::containsKey);
    }

    /** The answers in by now, each taken into the ledger; a question still open is given up. */
    private Map<Integer, VerifierReport> take(Map<Integer, CompletableFuture<Optional<VerifierReport>>> asked) {
        deadline.awaitAll(asked.values());
        Map<Integer, VerifierReport> answers = new TreeMap<>();
        asked.forEach((ordinal, answer) -> {
            if (!answer.isDone()) {
                answer.cancel(true);
                return;
            }
            answer.join().filter(r -> !retired.contains(r.incarnation())).ifPresent(report -> {
                VerifierReport before = held.get(ordinal);
                if (before != null && !before.incarnation().equals(report.incarnation())) {
                    retire(ordinal); // the process restarted: its predecessor's last report is final
                }
                held.put(ordinal, report);
                // a partition it let go of goes on from where it stopped, unless another has read it since
                report.released().stream()
                        .filter(p -> report.incarnation().equals(lastHolder.get(p.partition())))
                        .forEach(p -> positions.put(p.partition(), p.position()));
                for (VerifierReport.PartitionPosition p : report.positions()) {
                    lastHolder.put(p.partition(), report.incarnation());
                    if (p.position() != null) {
                        positions.put(p.partition(), p.position());
                    }
                }
                topicPartitions = Math.max(topicPartitions, report.topicPartitions());
                nextVersion = Math.max(nextVersion, report.version() + 1);
                answers.put(ordinal, report);
            });
        });
        return answers;
    }

    /** The partitions some live process reads. */
    private Set<Integer> taken() {
        return held.values().stream().flatMap(r -> holding(r).stream()).collect(Collectors.toSet());
    }

    private void retire(int ordinal) {
        VerifierReport last = held.remove(ordinal);
        if (last != null) {
            consumed.retire(last);
            retired.add(last.incarnation());
        }
    }

    /** An assignment of {@code partitions}, each from its known position; an unknown one starts a new session. */
    private VerifierAssignment assignment(Set<Integer> partitions) {
        List<VerifierAssignment.PartitionStart> starts = new ArrayList<>();
        for (int p : partitions) {
            String position = positions.get(p);
            if (position == null && positioned) {
                session = newSession();
                positioned = false;
                fromEpoch = null;
            }
            starts.add(new VerifierAssignment.PartitionStart(p, position));
        }
        return new VerifierAssignment(nextVersion++, starts);
    }

    private static Set<Integer> holding(VerifierReport report) {
        return report.positions().stream()
                .map(VerifierReport.PartitionPosition::partition)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static int ownerOf(int partition, int replicas) {
        return partition % Math.max(1, replicas);
    }

    /**
     * What the fleet's plan fingerprint carries for verification: the session once every partition has
     * a position, so the fleet starts a new epoch to be judged from; {@link #WAITING} before.
     */
    String token() {
        return positioned ? session : WAITING;
    }

    /** The epoch the fleet runs now, started under {@code token}: the first such is where judging starts. */
    void epochRunning(long epoch, String startedUnder) {
        if (fromEpoch == null && positioned && session.equals(startedUnder)) {
            fromEpoch = epoch;
        }
    }

    /** The topic's partitions, as the verifiers found them; 0 until one has said. */
    int topicPartitions() {
        return topicPartitions;
    }

    /** What live verification found, judged against what the fleet's pods acked (those that answered this pass). */
    VerifyStatus judge(Collection<WorkerStatus> workers, long nowMillis, Duration grace) {
        acks.record(workers, nowMillis);
        ConsumedLedger.Merged merged = consumed.merge(held.values());
        return VerifyJudge.judge(
                profile,
                merged,
                fromEpoch == null ? Map.of() : acks.watermarks(fromEpoch, nowMillis - grace.toMillis()),
                fromEpoch);
    }

    /** Verifiers that say they cannot consume, by ordinal, with what they say. */
    Map<Integer, String> problems() {
        Map<Integer, String> problems = new TreeMap<>();
        held.forEach((ordinal, report) -> {
            if (report.problem() != null) {
                problems.put(ordinal, report.problem());
            }
        });
        return problems;
    }
}
