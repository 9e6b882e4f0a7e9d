package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How pods of the fleet run: image, resources, JVM options and scheduling, for the workers ({@link WorkerSpec}) and
 * the verifiers (spec.verify.worker). Part of the pod template: changing it rolls the pods.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class PodSettingsSpec {
    @JsonPropertyDescription("Worker container image. Default: the operator's WORKER_IMAGE setting.")
    private String image;

    @JsonPropertyDescription("CPU and memory requests and limits of each worker container.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("JVM options of each worker, e.g. [\"-Xmx512m\"]; passed in JAVA_TOOL_OPTIONS.")
    private List<String> jvmOptions = new ArrayList<>();

    @JsonPropertyDescription("Node labels a worker pod must match.")
    private Map<String, String> nodeSelector = new LinkedHashMap<>();

    @JsonPropertyDescription("Taints the worker pods tolerate.")
    private List<Toleration> tolerations = new ArrayList<>();

    @JsonPropertyDescription("Scheduling affinity of the worker pods.")
    private Affinity affinity;

    @JsonPropertyDescription("Secrets for pulling the worker image.")
    private List<LocalObjectReference> imagePullSecrets = new ArrayList<>();

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public List<String> getJvmOptions() {
        return jvmOptions;
    }

    public void setJvmOptions(List<String> jvmOptions) {
        this.jvmOptions = jvmOptions == null ? new ArrayList<>() : jvmOptions;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector == null ? new LinkedHashMap<>() : nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations == null ? new ArrayList<>() : tolerations;
    }

    public Affinity getAffinity() {
        return affinity;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }

    public List<LocalObjectReference> getImagePullSecrets() {
        return imagePullSecrets;
    }

    public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
        this.imagePullSecrets = imagePullSecrets == null ? new ArrayList<>() : imagePullSecrets;
    }
}
