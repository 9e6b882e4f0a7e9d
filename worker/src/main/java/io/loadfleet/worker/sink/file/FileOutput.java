package io.loadfleet.worker.sink.file;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A new file, buffered, that counts the bytes written to it (Parquet's writer asks for the
 * position; the sink rolls by it) and is forced to the disk when closed, so a finished file
 * survives a power loss.
 */
final class FileOutput extends PositionOutputStream {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final BufferedOutputStream out;
    private long position;

    private FileOutput(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
    }

    /** Creates {@code path}; an existing file is never overwritten. */
    static FileOutput create(Path path) throws IOException {
        return new FileOutput(path, FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    Path path() {
        return path;
    }

    @Override
    public long getPos() {
        return position;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        position++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        position += len;
    }

    /** Hands the buffered bytes to the operating system: after this they are in the file. */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return; // Parquet's writer closes its stream itself; the sink may close it again after a failure
        }
        try (channel) {
            out.flush();
            channel.force(true);
        }
    }
}
