package io.loadfleet.worker.generate;

import static io.loadfleet.worker.generate.GeneratorFixtures.device;
import static io.loadfleet.worker.generate.GeneratorFixtures.eventTime;
import static io.loadfleet.worker.testing.TransactionRows.ROWS;
import static io.loadfleet.worker.testing.TransactionRows.csv;
import static io.loadfleet.worker.testing.TransactionRows.jsonLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.loadfleet.api.spec.ColumnType;
import io.loadfleet.api.spec.ConfigMapKeyRef;
import io.loadfleet.api.spec.DatasetColumn;
import io.loadfleet.api.spec.DatasetSpec;
import io.loadfleet.api.spec.GeneratorSpec;
import io.loadfleet.api.spec.GeneratorType;
import io.loadfleet.api.spec.S3ObjectSpec;
import io.loadfleet.api.spec.S3SecretRef;
import io.loadfleet.s3.S3Server;
import io.loadfleet.worker.generate.input.GeneratorInputException;
import io.loadfleet.worker.generate.input.GeneratorInputs;
import io.loadfleet.worker.records.GeneratedRecord;
import io.loadfleet.worker.secret.SecretFiles;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The dataset generator over each source that runs here: a file, a ConfigMap key, HTTP served by the test, S3 (s3proxy). */
@Timeout(120)
class DatasetTest {
    private static final int DRAWS = 20_000;

    @TempDir
    Path dir;

    static DatasetSpec spec() {
        DatasetSpec spec = new DatasetSpec();
        spec.setKeyColumn("account_id");
        spec.setColumns(List.of(
                new DatasetColumn("txn_id", ColumnType.INT, null),
                new DatasetColumn("account_id", ColumnType.STRING, null),
                new DatasetColumn("amount", ColumnType.DOUBLE, null),
                new DatasetColumn("merchant", ColumnType.STRING, null),
                new DatasetColumn("approved", ColumnType.BOOLEAN, null),
                new DatasetColumn("at", ColumnType.TIMESTAMP, null),
                new DatasetColumn("note", ColumnType.STRING, true)));
        return spec;
    }

    static GeneratorSpec generator(DatasetSpec dataset, long seed) {
        GeneratorSpec spec = new GeneratorSpec();
        spec.setType(GeneratorType.DATASET);
        spec.setSeed(seed);
        spec.setDataset(dataset);
        return spec;
    }

    record Draw(GenericData.Record row, Utf8 key) {}

    static List<Draw> draw(GeneratorSpec spec, GeneratorInputs inputs, int count) {
        RecordShape shape = Generators.shape(spec, inputs);
        RecordGenerator generator = shape.create(new GeneratorSettings(
                spec.effectiveSeed(), 0, GeneratorFixtures.DEVICE_START, GeneratorFixtures.DEVICE_END));
        GeneratedRecord record = new GeneratedRecord(shape.schema());
        List<Draw> draws = new ArrayList<>();
        for (long seq = 0; seq < count; seq++) {
            generator.fill(device(seq), seq, eventTime(seq), record);
            draws.add(new Draw(record.toGenericRecord(), generator.key(device(seq))));
        }
        return draws;
    }

    /** Every draw is a whole row of the file; every row comes up, about equally often; keys are the key column. */
    static void assertReplaysTheRows(List<Draw> draws) {
        Map<Integer, Integer> times = new HashMap<>();
        for (Draw d : draws) {
            int i = (Integer) d.row().get("txn_id");
            times.merge(i, 1, Integer::sum);
            assertEquals("acct-" + i % 10, d.row().get("account_id"));
            assertEquals(i * 1.25, (Double) d.row().get("amount"), 0.005);
            assertEquals("m" + i % 3 + ", Inc.", d.row().get("merchant"));
            assertEquals(i % 2 == 0, d.row().get("approved"));
            assertEquals((1_700_000_000L + i) * 1000, d.row().get("at"));
            assertEquals(i % 5 == 0 ? "note " + i : null, d.row().get("note"));
            assertEquals("acct-" + i % 10, d.key().toString(), "keyColumn account_id is the message key");
        }
        assertEquals(ROWS, times.size(), "with replacement, every row is drawn");
        double expected = draws.size() / (double) ROWS;
        times.values().forEach(n -> assertEquals(expected, n, expected * 0.25, "uniform draws: " + times));
    }

    @Test
    void csvFromAFileIsReplayedRowByRowWithReplacement() throws Exception {
        Files.writeString(dir.resolve("tx.csv"), csv());
        DatasetSpec spec = spec();
        spec.setPath(dir.resolve("tx.csv").toString());
        List<Draw> draws = draw(generator(spec, 7), null, DRAWS);
        assertReplaysTheRows(draws);
        assertEquals(draws, draw(generator(spec, 7), null, DRAWS), "same seed, same rows in the same order");
        assertNotEquals(
                draws.stream().map(Draw::row).toList(),
                draw(generator(spec, 8), null, DRAWS).stream().map(Draw::row).toList());
    }

