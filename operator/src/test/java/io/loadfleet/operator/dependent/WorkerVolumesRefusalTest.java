package io.loadfleet.operator.dependent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.loadfleet.api.spec.WorkerSpec;
import io.loadfleet.operator.TestProfiles;
import org.junit.jupiter.api.Test;

/** The API server's words on a refused worker StatefulSet, with spec.worker's field paths for the pod's. */
class WorkerVolumesRefusalTest {
    static final WorkerVolumes ONE_EACH =
            WorkerVolumes.of(TestProfiles.withSpec(WorkerStatefulSetTest.FILES_ON_CLAIMS.replace(
                            "volumeMounts:\n    - {name: data, mountPath: /data}\n", "volumeMounts:\n"))
                    .getSpec()
                    .getWorker());

    static KubernetesClientException refused(String message) {
        return new KubernetesClientException(
                "Failure executing: PATCH",
                422,
                new StatusBuilder()
                        .withCode(422)
                        .withReason("Invalid")
                        .withMessage(message)
                        .build());
    }

    /** As kube-apiserver v1.37.2 refused a StatefulSet with one claim template, then one volume of the user's. */
    @Test
    void theUsersVolumesMountsAndClaimTemplatesAreNamedAsInTheLoadProfile() {
        KubernetesClientException e = refused("StatefulSet.apps \"lake\" is invalid: ["
                + "spec.volumeClaimTemplates[0].spec.resources[storage]: Required value, "
                + "spec.template.spec.volumes[1].persistentVolumeClaim.claimName: Required value, "
                + "spec.template.spec.volumes[2].configMap.name: Required value, "
                + "spec.template.spec.containers[0].volumeMounts[0].mountPath: Invalid value: \"/x:y\", "
                + "spec.template.spec.containers[0].volumeMounts[1].name: Not found: \"config\"]");

        KubernetesClientException named = WorkerVolumesRefusal.inSpecTerms(e, ONE_EACH);

        // it validates the pod template's volumes after one for each claim template: volumes[1] is the user's
        // first; the operator's own volume and mount (after the user's) keep the StatefulSet's paths
        assertEquals(
                "StatefulSet.apps \"lake\" is invalid: ["
                        + "spec.worker.volumeClaimTemplates[0].spec.resources[storage]: Required value, "
                        + "spec.worker.volumes[0].persistentVolumeClaim.claimName: Required value, "
                        + "spec.template.spec.volumes[2].configMap.name: Required value, "
                        + "spec.worker.volumeMounts[0].mountPath: Invalid value: \"/x:y\", "
                        + "spec.template.spec.containers[0].volumeMounts[1].name: Not found: \"config\"]",
                named.getStatus().getMessage());
        assertEquals(422, named.getCode());
        assertEquals("Invalid", named.getStatus().getReason());
    }

    @Test
    void aRefusalOfNothingOfTheUsersIsPassedOnAsItIs() {
        KubernetesClientException policy = refused("admission webhook \"policy\" denied the request: no");
        assertSame(policy, WorkerVolumesRefusal.inSpecTerms(policy, ONE_EACH));
        // without volumes of the user's, volumes[0] is the operator's
        KubernetesClientException operators = refused("spec.template.spec.volumes[0].configMap.name: Required value");
        assertSame(operators, WorkerVolumesRefusal.inSpecTerms(operators, WorkerVolumes.of(new WorkerSpec())));
    }
}
