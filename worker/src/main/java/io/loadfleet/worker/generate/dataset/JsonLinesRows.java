package io.loadfleet.worker.generate.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;

/** Reads a JSON Lines dataset: one JSON object a line; blank lines are skipped. */
final class JsonLinesRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLinesRows() {}

    static void read(InputStream in, RowChecker checker) throws IOException {
        BufferedReader reader = new BufferedReader(DatasetSources.utf8(in));
        long line = 0;
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode row;
            try {
                row = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                checker.badRow(line, "is not JSON: " + e.getOriginalMessage());
                continue;
            }
            if (!row.isObject()) {
                checker.badRow(line, "is not a JSON object");
                continue;
            }
            checker.row(line, (i, column) -> column.parseJson(row.get(column.name())));
        }
    }
}