    @Test
    void jsonLinesFromAConfigMapKeyHoldTheSameRows() throws Exception {
        Files.createDirectories(dir.resolve("tx-sample"));
        Files.writeString(dir.resolve("tx-sample/tx.jsonl"), jsonLines());
        DatasetSpec spec = spec();
        spec.setConfigMapRef(new ConfigMapKeyRef("tx-sample", "tx.jsonl"));
        assertReplaysTheRows(draw(generator(spec, 7), new GeneratorInputs(dir, null), DRAWS));
    }

    @Test
    void withoutAKeyColumnTheKeyIsTheDeviceId() throws Exception {
        Files.writeString(dir.resolve("tx.csv"), csv());
        DatasetSpec spec = spec();
        spec.setKeyColumn(null);
        spec.setPath(dir.resolve("tx.csv").toString());
        List<Draw> draws = draw(generator(spec, 7), null, 100);
        for (int seq = 0; seq < 100; seq++) {
            assertEquals(
                    String.format("dev-%07d", device(seq)), draws.get(seq).key().toString());
        }
    }

    @Test
    void badRowsAreReportedWithTheirLineNumbersAndNothingIsDropped() throws Exception {
        String text = csv().lines().toList().subList(0, 6).stream()
                        .map(l -> l + "\n")
                        .reduce("", String::concat)
                        .replace("\n2,acct-2,2.50,", "\n2,acct-2,2.5O,") // line 4: a letter O in a number
                        .replace("\n4,acct-4,5.00,\"m1, Inc.\",true,", "\n4,acct-4,5.00,\"m1, Inc.\",yes,") // line 6
                + "5,acct-5,6.25\n"; // line 7: too few cells
        Files.writeString(dir.resolve("bad.csv"), text);
        DatasetSpec spec = spec();
        spec.setPath(dir.resolve("bad.csv").toString());
        GeneratorInputException e =
                assertThrows(GeneratorInputException.class, () -> Generators.shape(generator(spec, 1), null));
        assertTrue(
                e.getMessage()
                        .startsWith("spec.generator.dataset: " + dir.resolve("bad.csv") + " has 3 rows that do not "
                                + "match spec.generator.dataset.columns (none was dropped: fix the rows or the columns): "
                                + "line 4: column amount \"2.5O\" is not a double; "
                                + "line 6: column approved \"yes\" is not a boolean (true or false); "
                                + "line 7: has 3 cells, the header 8"),
                e.getMessage());

        Files.writeString(
                dir.resolve("quote.csv"), csv().lines().findFirst().orElseThrow() + "\n1,\"acct-1\n2,acct-2\n");
        spec.setPath(dir.resolve("quote.csv").toString());
        e = assertThrows(GeneratorInputException.class, () -> Generators.shape(generator(spec, 1), null));
        assertTrue(
                e.getMessage()
                        .startsWith("spec.generator.dataset: " + dir.resolve("quote.csv") + " is not valid CSV: "
                                + "(startline 2) EOF reached before encapsulated token finished"),
                e.getMessage());

        Files.writeString(dir.resolve("bad.jsonl"), "{\"txn_id\": 1}\n\n[1]\n{oops\n");
        spec.setPath(dir.resolve("bad.jsonl").toString());
        e = assertThrows(GeneratorInputException.class, () -> Generators.shape(generator(spec, 1), null));
        assertTrue(e.getMessage().contains("has 3 rows that do not match"), e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains(
                                "line 1: column account_id is missing; line 3: is not a JSON object; line 4: is not JSON"),
                e.getMessage());
    }

    @Test
    void filesAsSpreadsheetsAndPandasWriteThemLoad() throws Exception {
        // a byte order mark, a blank (index) header, an undeclared column named twice, blank lines
        String[] lines = csv().split("\n");
        StringBuilder text = new StringBuilder("\uFEFF," + lines[0] + ",ignored\n");
        for (int i = 1; i < lines.length; i++) {
            text.append(i).append(',').append(lines[i]).append(",y\n").append(i % 10 == 0 ? "\n" : "");
        }
        Files.writeString(dir.resolve("excel.csv"), text);
        DatasetSpec spec = spec();
        spec.setPath(dir.resolve("excel.csv").toString());
        assertReplaysTheRows(draw(generator(spec, 7), null, DRAWS));

        // line numbers count the blank lines: the bad row below is on line 4
        Files.writeString(
                dir.resolve("blank.csv"),
                lines[0] + "\n" + lines[1] + "\n\n" + lines[2].replace("acct-1,1.25", "acct-1,x") + "\n");
        spec.setPath(dir.resolve("blank.csv").toString());
        GeneratorInputException e =
                assertThrows(GeneratorInputException.class, () -> Generators.shape(generator(spec, 1), null));
        assertTrue(e.getMessage().endsWith("line 4: column amount \"x\" is not a double"), e.getMessage());

        Files.write(
                dir.resolve("latin1.csv"),
                (lines[0] + "\n" + lines[1].replace("Inc.", "Caf\u00e9") + "\n").getBytes(StandardCharsets.ISO_8859_1));
        spec.setPath(dir.resolve("latin1.csv").toString());
        e = assertThrows(GeneratorInputException.class, () -> Generators.shape(generator(spec, 1), null));
        assertTrue(e.getMessage().endsWith("latin1.csv is not UTF-8 text: save it as UTF-8"), e.getMessage());
    }

