package io.loadfleet.api.spec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The volumes the operator gives every worker pod, by name and mount path, in one place for the operator that
 * mounts them and for the validation that keeps spec.worker's own volumes and mounts clear of them. Reserved
 * whether or not a fleet uses them (a Secret or a dataset ConfigMap added later must not clash).
 */
public final class OperatorVolumes {
    /** The fleet's ConfigMap (worker.yaml), read-only. */
    public static final String CONFIG = "config";

    public static final String CONFIG_DIR = "/etc/loadfleet";
    /** The pods' scratch emptyDir: the root file system is read-only, so the JVM's temporary files go here. */
    public static final String TMP = "tmp";

    public static final String TMP_DIR = "/tmp";
    /** A dataset's ConfigMap key, at {@link ConfigMapKeyRef#POD_DIR} (inside {@link #CONFIG_DIR}). */
    public static final String DATASET = "dataset";
    /** The Secrets the sink and generator name, secret-0, secret-1, ..., each under {@link SecretFile#POD_DIR}. */
    public static final String SECRET_PREFIX = "secret-";

    /** Every directory the operator mounts something at or under. */
    public static final List<String> MOUNT_PATHS = List.of(CONFIG_DIR, TMP_DIR, SecretFile.POD_DIR);

    private static final Pattern SECRET_NAME = Pattern.compile(Pattern.quote(SECRET_PREFIX) + "\\d+");

    private OperatorVolumes() {}

    /** Whether a pod volume of this name would be one of the operator's. */
    public static boolean reserved(String name) {
        return name.equals(CONFIG)
                || name.equals(TMP)
                || name.equals(DATASET)
                || SECRET_NAME.matcher(name).matches();
    }
}
