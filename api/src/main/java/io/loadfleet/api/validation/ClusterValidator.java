package io.loadfleet.api.validation;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.spec.OperatorVolumes;
import io.loadfleet.api.spec.SinkSpec;
import io.loadfleet.api.spec.WorkerSpec;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a fleet in a cluster needs beyond what a local run needs: a broker address, since there is no command line
 * to give one and no embedded broker to fall back on, and paths that exist, or can be written, in the worker pods.
 */
final class ClusterValidator {
    /** The writable volume the operator gives every worker pod (an emptyDir): their root file system is read-only. */
    static final String POD_WRITABLE_DIR = OperatorVolumes.TMP_DIR;

    private ClusterValidator() {}

    /**
     * Adds to the problems {@link ProfileValidator#validate(LoadProfile)} found in {@code profile} what only a
     * cluster refuses; the sink's needs only when there were none.
     */
    static void validate(List<Problem> problems, LoadProfile profile) {
        if (problems.isEmpty()) {
            sink(problems, profile.getSpec().getSink(), profile.getSpec().getWorker());
        }
        var dataset = profile.getSpec().getGenerator() == null
                ? null
                : profile.getSpec().getGenerator().getDataset();
        if (dataset != null && dataset.getPath() != null && !dataset.getPath().startsWith("/")) {
            problems.add(new Problem(
                    "spec.generator.dataset.path",
                    "\"" + dataset.getPath() + "\" is relative: in a "
                            + "cluster give an absolute path in the worker image, or use configMapRef, url or s3"));
        }
    }

    private static void sink(List<Problem> problems, SinkSpec sink, WorkerSpec worker) {
        if (sink.getKafka() != null && sink.getKafka().getBootstrapServers() == null) {
            problems.add(new Problem(
                    "spec.sink.kafka.bootstrapServers",
                    "is required in a cluster: give host:port of "
                            + "the Kafka brokers (only a local `run` can start an embedded broker)"));
        }
        if (sink.getPulsar() != null && sink.getPulsar().getServiceUrl() == null) {
            problems.add(new Problem(
                    "spec.sink.pulsar.serviceUrl",
                    "is required in a cluster: give pulsar://host:6650 "
                            + "(only a local `run` can take it from --service-url)"));
        }
        if (sink.getFile() != null) {
            filePath(problems, sink.getFile().getPath(), worker);
        }
    }

    /** The directory of a file sink: on the pods' /tmp emptyDir, or on a writable volume of spec.worker. */
    private static void filePath(List<Problem> problems, String path, WorkerSpec worker) {
        if (!inPodWritableDir(path) && !WorkerVolumesValidator.onWritableMount(path, worker)) {
            problems.add(new Problem(
                    "spec.sink.file.path",
                    "\"" + path + "\" cannot be written in a cluster: the worker pods' root file system is "
                            + "read-only; use a path under " + POD_WRITABLE_DIR + " (their emptyDir volume, e.g. "
                            + POD_WRITABLE_DIR + "/out) or under a writable mountPath of spec.worker.volumeMounts "
                            + "(a volumeClaimTemplates claim keeps the files when pods go)"));
        }
    }

    private static boolean inPodWritableDir(String path) {
        try {
            Path normal = Path.of(path).normalize();
            return normal.startsWith(POD_WRITABLE_DIR) && !normal.equals(Path.of(POD_WRITABLE_DIR));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
