package io.loadfleet.operator.dependent;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's refusal of a worker StatefulSet in the LoadProfile's terms: what it says of the pod template's
 * volumes, the container's mounts and the claim templates it says of spec.worker's, which come first in theirs
 * ({@link WorkerVolumes}). A volume's source, say an nfs volume without a server, is checked only there. It
 * validates the pod template with a volume for each claim template put before the template's volumes, so
 * spec.template.spec.volumes[i] is spec.worker.volumes[i - claim templates].
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
        int claims = volumes.claimTemplates().size();
        String renamed = rename(message, VOLUME, claims, volumes.volumes().size(), "spec.worker.volumes");
        renamed = rename(renamed, MOUNT, 0, volumes.mounts().size(), "spec.worker.volumeMounts");
        renamed = rename(renamed, CLAIM, 0, claims, "spec.worker.volumeClaimTemplates");
        if (renamed.equals(message)) {
            return e;
        }
        return new KubernetesClientException(
                e.getMessage(),
                e.getCode(),
                e.getStatus().toBuilder().withMessage(renamed).build());
    }

    /** Each path of {@code pattern} whose index is {@code from} to {@code from + count - 1}, as field[index - from]. */
    private static String rename(String message, Pattern pattern, int from, int count, String field) {
        Matcher m = pattern.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int index = Integer.parseInt(m.group(1));
            boolean ours = index >= from && index < from + count;
            m.appendReplacement(out, Matcher.quoteReplacement(ours ? field + "[" + (index - from) + "]" : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
