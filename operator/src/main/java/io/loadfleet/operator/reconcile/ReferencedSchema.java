package io.loadfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.loadfleet.api.LoadProfile;
import io.loadfleet.api.control.WorkerConfig;
import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.schema.CsvColumns;
import io.loadfleet.api.schema.RuledSchema;
import io.loadfleet.api.spec.AvroSchemaSpec;
import io.loadfleet.api.spec.ConfigMapKeyRef;
import java.util.List;
import java.util.Optional;

/**
 * The pods' configuration of a valid profile, with an avro-schema kept in a ConfigMap read, checked
 * and given inline: a bad or missing schema becomes the profile's status like any bad spec, and a
 * changed one changes the pods' configuration, which rolls them. Read on every reconcile, so an edit
 * of the ConfigMap takes effect within one poll.
 */
final class ReferencedSchema {
    static final String AT = "spec.generator.avroSchema.configMapRef";

    private ReferencedSchema() {}

    /** The configuration; null after adding to {@code problems} why the schema cannot be used. */
    static WorkerConfig resolve(LoadProfile profile, KubernetesClient client, List<Problem> problems) {
        WorkerConfig config = WorkerConfig.of(profile);
        AvroSchemaSpec spec = profile.getSpec().getGenerator().getAvroSchema();
        if (spec == null || spec.getConfigMapRef() == null) {
            return config;
        }
        ConfigMapKeyRef ref = spec.getConfigMapRef();
        String namespace = profile.getMetadata().getNamespace();
        ConfigMap configMap = client.configMaps()
                .inNamespace(namespace)
                .withName(ref.getName())
                .get();
        String text = configMap == null || configMap.getData() == null
                ? null
                : configMap.getData().get(ref.getKey());
        if (text == null) {
            problems.add(new Problem(
                    AT,
                    (configMap == null
                                    ? "ConfigMap " + ref.getName() + " does not exist"
                                    : "ConfigMap " + ref.getName() + " has no key " + ref.getKey())
                            + " in namespace " + namespace
                            + ": create it, e.g. kubectl create configmap " + ref.getName() + " --from-file="
                            + ref.getKey() + "=SCHEMA.avsc"));
            return null;
        }
        RuledSchema ruled = RuledSchema.parse(text, AT + " (" + ref + ")", problems);
        if (ruled == null) {
            return null;
        }
        // a nested field a CSV file cannot hold: Ready=False here rather than pods that exit at start
        Optional<Problem> csv = CsvColumns.refusal(profile.getSpec().getSink(), ruled.schema());
        if (csv.isPresent()) {
            problems.add(csv.get());
            return null;
        }
        return config.withGenerator(profile.getSpec().getGenerator().withInlineSchema(text));
    }
}
