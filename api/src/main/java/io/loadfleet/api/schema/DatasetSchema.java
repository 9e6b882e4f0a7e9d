package io.loadfleet.api.schema;

import io.loadfleet.api.spec.DatasetColumn;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** The record schema of a dataset's rows: one field per declared column, in order, nullable where declared. */
public final class DatasetSchema {
    public static final String NAME = "DatasetRow";
    public static final String NAMESPACE = "io.loadfleet.dataset";

    private DatasetSchema() {}

    /**
     * @throws org.apache.avro.AvroRuntimeException when a column name is not an Avro name or repeats
     */
    public static Schema of(List<DatasetColumn> columns) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(NAME)
                .namespace(NAMESPACE)
                .doc("A row of the replayed dataset")
                .fields();
        for (DatasetColumn column : columns) {
            Schema type = switch (column.getType()) {
                case STRING -> Schema.create(Schema.Type.STRING);
                case INT -> Schema.create(Schema.Type.INT);
                case LONG -> Schema.create(Schema.Type.LONG);
                case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
                case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
                case TIMESTAMP -> LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
            };
            if (column.effectiveNullable()) {
                type = Schema.createUnion(Schema.create(Schema.Type.NULL), type);
            }
            fields = fields.name(column.getName()).type(type).noDefault();
        }
        return fields.endRecord();
    }
}
