package io.loadfleet.worker.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loadfleet.api.spec.Format;
import io.loadfleet.worker.records.GeneratedRecord;
import io.loadfleet.worker.sink.registry.RegistryFraming;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/** Nested values as the JSON and Avro encoders write them: exactly the documented JSON, and Avro that Avro decodes. */
class NestedEncodingTest {
    static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Order", "fields": [
              {"name": "id", "type": "string"},
              {"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
                {"name": "name", "type": "string"},
                {"name": "tier", "type": {"type": "enum", "name": "Tier", "symbols": ["BASIC", "GOLD"]}}]}},
              {"name": "lines", "type": {"type": "array", "items": {"type": "record", "name": "Line", "fields": [
                {"name": "qty", "type": "int"},
                {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}}]}}},
              {"name": "attrs", "type": {"type": "map", "values": ["null", "double"]}},
              {"name": "pay", "type": ["null", "string", {"type": "record", "name": "Card", "fields": [
                {"name": "last4", "type": "string"}]}]},
              {"name": "fee", "type": {"type": "fixed", "name": "Fee", "size": 3, "logicalType": "decimal",
                "precision": 6, "scale": 2}},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "slot", "type": {"type": "int", "logicalType": "time-millis"}},
              {"name": "at", "type": {"type": "long", "logicalType": "timestamp-micros"}},
              {"name": "ref", "type": {"type": "fixed", "name": "Ref", "size": 16, "logicalType": "uuid"}},
              {"name": "blob", "type": "bytes"},
              {"name": "ratio", "type": "float"},
              {"name": "count", "type": "long"}]}""");

    private static final Schema LINE = SCHEMA.getField("lines").schema().getElementType();
    private static final Schema CARD =
            SCHEMA.getField("pay").schema().getTypes().get(2);

    private static GenericRecord record(Schema type, Object... values) {
        GenericData.Record r = new GenericData.Record(type);
        for (int i = 0; i < values.length; i++) {
            r.put(i, values[i]);
        }
        return r;
    }

    private static ByteBuffer decimal(String value, Schema type) {
        return new Conversions.DecimalConversion().toBytes(new BigDecimal(value), type, type.getLogicalType());
    }

    /** A record with each nested shape, filled as the generator fills one. */
    static GeneratedRecord order(Object pay, String lastPrice) {
        Schema price = LINE.getField("price").schema();
        Schema fee = SCHEMA.getField("fee").schema();
        Map<Utf8, Object> attrs = new LinkedHashMap<>();
        attrs.put(new Utf8("gift \"wrap\""), 1.5);
        attrs.put(new Utf8("note"), null);
        GeneratedRecord r = new GeneratedRecord(SCHEMA);
        r.put(0, "o-1");
        r.putGeneric(
                1,
                record(
                        SCHEMA.getField("customer").schema(),
                        new Utf8("Zoë"),
                        new GenericData.EnumSymbol(
                                SCHEMA.getField("customer")
                                        .schema()
                                        .getField("tier")
                                        .schema(),
                                "GOLD")));
        r.putGeneric(
                2,
                new GenericData.Array<>(
                        SCHEMA.getField("lines").schema(),
                        List.of(record(LINE, 2, decimal("12.30", price)), record(LINE, 1, decimal(lastPrice, price)))));
        r.putGeneric(3, attrs);
        r.putGeneric(4, pay);
        r.putGeneric(
                5, new Conversions.DecimalConversion().toFixed(new BigDecimal("-0.50"), fee, fee.getLogicalType()));
        r.putGeneric(6, 20_500); // 2026-02-16
        r.putGeneric(7, 45_296_789); // 12:34:56.789
        r.putGeneric(8, 1_771_245_296_000_123L);
        UUID ref = UUID.fromString("123e4567-e89b-42d3-a456-426614174000");
        r.putGeneric(
                9,
                new GenericData.Fixed(
                        SCHEMA.getField("ref").schema(),
                        ByteBuffer.allocate(16)
                                .putLong(ref.getMostSignificantBits())
                                .putLong(ref.getLeastSignificantBits())
                                .array()));
        r.putGeneric(10, ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}));
        r.putGeneric(11, 0.1f);
        r.put(12, 42L);
        return r;
    }

    @Test
    void jsonIsTheDocumentedMapping() {
        RecordEncoder json = Encoders.create(Format.JSON, SCHEMA);
        assertEquals(
                "{\"id\":\"o-1\",\"customer\":{\"name\":\"Zoë\",\"tier\":\"GOLD\"},"
                        + "\"lines\":[{\"qty\":2,\"price\":12.30},{\"qty\":1,\"price\":0.07}],"
                        + "\"attrs\":{\"gift \\\"wrap\\\"\":1.5,\"note\":null},"
                        + "\"pay\":{\"last4\":\"4242\"},\"fee\":-0.50,\"day\":\"2026-02-16\",\"slot\":\"12:34:56.789\","
                        + "\"at\":\"2026-02-16T12:34:56.000123Z\",\"ref\":\"123e4567-e89b-42d3-a456-426614174000\","
                        + "\"blob\":\"AAEC/w==\",\"ratio\":0.1,\"count\":42}",
                new String(json.encode(order(record(CARD, new Utf8("4242")), "0.07")), StandardCharsets.UTF_8));
        // a union's branch is its value alone; a null branch is null
        String text = new String(json.encode(order(new Utf8("cash"), "1")), StandardCharsets.UTF_8);
        assertEquals("\"pay\":\"cash\"", text.substring(text.indexOf("\"pay\""), text.indexOf(",\"fee\"")));
        text = new String(json.encode(order(null, "1")), StandardCharsets.UTF_8);
        assertEquals("\"pay\":null", text.substring(text.indexOf("\"pay\""), text.indexOf(",\"fee\"")));
    }

    @Test
    void avroIsWhatAvrosGenericWriterWritesAndItsReaderReads() throws Exception {
        GeneratedRecord order = order(record(CARD, new Utf8("4242")), "0.07");
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(SCHEMA);
        byte[] bytes = Encoders.create(Format.AVRO, SCHEMA).encode(order);
        GenericRecord back = reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        assertEquals(order.toGenericRecord(), back); // GenericData's equality, nested values included
        // behind a registry's frame, the same bytes
        byte[] framed = Encoders.avroAfter(RegistryFraming.header(7), SCHEMA).encode(order);
        assertArrayEquals(bytes, Arrays.copyOfRange(framed, RegistryFraming.HEADER_BYTES, framed.length));
    }

    /** A nested value far larger than the buffer grows it, and the flat fields after it still fit. */
    @Test
    void bigNestedValuesGrowTheBuffersOfBothEncoders() throws Exception {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Big", "fields": [
                  {"name": "items", "type": {"type": "array", "items": "string"}},
                  {"name": "after", "type": "string"}, {"name": "n", "type": "long"}]}""");
        GeneratedRecord r = new GeneratedRecord(schema);
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
        RecordEncoder avro = Encoders.create(Format.AVRO, schema);
        RecordEncoder json = Encoders.create(Format.JSON, schema);
        for (int size : new int[] {0, 5_000, 3}) {
            List<Utf8> items = java.util.stream.IntStream.range(0, size)
                    .mapToObj(i -> new Utf8("item-" + i))
                    .toList();
            r.putGeneric(0, new GenericData.Array<>(schema.getField("items").schema(), items));
            r.put(1, "x".repeat(size));
            r.put(2, Long.MAX_VALUE);
            GenericRecord back = reader.read(null, DecoderFactory.get().binaryDecoder(avro.encode(r), null));
            assertEquals(r.toGenericRecord().toString(), back.toString());
            String text = new String(json.encode(r), StandardCharsets.UTF_8);
            String start = size == 0 ? "{\"items\":[]," : "{\"items\":[\"item-0\",";
            assertEquals(start, text.substring(0, start.length()));
            assertEquals(
                    ",\"after\":\"" + "x".repeat(size) + "\",\"n\":" + Long.MAX_VALUE + "}",
                    text.substring(text.indexOf(",\"after\"")));
        }
    }
}
