package io.loadfleet.api.validation;

import io.loadfleet.api.problem.Problem;
import io.loadfleet.api.schema.CsvColumns;
import io.loadfleet.api.schema.DatasetSchema;
import io.loadfleet.api.schema.RuledSchema;
import io.loadfleet.api.spec.AvroSchemaSpec;
import io.loadfleet.api.spec.ColumnType;
import io.loadfleet.api.spec.ConfigMapKeyRef;
import io.loadfleet.api.spec.DatasetColumn;
import io.loadfleet.api.spec.DatasetSpec;
import io.loadfleet.api.spec.DatasetTimestampsSpec;
import io.loadfleet.api.spec.GeneratorSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.spec.Limits;
import io.loadfleet.api.spec.RegenerateKind;
import io.loadfleet.api.spec.RegeneratedColumnSpec;
import io.loadfleet.api.spec.S3ObjectSpec;
import io.loadfleet.api.spec.SinkSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;

/**
 * Checks spec.generator's dataset, avroSchema and settings against its type, and that an inline
 * avroSchema fits the sink (CSV files hold no nested fields).
 */
final class GeneratorValidator {
    private static final String DATASET = "spec.generator.dataset";
    private static final String AVRO_SCHEMA = "spec.generator.avroSchema";
    private static final Pattern AVRO_NAME = Pattern.compile(DatasetColumn.NAME_PATTERN);

    private GeneratorValidator() {}

    static void validate(List<Problem> problems, GeneratorSpec generator, SinkSpec sink) {
        GeneratorType type = generator.getType();
        if (generator.getDataset() != null && type != GeneratorType.DATASET) {
            problems.add(new Problem(DATASET, "is for type dataset only (type is " + type.id() + "): remove it"));
        }
        if (generator.getAvroSchema() != null && type != GeneratorType.AVRO_SCHEMA) {
            problems.add(
                    new Problem(AVRO_SCHEMA, "is for type avro-schema only (type is " + type.id() + "): remove it"));
        }
        GeneratorSettingsValidator.validate(problems, generator.getSettings(), type);
        if (type == GeneratorType.DATASET) {
            dataset(problems, generator.getDataset());
        } else if (type == GeneratorType.AVRO_SCHEMA) {
            avroSchema(problems, generator.getAvroSchema(), sink);
        }
    }

    private static void dataset(List<Problem> problems, DatasetSpec dataset) {
        if (dataset == null) {
            problems.add(new Problem(
                    DATASET,
                    "is required for type dataset: give a source (path, configMapRef, url or s3) and columns"));
            return;
        }
        long sources = Stream.of(dataset.getPath(), dataset.getConfigMapRef(), dataset.getUrl(), dataset.getS3())
                .filter(s -> s != null)
                .count();
        if (sources != 1) {
            problems.add(new Problem(
                    DATASET, "names " + sources + " sources: give exactly one of path, configMapRef, url or s3"));
        }
        if (dataset.getPath() != null && dataset.getPath().isBlank()) {
            problems.add(new Problem(DATASET + ".path", "is empty: give the dataset file's path"));
        }
        if (dataset.getUrl() != null) {
            httpUrl(problems, DATASET + ".url", dataset.getUrl());
        }
        configMapRef(problems, DATASET + ".configMapRef", dataset.getConfigMapRef());
        s3(problems, dataset.getS3());
        if (sources == 1 && dataset.effectiveFormat().isEmpty()) {
            problems.add(new Problem(
                    DATASET + ".format",
                    "is required: the file name \"" + dataset.fileName()
                            + "\" does not end in .csv, .jsonl or .ndjson; give csv or jsonl"));
        }
        columns(problems, dataset);
    }

