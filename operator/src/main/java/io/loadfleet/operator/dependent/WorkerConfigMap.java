package io.loadfleet.operator.dependent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.WorkerConfig;

/** The workers' static configuration (generator, format, sink): what a pod mounts and reads at start. */
public class WorkerConfigMap extends CRUDKubernetesDependentResource<ConfigMap, LoadProfile> {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public WorkerConfigMap() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(LoadProfile profile, Context<LoadProfile> context) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(FleetNames.configMap(profile))
                .withNamespace(profile.getMetadata().getNamespace())
                .withLabels(FleetNames.podLabels(profile))
                .endMetadata()
                .addToData(
                        FleetNames.CONFIG_FILE, render(DesiredFleet.of(context).workerConfig()))
                .build();
    }

    /** The configuration the fleet's pods are given now; null before the first pass made the ConfigMap. */
    public static WorkerConfig deployed(Context<LoadProfile> context) {
        return context.getSecondaryResource(ConfigMap.class)
                .map(ConfigMap::getData)
                .map(data -> data.get(FleetNames.CONFIG_FILE))
                .map(WorkerConfigMap::parse)
                .orElse(null);
    }

    private static WorkerConfig parse(String yaml) {
        try {
            return YAML.readValue(yaml, WorkerConfig.class);
        } catch (JsonProcessingException unreadable) { // written by another version: treat as none
            return null;
        }
    }

    /** The worker.yaml of a profile; its hash on the pod template rolls pods when it changes. */
    static String render(WorkerConfig config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
