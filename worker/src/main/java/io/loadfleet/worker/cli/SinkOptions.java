package io.loadfleet.worker.cli;

import io.loadfleet.api.spec.ConfigMapKeyRef;
import io.loadfleet.api.spec.SecretFile;
import io.loadfleet.api.spec.SinkSpec;
import io.loadfleet.worker.engine.SinkTarget;
import io.loadfleet.worker.generate.input.GeneratorInputs;
import io.loadfleet.worker.secret.SecretFiles;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options {@code run}, {@code verify} and {@code worker} share: the broker that replaces the
 * configured one, how long reaching it may take, and where mounted Secret and ConfigMap keys are read
 * from. Their help and the connect timeout's default come from the using command's resource bundle:
 * {@code run} and {@code verify} read a profile and give up on a broker, a pod reads its mounted
 * configuration and keeps trying.
 */
final class SinkOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", descriptionKey = "bootstrap-servers")
    String bootstrapServers;

    @Option(names = "--service-url", paramLabel = "pulsar://HOST:PORT", descriptionKey = "service-url")
    String serviceUrl;

    @Option(
            names = "--connect-timeout",
            paramLabel = "DURATION",
            defaultValue = "${bundle:connect-timeout.default}",
            converter = PositiveDurationConverter.class,
            descriptionKey = "connect-timeout")
    Duration connectTimeout;

    @Option(
            names = "--secrets-dir",
            paramLabel = "DIR",
            defaultValue = SecretFile.POD_DIR,
            descriptionKey = "secrets-dir")
    Path secretsDir;

    @Option(
            names = "--config-maps-dir",
            paramLabel = "DIR",
            defaultValue = ConfigMapKeyRef.POD_DIR,
            descriptionKey = "config-maps-dir")
    Path configMapsDir;

    /**
     * Where {@code sink} sends, with the broker, connect timeout and secrets directory given here.
     *
     * @throws IllegalArgumentException when an option does not fit the sink (e.g. --service-url for Kafka)
     */
    SinkTarget target(SinkSpec sink) {
        return SinkTarget.of(sink, bootstrapServers, serviceUrl)
                .withConnectTimeout(connectTimeout)
                .withSecretsDir(secretsDir);
    }

    /** Where the generator's ConfigMap and Secret keys are read from. */
    GeneratorInputs generatorInputs() {
        return new GeneratorInputs(configMapsDir, new SecretFiles(secretsDir));
    }
}
