package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * How the worker pods run: the settings every pod of the fleet takes, and the volumes only workers have (a file sink
 * writes into them; verifiers write nothing). Part of the pod template: changing it rolls the pods, and changing
 * volumeClaimTemplates has the operator recreate the StatefulSet (Kubernetes does not let them change).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class WorkerSpec extends PodSettingsSpec {
    @JsonPropertyDescription(
            "Volumes of each worker pod, as in a pod spec (a persistentVolumeClaim shared by all, nfs, "
                    + "csi, ...), mounted with volumeMounts. Names must differ from the operator's own volumes (config, tmp, "
                    + "dataset, secret-N) and from volumeClaimTemplates.")
    private List<Volume> volumes = new ArrayList<>();

    @JsonPropertyDescription("Where the worker container mounts volumes and volumeClaimTemplates, as in a container "
            + "spec: name is one of theirs, mountPath an absolute path apart from the operator's mounts (/tmp, "
            + "/etc/loadfleet, /var/run/secrets/loadfleet). A file sink's path under a writable mountPath writes to "
            + "that volume.")
    private List<VolumeMount> volumeMounts = new ArrayList<>();

    @JsonPropertyDescription("PersistentVolumeClaims made for each worker pod by the StatefulSet, named "
            + "METADATA.NAME-PROFILE-ORDINAL, mounted by metadata.name with volumeMounts. Kept when the fleet scales "
            + "down or is deleted (retention policy Retain): a pod of the same ordinal gets its claim back. Changing "
            + "them recreates the StatefulSet without restarting the pods; existing claims keep their size and class.")
    private List<PersistentVolumeClaim> volumeClaimTemplates = new ArrayList<>();

    public List<Volume> getVolumes() {
        return volumes;
    }

    public void setVolumes(List<Volume> volumes) {
        this.volumes = volumes == null ? new ArrayList<>() : volumes;
    }

    public List<VolumeMount> getVolumeMounts() {
        return volumeMounts;
    }

    public void setVolumeMounts(List<VolumeMount> volumeMounts) {
        this.volumeMounts = volumeMounts == null ? new ArrayList<>() : volumeMounts;
    }

    public List<PersistentVolumeClaim> getVolumeClaimTemplates() {
        return volumeClaimTemplates;
    }

    public void setVolumeClaimTemplates(List<PersistentVolumeClaim> volumeClaimTemplates) {
        this.volumeClaimTemplates = volumeClaimTemplates == null ? new ArrayList<>() : volumeClaimTemplates;
    }
}
