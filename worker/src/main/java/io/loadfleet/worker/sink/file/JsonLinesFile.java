package io.loadfleet.worker.sink.file;

import io.loadfleet.worker.sink.OutgoingRecord;
import java.io.IOException;

/** One JSON object a line: the value the JSON encoder made (a file sink's records are always encoded as JSON). */
final class JsonLinesFile extends LineFile {

    JsonLinesFile(FileOutput out) {
        super(out);
    }

    @Override
    public void write(OutgoingRecord record) throws IOException {
        out.write(record.value);
        out.write('\n');
    }
}