    private static void columns(List<Problem> problems, DatasetSpec dataset) {
        List<DatasetColumn> columns = dataset.getColumns();
        if (columns.isEmpty()) {
            problems.add(new Problem(DATASET + ".columns", "is required: list each column's name and type"));
            return;
        }
        Set<String> names = new HashSet<>();
        boolean ok = true;
        for (int i = 0; i < columns.size(); i++) {
            DatasetColumn c = columns.get(i);
            String at = DATASET + ".columns[" + i + "]";
            if (c == null
                    || c.getName() == null
                    || !AVRO_NAME.matcher(c.getName()).matches()) {
                problems.add(new Problem(
                        at + ".name",
                        (c == null || c.getName() == null ? "is required" : "\"" + c.getName() + "\" is not")
                                + " a field name: letters, digits and '_', not starting with a digit"));
                ok = false;
            } else if (!names.add(c.getName())) {
                problems.add(
                        new Problem(at + ".name", "\"" + c.getName() + "\" is declared twice: name each column once"));
                ok = false;
            }
            if (c != null && c.getType() == null) {
                problems.add(new Problem(at + ".type", "is required: string, int, long, double, boolean or timestamp"));
                ok = false;
            }
        }
        if (dataset.getKeyColumn() != null && !names.contains(dataset.getKeyColumn())) {
            notDeclared(problems, DATASET + ".keyColumn", dataset.getKeyColumn(), columns);
        }
        timestamps(problems, dataset.getTimestamps(), columns);
        regenerate(problems, dataset.effectiveRegenerate(), columns);
        if (ok) {
            try {
                DatasetSchema.of(columns);
            } catch (AvroRuntimeException e) {
                problems.add(new Problem(DATASET + ".columns", "do not make an Avro record: " + e.getMessage()));
            }
        }
    }

    private static void timestamps(
            List<Problem> problems, DatasetTimestampsSpec timestamps, List<DatasetColumn> columns) {
        if (timestamps == null) {
            return;
        }
        String at = DATASET + ".timestamps.column";
        DatasetColumn column =
                declared(problems, at, timestamps.getColumn(), columns, "the timestamp column to rebase");
        if (column != null && column.getType() != null && column.getType() != ColumnType.TIMESTAMP) {
            problems.add(new Problem(
                    at,
                    "\"" + column.getName() + "\" is " + withArticle(column.getType())
                            + " column: rebase a column of type "
                            + "timestamp (values ISO-8601 or epoch milliseconds), or declare this one so"));
        }
    }

    private static void regenerate(
            List<Problem> problems, List<RegeneratedColumnSpec> regenerate, List<DatasetColumn> columns) {
        Set<String> listed = new HashSet<>();
        for (int i = 0; i < regenerate.size(); i++) {
            RegeneratedColumnSpec r = regenerate.get(i);
            String at = DATASET + ".regenerate[" + i + "]";
            if (r == null) {
                problems.add(new Problem(at, "is empty: give column and kind (uuid or sequence)"));
                continue;
            }
            if (r.getKind() == null) {
                problems.add(new Problem(at + ".kind", "is required: uuid or sequence"));
            }
            DatasetColumn column =
                    declared(problems, at + ".column", r.getColumn(), columns, "the column to regenerate");
            if (column == null) {
                continue;
            }
            if (!listed.add(column.getName())) {
                problems.add(new Problem(
                        at + ".column", "\"" + column.getName() + "\" is listed twice: regenerate each column once"));
            } else if (r.getKind() != null && column.getType() != null && !fits(r.getKind(), column.getType())) {
                problems.add(new Problem(
                        at + ".column",
                        "\"" + column.getName() + "\" is " + withArticle(column.getType()) + " column: "
                                + r.getKind().id()
                                + (r.getKind() == RegenerateKind.UUID
                                        ? " needs a string column"
                                        : " needs a long or string column")));
            }
        }
    }

    /** "an int", "a long": a column type as a sentence names it. */
    private static String withArticle(ColumnType type) {
        return ("aeiou".indexOf(type.id().charAt(0)) >= 0 ? "an " : "a ") + type.id();
    }

    /** Whether {@code kind}'s values fit a column of {@code type}: a UUID is text, a sequence a long or its text. */
    private static boolean fits(RegenerateKind kind, ColumnType type) {
        return type == ColumnType.STRING || (kind == RegenerateKind.SEQUENCE && type == ColumnType.LONG);
    }

    /** The declared column {@code name}; null, with the problem added, when it is missing or not declared. */
    private static DatasetColumn declared(
            List<Problem> problems, String at, String name, List<DatasetColumn> columns, String what) {
        if (name == null) {
            problems.add(new Problem(at, "is required: " + what));
            return null;
        }
        for (DatasetColumn c : columns) {
            if (c != null && name.equals(c.getName())) {
                return c;
            }
        }
        notDeclared(problems, at, name, columns);
        return null;
    }

