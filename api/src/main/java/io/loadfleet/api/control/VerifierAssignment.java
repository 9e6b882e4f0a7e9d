package io.loadfleet.api.control;

import java.util.ArrayList;
import java.util.List;

/**
 * What the operator pushes to one verifier pod ({@code PUT /verify/assignment}): the partitions of the
 * topic it reads and where each starts. A position is the opaque text a verifier reported for the
 * partition ({@link VerifierReport.PartitionPosition}), so a partition that moves between verifiers, or
 * a verifier that restarts, goes on exactly after the last record the operator has counted: nothing is
 * counted twice and nothing is skipped.
 *
 * @param version grows with every change; a verifier ignores older ones
 */
public record VerifierAssignment(long version, List<PartitionStart> partitions) {

    /**
     * @param partition the partition's index (0 for a topic without partitions)
     * @param position  where to go on from, as a verifier reported it; null: the partition's end now
     *                  (verification starts with what is sent from now on)
     */
    public record PartitionStart(int partition, String position) {}

    public VerifierAssignment {
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }

    /** What is wrong with an assignment received from the network; empty when it can run. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (version < 1) {
            problems.add("version: " + version + " must be 1 or more");
        }
        for (int i = 0; i < partitions.size(); i++) {
            PartitionStart p = partitions.get(i);
            if (p == null || p.partition() < 0) {
                problems.add("partitions[" + i + "]: needs a partition >= 0");
            }
        }
        if (partitions.stream().map(PartitionStart::partition).distinct().count() != partitions.size()) {
            problems.add("partitions: a partition is listed twice");
        }
        return problems;
    }
}
