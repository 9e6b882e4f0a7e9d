package io.loadfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.loadfleet.api.spec.WorkerSpec;
import java.util.List;

/**
 * The volumes a LoadProfile gives its worker pods (spec.worker.volumes, volumeMounts, volumeClaimTemplates), as the
 * StatefulSet takes them; verifiers get none. The pod's volumes and the container's mounts list them first, so the
 * API server's index of a refused one (spec.template.spec.volumes[i]) is its index in spec.worker.
 *
 * @param claimTemplates only their name, labels, annotations and spec: what the StatefulSet controller copies into
 *                       each claim (a user's status or uid would be refused or ignored)
 */
record WorkerVolumes(List<Volume> volumes, List<VolumeMount> mounts, List<PersistentVolumeClaim> claimTemplates) {
    static final WorkerVolumes NONE = new WorkerVolumes(List.of(), List.of(), List.of());

    static WorkerVolumes of(WorkerSpec worker) {
        return new WorkerVolumes(
                List.copyOf(worker.getVolumes()),
                List.copyOf(worker.getVolumeMounts()),
                worker.getVolumeClaimTemplates().stream()
                        .map(WorkerVolumes::template)
                        .toList());
    }

    boolean any() {
        return !volumes.isEmpty() || !claimTemplates.isEmpty();
    }

    private static PersistentVolumeClaim template(PersistentVolumeClaim claim) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(claim.getMetadata().getName())
                .withLabels(claim.getMetadata().getLabels())
                .withAnnotations(claim.getMetadata().getAnnotations())
                .endMetadata()
                .withSpec(claim.getSpec())
                .build();
    }
}
