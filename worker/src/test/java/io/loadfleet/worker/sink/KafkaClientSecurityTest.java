package io.loadfleet.worker.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.read.ProfileLoader;
import io.loadfleet.worker.secret.SecretFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSecurityTest {
    @TempDir
    Path dir;

    @Test
    void kafkasOwnJaasParserReadsBackAPasswordWithQuotesAndBackslashes() throws Exception {
        String password = "pa\"ss\\wo rd;'x";
        Files.createDirectories(dir.resolve("creds"));
        Files.writeString(dir.resolve("creds/user"), "alice\n");
        Files.writeString(dir.resolve("creds/password"), password);
        LoadProfile profile = ProfileLoader.parse("""
                apiVersion: loadfleet.io/v1alpha1
                kind: LoadProfile
                metadata: {name: p}
                spec:
                  targetRate: 1
                  devices: {count: 1}
                  generator: {type: temperature}
                  sink:
                    kafka:
                      topic: t
                      security: {protocol: SASL_SSL, sasl: {mechanism: SCRAM-SHA-256, secretRef: {name: creds, usernameKey: user}}}
                """);
        Properties p = KafkaClientSecurity.of(profile.getSpec().getSink().getKafka(), new SecretFiles(dir));
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("SCRAM-SHA-256", p.get("sasl.mechanism"));
        JaasContext jaas = JaasContext.loadClientContext(
                Map.of("sasl.jaas.config", new Password((String) p.get("sasl.jaas.config"))));
        Map<String, ?> options = jaas.configurationEntries().get(0).getOptions();
        assertEquals("alice", options.get("username"), "the line break of a --from-file Secret is dropped");
        assertEquals(password, options.get("password"));
        assertEquals(
                "org.apache.kafka.common.security.scram.ScramLoginModule",
                jaas.configurationEntries().get(0).getLoginModuleName());
    }
}