    @Test
    void aMissingColumnOrFileIsNamed() throws Exception {
        Files.writeString(dir.resolve("tx.csv"), csv().replace("merchant", "shop"));
        DatasetSpec spec = spec();
        spec.setPath(dir.resolve("tx.csv").toString());
        GeneratorInputException e =
                assertThrows(GeneratorInputException.class, () -> Generators.shape(generator(spec, 1), null));
        assertTrue(
                e.getMessage()
                        .contains(
                                "has no column merchant in its header row (found [txn_id, account_id, amount, shop, "),
                e.getMessage());
        spec.setPath(dir.resolve("absent.csv").toString());
        e = assertThrows(GeneratorInputException.class, () -> Generators.shape(generator(spec, 1), null));
        assertTrue(
                e.getMessage().startsWith("spec.generator.dataset.path: no readable file " + dir.resolve("absent.csv")),
                e.getMessage());
        Files.writeString(dir.resolve("empty.csv"), "txn_id,account_id,amount,merchant,approved,at,note\n");
        spec.setPath(dir.resolve("empty.csv").toString());
        e = assertThrows(GeneratorInputException.class, () -> Generators.shape(generator(spec, 1), null));
        assertTrue(e.getMessage().endsWith("has no rows: give a dataset with at least one"), e.getMessage());
    }

    @Test
    void httpSourceIsFetchedOnce() throws Exception {
        byte[] body = csv().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int[] fetches = {0};
        server.createContext("/data/tx.csv", exchange -> {
            fetches[0]++;
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            DatasetSpec spec = spec();
            spec.setUrl(base + "/data/tx.csv?version=3");
            assertReplaysTheRows(draw(generator(spec, 7), null, DRAWS));
            assertEquals(1, fetches[0], "loaded once, shared by the generators it creates");
            spec.setUrl(base + "/data/gone.csv");
            GeneratorInputException e =
                    assertThrows(GeneratorInputException.class, () -> Generators.shape(generator(spec, 1), null));
            assertEquals(
                    "spec.generator.dataset.url: GET " + base
                            + "/data/gone.csv answered HTTP 404: give a URL that serves " + "the dataset",
                    e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void s3SourceIsReadWithTheSecretsKeyPair() throws Exception {
        Path secrets = dir.resolve("secrets");
        Files.createDirectories(secrets.resolve("s3-creds"));
        Files.writeString(secrets.resolve("s3-creds/accessKeyId"), "loadfleet\n");
        Files.writeString(secrets.resolve("s3-creds/secretAccessKey"), "correct-horse\n");
        try (S3Server server = S3Server.start("loadfleet", "correct-horse")) {
            server.putObject("datasets", "payments/tx.jsonl", jsonLines().getBytes(StandardCharsets.UTF_8));
            DatasetSpec spec = spec();
            S3ObjectSpec s3 = new S3ObjectSpec();
            s3.setEndpoint(server.endpoint().toString());
            s3.setBucket("datasets");
            s3.setKey("payments/tx.jsonl");
            S3SecretRef ref = new S3SecretRef();
            ref.setName("s3-creds");
            s3.setSecretRef(ref);
            spec.setS3(s3);
            GeneratorInputs inputs = new GeneratorInputs(dir, new SecretFiles(secrets));
            assertReplaysTheRows(draw(generator(spec, 7), inputs, DRAWS));

            Files.writeString(secrets.resolve("s3-creds/secretAccessKey"), "wrong");
            GeneratorInputException e =
                    assertThrows(GeneratorInputException.class, () -> Generators.shape(generator(spec, 1), inputs));
            assertTrue(
                    e.getMessage()
                            .startsWith("spec.generator.dataset.s3: cannot get s3://datasets/payments/tx.jsonl at "
                                    + server.endpoint()),
                    e.getMessage());
            assertTrue(e.getMessage().contains("403"), e.getMessage());
        }
    }
}
