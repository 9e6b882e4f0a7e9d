package io.loadfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.spec.OperatorVolumes;
import java.util.Map;
import java.util.Optional;

/** Names and labels of what a LoadProfile owns, in one place. */
public final class FleetNames {
    public static final String PROFILE_LABEL = "loadfleet.io/profile";
    /** On verifier pods instead of {@link #PROFILE_LABEL}, so the workers' selectors never match them. */
    public static final String VERIFIER_LABEL = "loadfleet.io/verifier-of";

    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "loadfleet-operator";
    public static final String CONFIG_HASH_ANNOTATION = "loadfleet.io/config-hash";
    public static final String CONFIG_FILE = "worker.yaml";
    public static final String CONFIG_DIR = OperatorVolumes.CONFIG_DIR;

    private FleetNames() {}

    /** The StatefulSet is named after the LoadProfile; its pods are NAME-0, NAME-1, ... */
    public static String statefulSet(LoadProfile p) {
        return p.getMetadata().getName();
    }

    public static String service(LoadProfile p) {
        return p.getMetadata().getName() + "-workers";
    }

    public static String networkPolicy(LoadProfile p) {
        return p.getMetadata().getName() + "-workers";
    }

    public static String configMap(LoadProfile p) {
        return p.getMetadata().getName() + "-worker-config";
    }

    /** Labels on every pod of the fleet; the first is also the selector. */
    public static Map<String, String> podLabels(LoadProfile p) {
        return Map.of(
                PROFILE_LABEL,
                p.getMetadata().getName(),
                "app.kubernetes.io/name",
                "loadfleet-worker",
                "app.kubernetes.io/instance",
                p.getMetadata().getName(),
                MANAGED_BY_LABEL,
                MANAGED_BY);
    }

    /** The LoadProfile a worker or verifier pod belongs to, by its labels. */
    public static Optional<String> profileOf(HasMetadata pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(labels.getOrDefault(PROFILE_LABEL, labels.get(VERIFIER_LABEL)));
    }

    /** The verifiers' StatefulSet: NAME-verify, its pods NAME-verify-0, ... */
    public static String verifiers(LoadProfile p) {
        return p.getMetadata().getName() + "-verify";
    }

    /** Labels on every verifier pod; the first is also the selector. */
    public static Map<String, String> verifierLabels(LoadProfile p) {
        return Map.of(
                VERIFIER_LABEL,
                p.getMetadata().getName(),
                "app.kubernetes.io/name",
                "loadfleet-verifier",
                "app.kubernetes.io/instance",
                p.getMetadata().getName(),
                MANAGED_BY_LABEL,
                MANAGED_BY);
    }

    public static Map<String, String> verifierSelector(LoadProfile p) {
        return Map.of(VERIFIER_LABEL, p.getMetadata().getName());
    }

    public static Map<String, String> selector(LoadProfile p) {
        return Map.of(PROFILE_LABEL, p.getMetadata().getName());
    }

    /** The selector in the string form of status.selector (for the scale subresource). */
    public static String selectorString(LoadProfile p) {
        return PROFILE_LABEL + "=" + p.getMetadata().getName();
    }
}
