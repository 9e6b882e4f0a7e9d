package io.loadfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.loadfleet.api.LoadProfile;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events on a LoadProfile (kubectl describe lp NAME). Best effort: never fails a reconcile. */
public final class FleetEvents {
    private static final Logger LOG = LoggerFactory.getLogger(FleetEvents.class);

    private final KubernetesClient client;

    public FleetEvents(KubernetesClient client) {
        this.client = client;
    }

    void normal(LoadProfile profile, String reason, String message) {
        emit(profile, "Normal", reason, message);
    }

    void warning(LoadProfile profile, String reason, String message) {
        emit(profile, "Warning", reason, message);
    }

    private void emit(LoadProfile profile, String type, String reason, String message) {
        String now = Instant.now().toString();
        var event = new EventBuilder()
                .withNewMetadata()
                .withGenerateName(profile.getMetadata().getName() + ".")
                .withNamespace(profile.getMetadata().getNamespace())
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(profile.getApiVersion())
                        .withKind(profile.getKind())
                        .withName(profile.getMetadata().getName())
                        .withNamespace(profile.getMetadata().getNamespace())
                        .withUid(profile.getMetadata().getUid())
                        .build())
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource()
                .withComponent("loadfleet-operator")
                .endSource()
                .build();
        try {
            client.v1()
                    .events()
                    .inNamespace(profile.getMetadata().getNamespace())
                    .resource(event)
                    .create();
        } catch (KubernetesClientException e) {
            LOG.warn(
                    "could not record event {} on {}: {}",
                    reason,
                    profile.getMetadata().getName(),
                    e.getMessage());
        }
    }
}
