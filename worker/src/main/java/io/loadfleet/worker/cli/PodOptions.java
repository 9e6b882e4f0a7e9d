package io.loadfleet.worker.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.loadfleet.api.control.WorkerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of a pod's process ({@code worker}, {@code verify --live}): the fleet's configuration mounted
 * from its ConfigMap, and where the pod's HTTP API listens. Their help comes from the using command's
 * resource bundle.
 */
final class PodOptions {
    static final List<String> NAMES = List.of("--config", "--port", "--bind-address");

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "/etc/loadfleet/worker.yaml",
            descriptionKey = "config")
    Path config;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", descriptionKey = "port")
    int port;

    @Option(
            names = "--bind-address",
            paramLabel = "ADDRESS",
            defaultValue = "${env:LOADFLEET_BIND_ADDRESS:-0.0.0.0}",
            descriptionKey = "bind-address")
    String bindAddress;

    /** @throws IllegalArgumentException in one line naming the file, when it cannot be read or is not one */
    WorkerConfig readConfig() {
        try {
            return YAML.readValue(config.toFile(), WorkerConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("--config " + config + ": not a readable worker configuration: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** @throws IllegalArgumentException when the port is not one */
    InetSocketAddress address() {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port: " + port + " is not a port (0 to 65535; 0: any free one)");
        }
        return new InetSocketAddress(bindAddress, port);
    }
}
