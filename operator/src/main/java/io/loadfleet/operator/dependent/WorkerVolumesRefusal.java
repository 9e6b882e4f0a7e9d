package io.loadfleet.operator.dependent;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's refusal of a worker StatefulSet in the LoadProfile's terms: what it says of the pod template's
 * volumes, the container's mounts and the claim templates it says of spec.worker's, whose indices they keep
 * ({@link WorkerVolumes}). A volume's source, say an nfs volume without a server, is checked only there.
 */
final class WorkerVolumesRefusal {
    private static final Pattern VOLUME = Pattern.compile("spec\\.template\\.spec\\.volumes\\[(\\d+)]");
    private static final Pattern MOUNT =
            Pattern.compile("spec\\.template\\.spec\\.containers\\[0]\\.volumeMounts\\[(\\d+)]");
    private static final Pattern CLAIM = Pattern.compile("spec\\.volumeClaimTemplates\\[(\\d+)]");

    private WorkerVolumesRefusal() {}

    /** {@code e} with spec.worker's field paths in its Status message, or {@code e} when it names none of them. */
    static KubernetesClientException inSpecTerms(KubernetesClientException e, WorkerVolumes volumes) {
        if (e.getStatus() == null || e.getStatus().getMessage() == null) {
            return e;
        }
        String message = e.getStatus().getMessage();
        String renamed = rename(message, VOLUME, volumes.volumes().size(), "spec.worker.volumes");
        renamed = rename(renamed, MOUNT, volumes.mounts().size(), "spec.worker.volumeMounts");
        renamed = rename(renamed, CLAIM, volumes.claimTemplates().size(), "spec.worker.volumeClaimTemplates");
        if (renamed.equals(message)) {
            return e;
        }
        return new KubernetesClientException(
                e.getMessage(),
                e.getCode(),
                e.getStatus().toBuilder().withMessage(renamed).build());
    }

    /** Each path of {@code pattern} whose index is one of the first {@code count}, as {@code field[index]}. */
    private static String rename(String message, Pattern pattern, int count, String field) {
        Matcher m = pattern.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int index = Integer.parseInt(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(index < count ? field + "[" + index + "]" : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
