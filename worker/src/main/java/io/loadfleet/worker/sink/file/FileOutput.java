package io.loadfleet.worker.sink.file;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A new file, buffered, that counts the bytes written to it (Parquet's writer asks for the
 * position; the sink rolls by it) and is forced to the disk when closed, so a finished file
 * survives a power loss. After a failed write it can be cut back to its last good flush.
 */
final class FileOutput extends PositionOutputStream {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final BufferedOutputStream out;
    private long position;
    /** Bytes known to be in the file: those of the last flush that succeeded. */
    private long flushedPosition;

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
        flushedPosition = position;
    }

    /**
     * Gives up on the file after a failed write: drops the buffered bytes and cuts off any that a
     * failed flush may have left, so the file ends at its last good flush; then closes it, and
     * deletes it when no flush got anything into it.
     */
    void abandon() throws IOException {
        if (channel.isOpen()) {
            try (channel) {
                channel.truncate(flushedPosition);
            }
        }
        if (flushedPosition == 0) {
            Files.deleteIfExists(path);
        }
    }

    /** Writes the buffer and forces the file to the disk; a failure leaves it open for {@link #abandon()}. */
    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return; // Parquet's writer closes its stream itself, and the file closes it again
        }
        flush();
        channel.force(true);
        channel.close();
    }
}