    private static void notDeclared(List<Problem> problems, String at, String name, List<DatasetColumn> columns) {
        problems.add(new Problem(
                at,
                "\"" + name + "\" is not a declared column: use one of "
                        + columns.stream()
                                .filter(c -> c != null)
                                .map(DatasetColumn::getName)
                                .toList()));
    }

    private static void s3(List<Problem> problems, S3ObjectSpec s3) {
        if (s3 == null) {
            return;
        }
        String at = DATASET + ".s3";
        if (s3.getEndpoint() != null) {
            httpUrl(problems, at + ".endpoint", s3.getEndpoint());
        }
        if (s3.getRegion() != null && s3.getRegion().isBlank()) {
            problems.add(new Problem(
                    at + ".region",
                    "is empty: give the region requests are signed for, or leave it out for us-east-1"));
        }
        if (s3.getBucket() == null || s3.getBucket().isBlank()) {
            problems.add(new Problem(at + ".bucket", "is required: the bucket holding the dataset"));
        }
        if (s3.getKey() == null || s3.getKey().isBlank()) {
            problems.add(
                    new Problem(at + ".key", "is required: the dataset object's key, e.g. datasets/transactions.csv"));
        }
        if (s3.getSecretRef() == null) {
            problems.add(new Problem(at + ".secretRef", "is required: a Secret with accessKeyId and secretAccessKey"));
            return;
        }
        SecretRefValidator.name(
                problems, at + ".secretRef.name", s3.getSecretRef().getName());
        SecretRefValidator.key(
                problems, at + ".secretRef.accessKeyIdKey", s3.getSecretRef().getAccessKeyIdKey());
        SecretRefValidator.key(
                problems,
                at + ".secretRef.secretAccessKeyKey",
                s3.getSecretRef().getSecretAccessKeyKey());
    }

    private static void avroSchema(List<Problem> problems, AvroSchemaSpec spec, SinkSpec sink) {
        if (spec == null || (spec.getSchema() == null) == (spec.getConfigMapRef() == null)) {
            problems.add(new Problem(
                    AVRO_SCHEMA,
                    (spec == null
                                    ? "is required for type avro-schema"
                                    : "names " + (spec.getSchema() == null ? "neither" : "both")
                                            + " schema and configMapRef")
                            + ": give the schema inline (schema: |) or configMapRef {name, key}"));
            return;
        }
        configMapRef(problems, AVRO_SCHEMA + ".configMapRef", spec.getConfigMapRef());
        if (spec.getSchema() != null) {
            RuledSchema ruled = RuledSchema.parse(spec.getSchema(), AVRO_SCHEMA + ".schema", problems);
            if (ruled != null) {
                CsvColumns.refusal(sink, ruled.schema()).ifPresent(problems::add);
            }
        }
    }

    private static void configMapRef(List<Problem> problems, String at, ConfigMapKeyRef ref) {
        if (ref == null) {
            return;
        }
        if (ref.getName() == null || ref.getName().isEmpty()) {
            problems.add(
                    new Problem(at + ".name", "is required: the name of a ConfigMap in the LoadProfile's namespace"));
        } else if (!ref.getName().matches(Limits.SECRET_NAME_PATTERN)) {
            problems.add(new Problem(
                    at + ".name",
                    "\"" + ref.getName() + "\" is not a ConfigMap name: use lower-case "
                            + "letters, digits, '-' and '.', starting and ending with a letter or digit"));
        }
        if (ref.getKey() == null || ref.getKey().isEmpty()) {
            problems.add(new Problem(at + ".key", "is required: the ConfigMap key holding the file"));
        } else if (!ref.getKey().matches(Limits.SECRET_KEY_PATTERN)) {
            problems.add(new Problem(
                    at + ".key",
                    "\"" + ref.getKey() + "\" is not a ConfigMap key: use letters, digits, '-', '_' and '.'"));
        }
    }

    static void httpUrl(List<Problem> problems, String at, String url) {
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add(new Problem(at, "\"" + url + "\" is not an http:// or https:// URL with a host"));
            }
        } catch (URISyntaxException e) {
            problems.add(new Problem(at, "\"" + url + "\" is not a URL: " + e.getReason()));
        }
    }
}
