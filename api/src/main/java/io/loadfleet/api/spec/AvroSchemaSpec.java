package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** The user's own record shape: an Avro record schema whose fields carry generation rules. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "has(self.schema) != has(self.configMapRef)",
        message = "spec.generator.avroSchema: give exactly one of schema and configMapRef: the schema inline "
                + "(schema: |) or configMapRef {name, key}",
        messageExpression = "'spec.generator.avroSchema: names ' + (has(self.schema) ? 'both' : 'neither')"
                + " + ' schema and configMapRef: give the schema inline (schema: |) or configMapRef {name, key}'")
public class AvroSchemaSpec {
    @JsonPropertyDescription("The Avro schema (.avsc JSON) inline, with each field's rules in its \"arg.properties\".")
    private String schema;

    @JsonPropertyDescription(
            "Or: the ConfigMap key holding the schema (the operator reads it and hands it to the pods).")
    private ConfigMapKeyRef configMapRef;

    public AvroSchemaSpec() {}

    public AvroSchemaSpec(String schema) {
        this.schema = schema;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public ConfigMapKeyRef getConfigMapRef() {
        return configMapRef;
    }

    public void setConfigMapRef(ConfigMapKeyRef configMapRef) {
        this.configMapRef = configMapRef;
    }
}
