package io.loadfleet.operator.dependent;

import io.loadfleet.api.LoadProfile;
import java.util.Map;

/** Names and labels of what a LoadProfile owns, in one place. */
public final class FleetNames {
    public static final String PROFILE_LABEL = "loadfleet.io/profile";
    public static final String CONFIG_HASH_ANNOTATION = "loadfleet.io/config-hash";
    public static final String CONFIG_FILE = "worker.yaml";
    public static final String CONFIG_DIR = "/etc/loadfleet";

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
                "app.kubernetes.io/managed-by",
                "loadfleet-operator");
    }

    public static Map<String, String> selector(LoadProfile p) {
        return Map.of(PROFILE_LABEL, p.getMetadata().getName());
    }

    /** The selector in the string form of status.selector (for the scale subresource). */
    public static String selectorString(LoadProfile p) {
        return PROFILE_LABEL + "=" + p.getMetadata().getName();
    }
}
