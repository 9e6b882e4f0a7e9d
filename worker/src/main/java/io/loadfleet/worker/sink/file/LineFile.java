package io.loadfleet.worker.sink.file;

import java.io.IOException;

/** A file of text lines (CSV, JSON lines): buffered lines reach the file on every flush. */
abstract class LineFile implements RecordFile {
    protected final FileOutput out;

    LineFile(FileOutput out) {
        this.out = out;
    }

    @Override
    public boolean flushInPlace() throws IOException {
        out.flush();
        return true;
    }

    @Override
    public long size() {
        return out.getPos();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    @Override
    public void abandon() throws IOException {
        out.abandon();
    }
}
