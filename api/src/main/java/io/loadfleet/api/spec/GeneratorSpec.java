package io.loadfleet.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The record shape and its random seed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.type) || self.type != 'dataset' || has(self.dataset)",
        fieldPath = ".dataset",
        message = "spec.generator.dataset: is required for type dataset: give a source (path, configMapRef, url or s3) "
                + "and columns")
@ValidationRule(
        value = "!has(self.type) || self.type != 'avro-schema' || has(self.avroSchema)",
        fieldPath = ".avroSchema",
        message = "spec.generator.avroSchema: is required for type avro-schema: give the schema inline (schema: |) or "
                + "configMapRef {name, key}")
@ValidationRule(
        value = "!has(self.dataset) || !has(self.type) || self.type == 'dataset'",
        fieldPath = ".dataset",
        message = "spec.generator.dataset: is for type dataset only: remove it",
        messageExpression = "'spec.generator.dataset: is for type dataset only (type is ' + self.type + '): remove it'")
@ValidationRule(
        value = "!has(self.avroSchema) || !has(self.type) || self.type == 'avro-schema'",
        fieldPath = ".avroSchema",
        message = "spec.generator.avroSchema: is for type avro-schema only: remove it",
        messageExpression =
                "'spec.generator.avroSchema: is for type avro-schema only (type is ' + self.type" + " + '): remove it'")
@ValidationRule(
        value = "!has(self.settings) || !has(self.settings.iotSensor) || !has(self.type) || self.type == 'iot-sensor'",
        fieldPath = ".settings.iotSensor",
        message = "spec.generator.settings.iotSensor: is for type iot-sensor only: remove it",
        messageExpression =
                "'spec.generator.settings.iotSensor: is for type iot-sensor only (type is ' + self.type + '): remove it'")
@ValidationRule(
        value =
                "!has(self.settings) || !has(self.settings.smartMeter) || !has(self.type) || self.type == 'smart-meter'",
        fieldPath = ".settings.smartMeter",
        message = "spec.generator.settings.smartMeter: is for type smart-meter only: remove it",
        messageExpression =
                "'spec.generator.settings.smartMeter: is for type smart-meter only (type is ' + self.type + '): remove it'")
@ValidationRule(
        value =
                "!has(self.settings) || !has(self.settings.transaction) || !has(self.type) || self.type == 'transaction'",
        fieldPath = ".settings.transaction",
        message = "spec.generator.settings.transaction: is for type transaction only: remove it",
        messageExpression =
                "'spec.generator.settings.transaction: is for type transaction only (type is ' + self.type + '): remove it'")
@ValidationRule(
        value = "!has(self.settings) || !has(self.settings.gamingBet) || !has(self.type) || self.type == 'gaming-bet'",
        fieldPath = ".settings.gamingBet",
        message = "spec.generator.settings.gamingBet: is for type gaming-bet only: remove it",
        messageExpression =
                "'spec.generator.settings.gamingBet: is for type gaming-bet only (type is ' + self.type + '): remove it'")
@ValidationRule(
        value =
                "!has(self.settings) || !has(self.settings.temperature) || !has(self.type) || self.type == 'temperature'",
        fieldPath = ".settings.temperature",
        message = "spec.generator.settings.temperature: is for type temperature only: remove it",
        messageExpression =
                "'spec.generator.settings.temperature: is for type temperature only (type is ' + self.type + '): remove it'")
public class GeneratorSpec {
    public static final long DEFAULT_SEED = 1;

    @JsonPropertyDescription("The record shape: smart-meter | iot-sensor | transaction | gaming-bet | temperature, "
            + "or dataset (rows of your own file, with generator.dataset) | avro-schema (your own schema and rules, "
            + "with generator.avroSchema).")
    @Required
    private GeneratorType type;

    @JsonPropertyDescription("Random seed: same seed, same records. Default 1.")
    private Long seed;

    @JsonPropertyDescription("type dataset: the dataset to replay.")
    private DatasetSpec dataset;

    @JsonPropertyDescription("type avro-schema: the schema and its field rules.")
    private AvroSchemaSpec avroSchema;

    @JsonPropertyDescription("The built-in generators' odds and ranges: a block for the type (iotSensor, smartMeter, "
            + "transaction, gamingBet or temperature); every knob left out keeps its default.")
    private GeneratorSettingsSpec settings;

    public GeneratorType getType() {
        return type;
    }

    public void setType(GeneratorType type) {
        this.type = type;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public DatasetSpec getDataset() {
        return dataset;
    }

    public void setDataset(DatasetSpec dataset) {
        this.dataset = dataset;
    }

    public AvroSchemaSpec getAvroSchema() {
        return avroSchema;
    }

    public void setAvroSchema(AvroSchemaSpec avroSchema) {
        this.avroSchema = avroSchema;
    }

    public GeneratorSettingsSpec getSettings() {
        return settings;
    }

    public void setSettings(GeneratorSettingsSpec settings) {
        this.settings = settings;
    }

    /** The settings, or none: every knob at its default. */
    public GeneratorSettingsSpec effectiveSettings() {
        return settings == null ? new GeneratorSettingsSpec() : settings;
    }

    /** The Secret keys this validated generator reads when it loads: a dataset's S3 access key pair. */
    @JsonIgnore
    public List<SecretFile> secretFiles() {
        return dataset == null || dataset.getS3() == null
                ? List.of()
                : List.of(dataset.getS3().accessKeyIdFile(), dataset.getS3().secretAccessKeyFile());
    }

    /** This generator with its avro-schema given inline: what the operator hands pods after reading the ConfigMap. */
    public GeneratorSpec withInlineSchema(String schema) {
        GeneratorSpec copy = new GeneratorSpec();
        copy.type = type;
        copy.seed = seed;
        copy.dataset = dataset;
        copy.avroSchema = new AvroSchemaSpec(schema);
        copy.settings = settings;
        return copy;
    }

    public long effectiveSeed() {
        return seed == null ? DEFAULT_SEED : seed;
    }
}
